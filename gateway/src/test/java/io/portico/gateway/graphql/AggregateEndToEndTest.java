package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Aggregate fields through the gateway over HTTP against the demo mesh's real Flight SQL ports, each checked against
 * the same SQL run directly on the port's DuckDB database: every aggregate function, every time bucket (in UTC and
 * in another zone, on zoned and local timestamps and on dates), grouped, ungrouped and top-N; and what the port
 * received: one statement per aggregate field, which groups and aggregates, so the gateway never sees a row.
 */
@DemoGatewayTest
class AggregateEndToEndTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    GraphQlClient graphQl;
    StatementLog salesLog;

    @BeforeEach
    void connect() {
        graphQl = new GraphQlClient(httpPort);
        salesLog = demo.port(DemoDomain.SALES).port().statementLog();
        salesLog.clear();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void everyFunctionOverTheWholeFilteredSetEqualsTheSameSqlOnDuckDb() throws SQLException {
        JsonNode aggregate = graphQl.data("""
                { sales { ordersAggregate(where: {status: {eq: "PAID"}}) {
                    count
                    sum { totalAmount itemCount }
                    avg { totalAmount itemCount }
                    min { createdAt totalAmount status updatedAt }
                    max { createdAt totalAmount status updatedAt }
                    countDistinct { customerId currency }
                    totalCount } } }""").path("sales").path("ordersAggregate");

        List<Object> expected = duckDb(DemoDomain.SALES, """
                SELECT count(*), sum(total_amount), sum(item_count), count(total_amount), avg(total_amount),
                       avg(item_count), min(created_at), min(total_amount), min(status), min(updated_at),
                       max(created_at), max(total_amount), max(status), max(updated_at),
                       count(DISTINCT customer_id), count(DISTINCT currency)
                FROM orders WHERE status = 'PAID'""").getFirst();
        assertThat(aggregate.path("count").asLong()).isEqualTo(expected.get(0)).isPositive();
        assertThat(decimal(aggregate.path("sum").path("totalAmount"))).isEqualTo(expected.get(1));
        assertThat(aggregate.path("sum").path("itemCount").asLong()).isEqualTo(((Number) expected.get(2)).longValue());
        BigDecimal exactMean = ((BigDecimal) expected.get(1)).divide(
                BigDecimal.valueOf(((Number) expected.get(3)).longValue()), MathContext.DECIMAL128);
        assertThat(decimal(aggregate.path("avg").path("totalAmount"))).isEqualTo(exactMean);
        assertThat(decimal(aggregate.path("avg").path("totalAmount")).doubleValue())
                .isCloseTo(((Number) expected.get(4)).doubleValue(), within(1e-6));
        assertThat(aggregate.path("avg").path("itemCount").asDouble())
                .isCloseTo(((Number) expected.get(5)).doubleValue(), within(1e-9));
        assertThat(instant(aggregate.path("min").path("createdAt"))).isEqualTo(expected.get(6));
        assertThat(decimal(aggregate.path("min").path("totalAmount"))).isEqualTo(expected.get(7));
        assertThat(aggregate.path("min").path("status").asString()).isEqualTo(expected.get(8));
        assertThat(LocalDateTime.parse(aggregate.path("min").path("updatedAt").asString())).isEqualTo(expected.get(9));
        assertThat(instant(aggregate.path("max").path("createdAt"))).isEqualTo(expected.get(10));
        assertThat(decimal(aggregate.path("max").path("totalAmount"))).isEqualTo(expected.get(11));
        assertThat(aggregate.path("max").path("status").asString()).isEqualTo(expected.get(12));
        assertThat(LocalDateTime.parse(aggregate.path("max").path("updatedAt").asString())).isEqualTo(expected.get(13));
        assertThat(aggregate.path("countDistinct").path("customerId").asLong()).isEqualTo(expected.get(14));
        assertThat(aggregate.path("countDistinct").path("currency").asLong()).isEqualTo(expected.get(15));
        assertThat(aggregate.path("totalCount").asLong()).isOne();
    }

    @Test
    void topGroupsByAnAggregateEqualTheSameSqlOnDuckDbInOneStatement() throws SQLException {
        JsonNode aggregate = graphQl.data("""
                { sales { ordersAggregate(groupBy: [status, currency], orderBy: [{sum: {totalAmount: DESC}}],
                                          first: 7) {
                    totalCount
                    groups { key { status currency } count sum { totalAmount } avg { totalAmount }
                             min { createdAt } max { createdAt } countDistinct { customerId } } } } }""")
                .path("sales").path("ordersAggregate");

        List<List<Object>> expected = duckDb(DemoDomain.SALES, """
                SELECT status, currency, count(*), sum(total_amount), count(total_amount), min(created_at),
                       max(created_at), count(DISTINCT customer_id)
                FROM orders GROUP BY status, currency
                ORDER BY sum(total_amount) DESC, status, currency LIMIT 7""");
        long groups = ((Number) duckDb(DemoDomain.SALES,
                "SELECT count(*) FROM (SELECT DISTINCT status, currency FROM orders)").getFirst().getFirst())
                .longValue();
        assertThat(aggregate.path("totalCount").asLong()).isEqualTo(groups).isGreaterThan(7);
        List<List<Object>> actual = new ArrayList<>();
        for (JsonNode group : aggregate.path("groups")) {
            BigDecimal sum = decimal(group.path("sum").path("totalAmount"));
            actual.add(List.of(group.path("key").path("status").asString(), group.path("key").path("currency").asString(),
                    group.path("count").asLong(), sum, decimal(group.path("avg").path("totalAmount")),
                    instant(group.path("min").path("createdAt")), instant(group.path("max").path("createdAt")),
                    group.path("countDistinct").path("customerId").asLong()));
        }
        List<List<Object>> expectedRows = expected.stream().map(row -> List.of(row.get(0), row.get(1), row.get(2),
                row.get(3), ((BigDecimal) row.get(3)).divide(BigDecimal.valueOf(((Number) row.get(4)).longValue()),
                        MathContext.DECIMAL128), row.get(5), row.get(6), row.get(7))).toList();
        assertThat(actual).isEqualTo(expectedRows);

        assertThat(salesLog.entries()).as("one statement for the aggregate field").hasSize(1);
        String sql = salesLog.entries().getFirst().sql().toLowerCase(Locale.ROOT);
        assertThat(sql).contains("group by", "count(*)", "sum(", "min(", "max(", "count(distinct", "over ()",
                "limit 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"})
    void everyBucketOfAZonedTimestampInUtcEqualsDateTruncOnDuckDb(String bucket) throws SQLException {
        JsonNode groups = graphQl.data("""
                { sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: %s}, first: 100000,
                                          orderBy: [{key: {createdAt: ASC}}]) {
                    groups { key { createdAt } count sum { netAmount } } } } }""".formatted(bucket))
                .path("sales").path("ordersAggregate").path("groups");

        List<List<Object>> expected = duckDb(DemoDomain.SALES, """
                SELECT date_trunc('%s', timezone('UTC', created_at)) AS bucket, count(*), sum(net_amount)
                FROM orders GROUP BY bucket ORDER BY bucket""".formatted(bucket.toLowerCase(Locale.ROOT)));
        assertThat(groups).hasSize(expected.size());
        List<List<Object>> actual = new ArrayList<>();
        for (JsonNode group : groups) {
            OffsetDateTime start = OffsetDateTime.parse(group.path("key").path("createdAt").asString());
            actual.add(List.of(start.atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime(), group.path("count").asLong(),
                    decimal(group.path("sum").path("netAmount"))));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aBucketInAnotherZoneIsCutAtThatZonesMidnight() throws SQLException {
        JsonNode groups = graphQl.data("""
                { sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: DAY}, timeZone: "Asia/Tokyo",
                                          first: 100000, orderBy: [{key: {createdAt: ASC}}]) {
                    groups { key { createdAt } count } } } }""")
                .path("sales").path("ordersAggregate").path("groups");

        List<List<Object>> expected = duckDb(DemoDomain.SALES, """
                SELECT date_trunc('day', timezone('Asia/Tokyo', created_at)) AS bucket, count(*)
                FROM orders GROUP BY bucket ORDER BY bucket""");
        List<List<Object>> actual = new ArrayList<>();
        for (JsonNode group : groups) {
            OffsetDateTime start = OffsetDateTime.parse(group.path("key").path("createdAt").asString());
            LocalDateTime tokyo = start.atZoneSameInstant(ZoneId.of("Asia/Tokyo")).toLocalDateTime();
            assertThat(tokyo.toLocalTime()).as("a Tokyo midnight").isEqualTo(java.time.LocalTime.MIDNIGHT);
            actual.add(List.of(tokyo, group.path("count").asLong()));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void bucketsOfALocalTimestampAndOfADateEqualDateTruncOnDuckDb() throws SQLException {
        JsonNode updated = graphQl.data("""
                { sales { ordersAggregate(groupBy: [updatedAt], buckets: {updatedAt: MONTH}, first: 1000,
                                          orderBy: [{key: {updatedAt: ASC}}]) {
                    groups { key { updatedAt } count } } } }""")
                .path("sales").path("ordersAggregate").path("groups");
        List<List<Object>> expectedUpdated = duckDb(DemoDomain.SALES, """
                SELECT date_trunc('month', updated_at) AS bucket, count(*) FROM orders
                GROUP BY bucket ORDER BY bucket NULLS FIRST""");
        List<List<Object>> actualUpdated = new ArrayList<>();
        for (JsonNode group : updated) {
            JsonNode key = group.path("key").path("updatedAt");
            actualUpdated.add(java.util.Arrays.asList(key.isNull() ? null : LocalDateTime.parse(key.asString()),
                    group.path("count").asLong()));
        }
        assertThat(actualUpdated).isEqualTo(expectedUpdated);

        JsonNode signups = graphQl.data("""
                { crm { customersAggregate(groupBy: [signupDate, segment], buckets: {signupDate: QUARTER},
                                           first: 1000, orderBy: [{count: DESC}]) {
                    groups { key { signupDate segment } count } } } }""")
                .path("crm").path("customersAggregate").path("groups");
        List<List<Object>> expectedSignups = duckDb(DemoDomain.CRM, """
                SELECT CAST(date_trunc('quarter', signup_date) AS DATE) AS bucket, segment, count(*) FROM customers
                GROUP BY bucket, segment ORDER BY count(*) DESC, bucket, segment""");
        List<List<Object>> actualSignups = new ArrayList<>();
        for (JsonNode group : signups) {
            actualSignups.add(List.of(LocalDate.parse(group.path("key").path("signupDate").asString()),
                    group.path("key").path("segment").asString(), group.path("count").asLong()));
        }
        assertThat(actualSignups).isEqualTo(expectedSignups);
    }

    @Test
    void aRelationshipsAggregatesAreOneStatementPerFieldForAllParentsAndEqualTheSameSql() throws SQLException {
        JsonNode customers = graphQl.data("""
                { crm { customers(first: 25, orderBy: [{customerId: ASC}]) { nodes {
                    customerId
                    ordersAggregate { count sum { totalAmount } max { createdAt } }
                    byStatus: ordersAggregate(groupBy: [status], orderBy: [{count: DESC}], first: 2) {
                      totalCount groups { key { status } count } } } } } }""")
                .path("crm").path("customers").path("nodes");

        assertThat(customers).hasSize(25);
        assertThat(salesLog.entries()).as("one statement per aggregate field, for all 25 customers").hasSize(2);
        assertThat(salesLog.entries()).allSatisfy(entry -> assertThat(entry.sql().toLowerCase(Locale.ROOT))
                .contains("group by", "\"customer_id\""));
        for (JsonNode customer : customers) {
            long id = customer.path("customerId").asLong();
            List<Object> all = duckDb(DemoDomain.SALES, "SELECT count(*), sum(total_amount), max(created_at)"
                    + " FROM orders WHERE customer_id = " + id).getFirst();
            JsonNode aggregate = customer.path("ordersAggregate");
            assertThat(aggregate.path("count").asLong()).as("customer %s", id).isEqualTo(all.get(0));
            if (all.get(1) == null) {
                assertThat(aggregate.path("sum").path("totalAmount").isNull()).isTrue();
            } else {
                assertThat(decimal(aggregate.path("sum").path("totalAmount"))).isEqualTo(all.get(1));
                assertThat(instant(aggregate.path("max").path("createdAt"))).isEqualTo(all.get(2));
            }
            List<List<Object>> expected = duckDb(DemoDomain.SALES, "SELECT status, count(*) FROM orders WHERE"
                    + " customer_id = " + id + " GROUP BY status ORDER BY count(*) DESC, status LIMIT 2");
            List<List<Object>> actual = new ArrayList<>();
            customer.path("byStatus").path("groups").forEach(group -> actual.add(
                    List.of(group.path("key").path("status").asString(), group.path("count").asLong())));
            assertThat(actual).as("customer %s", id).isEqualTo(expected);
            long statuses = ((Number) duckDb(DemoDomain.SALES, "SELECT count(DISTINCT status) FROM orders"
                    + " WHERE customer_id = " + id).getFirst().getFirst()).longValue();
            assertThat(customer.path("byStatus").path("totalCount").asLong()).isEqualTo(statuses);
        }
    }

    @Test
    void theSchemaOffersOnlyWhatMakesSensePerFieldType() {
        GraphQlClient.Response bucketOnText = graphQl.post("""
                { sales { ordersAggregate(groupBy: [status], buckets: {status: MONTH}) { groups { count } } } }""");
        GraphQlClient.Response sumOfText = graphQl.post("""
                { sales { ordersAggregate { sum { status } } } }""");

        assertThat(bucketOnText.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(sumOfText.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(salesLog.entries()).isEmpty();
    }

    @Test
    void badArgumentsAreTypedErrorsBeforeAnyPortCall() {
        GraphQlClient.Response tooMany = graphQl.post("""
                { sales { ordersAggregate(groupBy: [status], first: 100001) { groups { count } } } }""");
        GraphQlClient.Response notGrouped = graphQl.post("""
                { sales { ordersAggregate(groupBy: [status], buckets: {createdAt: DAY}) { groups { count } } } }""");
        GraphQlClient.Response keyNotGrouped = graphQl.post("""
                { sales { ordersAggregate(groupBy: [status], orderBy: [{key: {currency: ASC}}]) {
                    groups { count } } } }""");
        GraphQlClient.Response overAllWithGroups = graphQl.post("""
                { sales { ordersAggregate(groupBy: [status]) { count groups { count } } } }""");
        GraphQlClient.Response badZone = graphQl.post("""
                { sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: DAY}, timeZone: "Mars/Olympus") {
                    groups { count } } } }""");

        assertThat(tooMany.codes()).containsExactly("QUERY_LIMIT_EXCEEDED");
        assertThat(notGrouped.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(keyNotGrouped.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(overAllWithGroups.codes()).containsExactly("BAD_USER_INPUT");
        GraphQlClient.Response daylightSaving = graphQl.post("""
                { sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: DAY}, timeZone: "Europe/Paris") {
                    groups { count } } } }""");

        assertThat(badZone.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(daylightSaving.codes()).containsExactly("PUSHDOWN_UNSUPPORTED");
        assertThat(salesLog.entries()).as("no statement reached the port").isEmpty();
    }

    private List<List<Object>> duckDb(DemoDomain domain, String sql) throws SQLException {
        try (Connection connection = demo.port(domain).database().duplicate();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(jdbcValue(rows.getObject(column)));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** DuckDB's JDBC values as the JSON is read here: zoned times as instants, local ones and dates as java.time. */
    private static Object jdbcValue(Object value) {
        return switch (value) {
            case OffsetDateTime time -> time.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime();
            case java.sql.Date date -> date.toLocalDate();
            case Integer integer -> integer.longValue();
            case java.math.BigInteger integer -> integer.longValue();
            case null, default -> value;
        };
    }

    private static BigDecimal decimal(JsonNode value) {
        return new BigDecimal(value.asString());
    }

    private static java.time.Instant instant(JsonNode value) {
        return OffsetDateTime.parse(value.asString()).toInstant();
    }

    @SuppressWarnings("unused")
    private static final Map<String, String> NOTHING = Map.of();
}
