package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PortSql#render}: the statement is rendered inlined when planned; the placeholder text and values, rendered
 * only when asked for, are what jOOQ renders for the same query, so a plan reads as it did when all three were
 * rendered at once; a text value holding NUL is refused for DuckDB only, and only a text value.
 */
class PortSqlTest {

    private final PortSql renderers = new PortSql();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DUCKDB", "H2", "POSTGRES"})
    void bothRenderingsAreJooqsOwnForEveryKindOfValue(String dialect) {
        DSLContext sql = renderers.renderer(binding(dialect));
        Query query = everyKindOfValue(sql);

        PortQuery rendered = PortSql.render(sql, query);

        assertThat(rendered.statement()).isEqualTo(sql.renderInlined(query));
        assertThat(rendered.sql()).isEqualTo(sql.render(query)).contains("?").doesNotContain("O''Brien");
        assertThat(rendered.parameters()).isEqualTo(sql.extractBindValues(query)).hasSize(10);
        PortQuery allAtOnce = new PortQuery(sql.render(query), sql.extractBindValues(query), sql.renderInlined(query));
        assertThat(rendered).isEqualTo(allAtOnce).hasSameHashCodeAs(allAtOnce);
        assertThat(allAtOnce).isEqualTo(rendered);
        assertThat(rendered.toString()).isEqualTo(allAtOnce.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DUCKDB", "H2", "POSTGRES"})
    void queriesThatDifferInAValueDifferInBothRenderings(String dialect) {
        DSLContext sql = renderers.renderer(binding(dialect));

        PortQuery emea = PortSql.render(sql, byRegion(sql, "EMEA"));
        PortQuery apac = PortSql.render(sql, byRegion(sql, "APAC"));

        assertThat(emea.statement()).isNotEqualTo(apac.statement());
        assertThat(emea.sql()).isEqualTo(apac.sql());
        assertThat(emea).isNotEqualTo(apac);
        assertThat(emea).isEqualTo(PortSql.render(sql, byRegion(sql, "EMEA")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DUCKDB", "H2", "POSTGRES"})
    void aTextValueHoldingNulIsRefusedForDuckDbOnly(String dialect) {
        DSLContext sql = renderers.renderer(binding(dialect));
        Query query = byRegion(sql, "nul\u0000inside");

        if (!dialect.equals("DUCKDB")) {
            assertThat(PortSql.render(sql, query).statement()).contains("nul\u0000inside");
            return;
        }
        assertThatThrownBy(() -> PortSql.render(sql, query)).isInstanceOfSatisfying(PorticoException.class,
                failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
                    assertThat(failure.getMessage()).contains("NUL");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DUCKDB", "H2", "POSTGRES"})
    void aZeroByteInABinaryValueOrTextWithoutNulIsNotRefused(String dialect) {
        DSLContext sql = renderers.renderer(binding(dialect));
        Query query = sql.select(field(name("id"))).from(table(name("t")))
                .where(field(name("payload"), byte[].class).eq(val(new byte[] {0, 1, 0})))
                .and(field(name("region"), String.class).eq(val("\\0 and \u0001")));

        PortQuery rendered = PortSql.render(sql, query);

        assertThat(rendered.statement()).doesNotContain("\u0000");
        assertThat(rendered.parameters()).hasSize(2);
    }

    private static Query byRegion(DSLContext sql, String region) {
        return sql.select(field(name("id"))).from(table(name("customers")))
                .where(field(name("region"), String.class).eq(val(region)))
                .limit(inline(11));
    }

    private static Query everyKindOfValue(DSLContext sql) {
        Condition condition = field(name("a"), Long.class).eq(val(42L))
                .and(field(name("b"), Integer.class).eq(val(7)))
                .and(field(name("c"), Double.class).lt(val(0.25)))
                .and(field(name("d"), BigDecimal.class).ge(val(new BigDecimal("-12.3400"))))
                .and(field(name("e"), String.class).eq(val("O'Brien -- ?")))
                .and(field(name("f"), Boolean.class).eq(val(true)))
                .and(field(name("g"), LocalDate.class).eq(val(LocalDate.of(2024, 2, 29))))
                .and(field(name("h"), LocalTime.class).eq(val(LocalTime.of(23, 59, 58))))
                .and(field(name("i"), LocalDateTime.class).gt(val(LocalDateTime.of(1969, 12, 31, 23, 59, 59))))
                .and(field(name("j"), OffsetDateTime.class)
                        .lt(val(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))));
        return sql.select(field(name("a")), field(name("e"))).from(table(name("t"))).where(condition)
                .orderBy(field(name("a")).desc())
                .limit(inline(101));
    }

    private static DatasetBinding binding(String dialect) {
        return new DatasetBinding("a-port", "shop", "items", "items", dialect, List.of(), List.of());
    }
}
