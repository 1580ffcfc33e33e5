package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.plan.RelatedKeyConditions;
import io.portico.gateway.plan.RowFilterTranslator;
import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.PortCallGuard;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.policies.filter.RowFilterParser;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaComposer;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.jooq.Condition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a related dataset's allowed keys from a real Flight SQL port (the demo's crm port over DuckDB, 200
 * customers): the keys the related filter admits, at most the maximum (more refuse, nothing truncated), cached for
 * a while per bound filter, on a clock the test moves.
 */
class AllowedKeysTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    private static BufferAllocator allocator;
    private static TestPort port;
    private static FlightPortClient client;
    private static DatasetBinding customers;
    private static ExecutorService executor;

    private final AtomicLong nanos = new AtomicLong();

    @BeforeAll
    static void startPort() throws SQLException {
        allocator = new RootAllocator();
        OutputPortContract contract = ContractBuilder.demo(DemoDomain.CRM);
        port = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.CRM, 42, 0.01))
                .contract(contract).start();
        client = new FlightPortClient(port.location().getUri(), contract.domain(), TestPortCredentials.channels(),
                allocator, Duration.ofSeconds(10), PortCallGuard.timeoutOnly(Duration.ofSeconds(10)));
        customers = SchemaComposer.compose(new RegistrySnapshot(1, List.of(new PortSnapshot(contract,
                client.fetchSchemas(contract.id()))))).datasets().getFirst();
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterAll
    static void stopPort() throws SQLException {
        executor.close();
        client.close();
        port.close();
        allocator.close();
    }

    @BeforeEach
    void clearLog() {
        port.statementLog().clear();
    }

    @Test
    void readsTheDistinctKeysTheRelatedFilterAdmits() throws SQLException {
        List<List<Object>> keys = allowedKeys(1000, TTL).read(customers, client, keyFields(), region("EMEA"), 1,
                "sales.orders").join();

        Set<Long> read = new HashSet<>();
        keys.forEach(key -> read.add(((Number) key.getFirst()).longValue()));
        assertThat(read).hasSize(keys.size()).isEqualTo(customerIds("EMEA"));
        assertThat(keyReads()).singleElement().satisfies(statement -> {
            assertThat(statement.sql()).startsWithIgnoringCase("select distinct \"customer_id\" from \"customers\"")
                    .containsIgnoringCase("limit 1001");
            assertThat(statement.sql()).contains("'EMEA'");
            assertThat(statement.parameters()).as("values are inlined literals").isEmpty();
        });
    }

    @Test
    void aSetIsReusedForItsTimeToLiveAndPerBoundFilter() {
        AllowedKeys keys = allowedKeys(1000, TTL);

        List<List<Object>> first = keys.read(customers, client, keyFields(), region("EMEA"), 1, "sales.orders").join();
        List<List<Object>> again = keys.read(customers, client, keyFields(), region("EMEA"), 1, "sales.orders").join();
        keys.read(customers, client, keyFields(), region("APAC"), 1, "sales.orders").join();
        keys.read(customers, client, keyFields(), region("EMEA"), 2, "sales.orders").join();

        assertThat(again).isEqualTo(first);
        assertThat(keys.reads()).as("EMEA once, APAC once, EMEA again at a new registry version").isEqualTo(3);
        nanos.addAndGet(TTL.plusSeconds(1).toNanos());
        keys.read(customers, client, keyFields(), region("EMEA"), 1, "sales.orders").join();
        assertThat(keys.reads()).as("read again once expired").isEqualTo(4);
        assertThat(keyReads()).hasSize(4);
    }

    @Test
    void withoutATimeToLiveEveryRequestReads() {
        AllowedKeys keys = allowedKeys(1000, Duration.ZERO);

        keys.read(customers, client, keyFields(), region("EMEA"), 1, "sales.orders").join();
        keys.read(customers, client, keyFields(), region("EMEA"), 1, "sales.orders").join();

        assertThat(keys.reads()).isEqualTo(2);
    }

    @Test
    void moreKeysThanTheMaximumRefuseTheRequestAndAreNeverTruncated() throws SQLException {
        int emea = customerIds("EMEA").size();
        AllowedKeys keys = allowedKeys(emea - 1, TTL);

        for (int attempt = 0; attempt < 2; attempt++) {
            CompletionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                    CompletionException.class, () -> keys.read(customers, client, keyFields(), region("EMEA"), 1,
                            "sales.orders").join());
            assertThat(failure.getCause()).isInstanceOfSatisfying(PorticoException.class, refusal -> {
                assertThat(refusal.code()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
                assertThat(refusal.getMessage()).contains("row filter of sales.orders", "crm.customers",
                        "portico.policies.related-filter.max-keys (" + (emea - 1) + ")")
                        .doesNotContain("EMEA");
            });
        }
        assertThat(keys.reads()).as("the refusal is cached like a set").isEqualTo(1);
        assertThat(keyReads()).singleElement().satisfies(statement ->
                assertThat(statement.sql()).containsIgnoringCase("limit " + emea));
        assertThat(allowedKeys(emea, TTL).read(customers, client, keyFields(), region("EMEA"), 1, "sales.orders")
                .join()).as("exactly the maximum is fine").hasSize(emea);
    }

    private AllowedKeys allowedKeys(int maxKeys, Duration ttl) {
        return new AllowedKeys(new QueryPlanner(100), executor, maxKeys, ttl, 1_000_000, nanos::get);
    }

    private static List<FieldBinding> keyFields() {
        return RelatedKeyConditions.fields(customers, List.of("customer_id")).orElseThrow();
    }

    private static Condition region(String region) {
        return new RowFilterTranslator(customers).translate(RowFilterParser.parse("region = '" + region + "'"));
    }

    private static List<StatementLog.Entry> keyReads() {
        return port.statementLog().entries().stream()
                .filter(entry -> entry.sql().toLowerCase(java.util.Locale.ROOT).startsWith("select distinct"))
                .toList();
    }

    private static Set<Long> customerIds(String region) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (java.sql.Connection connection = port.database().duplicate();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT customer_id FROM customers WHERE region = '" + region
                     + "'")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
