package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlStatementsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.plan.RequestFilter;
import io.portico.schema.error.ErrorCode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Timestamp literals are read as written, whatever the JVM's default zone. */
class TimestampLiteralsTest {

    private final SqlStatements statements = new SqlStatements(SqlTestTables.TABLES);

    @Test
    void aWallClockTimeInADaylightSavingGapOfTheDefaultZoneIsReadAsWritten() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
        try {
            assertThat(value("updated_at = TIMESTAMP '2024-03-31 02:30:00'"))
                    .isEqualTo(LocalDateTime.of(2024, 3, 31, 2, 30));
            assertThat(value("created_at = timestamp'2024-03-31 02:30:00'"))
                    .isEqualTo(OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneOffset.UTC));
            assertThat(value("updated_at = CAST('2024-03-31 02:30:00' AS TIMESTAMP)"))
                    .isEqualTo(LocalDateTime.of(2024, 3, 31, 2, 30));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void onlyTheKeywordBeforeALiteralIsRewritten() {
        assertThat(TimestampLiterals.rewrite("SELECT a FROM s.t WHERE b = TIMESTAMP '2024-01-01 00:00:00'"))
                .isEqualTo("SELECT a FROM s.t WHERE b = CAST('2024-01-01 00:00:00' AS TIMESTAMP)");
        for (String untouched : List.of(
                "SELECT a FROM s.t WHERE b = 'TIMESTAMP ''x'''",
                "SELECT \"timestamp\" FROM s.t -- timestamp 'x'",
                "SELECT a FROM s.t /* TIMESTAMP 'x' */ WHERE my_timestamp = 'x' AND t.timestamp = 'y'",
                "SELECT a FROM s.t WHERE b = TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+02:00'",
                "SELECT current_timestamp FROM s.t")) {
            assertThat(TimestampLiterals.rewrite(untouched)).isEqualTo(untouched);
        }
    }

    @Test
    void aTimestampLiteralThatIsNoTimestampIsBadInputAndParseErrorsQuoteTheStatementAsSent() {
        assertError(() -> statements.read("SELECT order_id FROM sales.orders WHERE updated_at = TIMESTAMP"
                + " '2024-13-45 99:00:00'", List.of()), ErrorCode.BAD_USER_INPUT, "does not fit column updated_at");
        assertError(() -> statements.read("SELECT order_id FROM sales.orders WHERE status = TIMESTAMP"
                + " '2024-01-01 00:00:00'", List.of()), ErrorCode.BAD_USER_INPUT, "does not fit column status");
        assertError(() -> statements.read("SELECT order_id FROM sales.orders WHERE updated_at = TIMESTAMP"
                + " '2024-01-01 00:00:00' AND", List.of()), ErrorCode.STATEMENT_REFUSED, "[1:89]",
                "TIMESTAMP '2024-01-01 00:00:00' AND[*]");
    }

    private Object value(String condition) {
        SqlRead.Rows rows = (SqlRead.Rows) statements.read("SELECT order_id FROM sales.orders WHERE " + condition,
                List.of());
        return ((RequestFilter.Compare) rows.request().where()).value();
    }
}
