package io.portico.gateway.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.portico.flight.StatementLog;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.CursorSeal;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.RequestedSort;
import io.portico.gateway.plan.SortDirection;
import io.portico.gateway.plan.TimeBucket;
import io.portico.gateway.policy.AllowedKeys;
import io.portico.gateway.policy.DatasetPolicyTarget;
import io.portico.gateway.policy.DeniedField;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.PortReader;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.policies.Subject;
import io.portico.policies.audit.AuditField;
import io.portico.policies.audit.AuditRowFilter;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.decision.PortEndpoint;
import io.portico.policies.mask.HashKey;
import io.portico.policies.model.Effect;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.policies.store.PolicyStore;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.RelationshipBinding;
import io.portico.schema.compose.SchemaComposer;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read path driven directly, without GraphQL, as every front door drives it: a real Flight SQL port on loopback
 * over DuckDB (domain {@code shop}: 9 customers in regions EMEA, APAC, AMER in turn; 20 orders, order {@code i} of
 * customer {@code (i - 1) % 9 + 1} for {@code i * 10}, none for every 7th), a real policy set parsed from its YAML
 * (analysts: {@code email} redacted, {@code birth_date} denied, the customers of their own {@code region} claim,
 * orders of 100 and more), row filters rendered as the schema's wiring renders them, and the port reached through
 * a counting {@link PortReader} over the real client. Each case fails if the reader skipped its step: what the
 * port received (its statement log) and what the page holds are both checked.
 */
class DatasetReaderTest {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: shop-store-port
            version: 1.0.0
            status: active
            domain: shop
            dataProduct: store
            servers:
              - server: shop-port
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: customers
                physicalName: shop_customers
                properties:
                  - {name: customer_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true}
                  - {name: email, logicalType: string}
                  - {name: region, logicalType: string, required: true}
                  - {name: birth_date, logicalType: date}
              - name: orders
                physicalName: shop_orders
                properties:
                  - {name: order_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true}
                  - name: customer_id
                    logicalType: integer
                    physicalType: BIGINT
                    relationships:
                      - {type: foreignKey, to: customers.customer_id}
                  - {name: amount, logicalType: integer}
            """;

    private static final String POLICIES = """
            version: 1
            rules:
              - name: analysts-redact-emails
                subjects: {roles: [analyst]}
                resources: {domain: shop, dataset: customers, fields: [email]}
                effect: mask
                mask: redact
              - name: analysts-no-birth-dates
                subjects: {roles: [analyst]}
                resources: {domain: shop, dataset: customers, fields: [birth_date]}
                effect: deny
              - name: analysts-see-own-region
                subjects: {roles: [analyst]}
                resources: {domain: shop, dataset: customers}
                rowFilter: "region = subject.region"
              - name: analysts-see-large-orders
                subjects: {roles: [analyst]}
                resources: {domain: shop, dataset: orders}
                rowFilter: "amount >= 100"
            """;

    private static final Subject EMEA_ANALYST = new Subject("ana", Set.of("analyst"), Set.of(), Set.of(),
            Map.of("region", "EMEA"));
    private static final Subject STEWARD = Subject.of("stu", Set.of("steward"));
    private static final int KEYS_PER_STATEMENT = 100;

    private static TestPort port;
    private static BufferAllocator allocator;
    private static FlightPortClients clients;
    private static ExecutorService portCalls;
    private static QueryPolicies policies;
    private static DatasetReader reader;
    private static CountingPortReader counting;
    private static DatasetSource customers;
    private static DatasetSource orders;
    private static RelationshipBinding orderCustomer;
    private static RelationshipBinding customerOrders;

    @BeforeAll
    static void startPortAndReader() throws SQLException {
        port = TestPortCredentials.startPort(CONTRACT,
                "CREATE TABLE shop_customers (customer_id BIGINT PRIMARY KEY, email VARCHAR, region VARCHAR NOT NULL,"
                        + " birth_date DATE)",
                "INSERT INTO shop_customers SELECT i, 'customer' || i || '@example.com',"
                        + " ['EMEA', 'APAC', 'AMER'][(i - 1) % 3 + 1], DATE '1980-01-01' + CAST(i AS INTEGER)"
                        + " FROM range(1, 10) t(i)",
                "CREATE TABLE shop_orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT, amount INTEGER)",
                "INSERT INTO shop_orders SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE (i - 1) % 9 + 1 END,"
                        + " CAST(i * 10 AS INTEGER) FROM range(1, 21) t(i)");
        allocator = new RootAllocator();
        clients = new FlightPortClients(allocator, TestPortCredentials.channels(), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        portCalls = Executors.newVirtualThreadPerTaskExecutor();
        OutputPortContract contract = ContractParser.parse(port.contract());
        FlightPortClient client = clients.forPort(contract.domain(),
                contract.flightServer().flatMap(ServerContract::flightSqlUrl).orElseThrow());
        // As registration records a port: each dataset's live schema, read by its table, under the dataset's name.
        Map<String, Schema> tables = client.fetchSchemas(contract.id(), List.of("shop_customers", "shop_orders"));
        Map<String, Schema> liveSchemas = new TreeMap<>();
        for (DatasetContract dataset : contract.datasets()) {
            liveSchemas.put(dataset.name(), tables.get(dataset.physicalName()));
        }
        PortSnapshot portSnapshot = new PortSnapshot(contract, liveSchemas);
        RegistrySnapshot snapshot = new RegistrySnapshot(1, List.of(portSnapshot));
        ComposedSchema schema = SchemaComposer.compose(snapshot);
        QueryPlanner planner = new QueryPlanner(1_000, CursorSeal.random());

        // As SchemaWiring wires a schema: a policy target per dataset, every dataset by URN for row filters.
        Map<String, RowFilterConditions.Target> targets = new TreeMap<>();
        counting = new CountingPortReader(client);
        for (DatasetBinding binding : schema.datasets()) {
            DatasetPolicyTarget target = DatasetPolicyTarget.of(snapshot, portSnapshot, binding);
            targets.put(target.datasetUrn(),
                    new RowFilterConditions.Target(binding, client, PortEndpoint.of(contract)));
            DatasetSource source = new DatasetSource(binding, target, counting);
            switch (binding.dataset()) {
                case "customers" -> customers = source;
                case "orders" -> orders = source;
                default -> throw new IllegalStateException("unexpected dataset " + binding.dataset());
            }
        }
        AllowedKeys allowedKeys = new AllowedKeys(planner, portCalls, 10_000, Duration.ofSeconds(30), 1_000_000,
                Ticker.systemTicker());
        reader = new DatasetReader(planner, new RowFilterConditions(targets, snapshot.version(), allowedKeys),
                portCalls);
        orderCustomer = relationship(schema, "orders", RelationshipBinding.Cardinality.MANY_TO_ONE);
        customerOrders = relationship(schema, "customers", RelationshipBinding.Cardinality.ONE_TO_MANY);

        LoadedPolicySet set = LoadedPolicySet.of(PolicyParser.parse("shop.yaml", POLICIES), Instant.now(),
                List.of("shop.yaml"));
        policies = new QueryPolicies(new PolicyStore(set), new DecisionCache(10), HashKey.random(new SecureRandom()));
    }

    @AfterAll
    static void stopPort() throws SQLException {
        try {
            portCalls.close();
            clients.close();
            assertThat(allocator.getAllocatedMemory()).as("the clients' Arrow memory").isZero();
            allocator.close();
        } finally {
            port.close();
        }
    }

    @BeforeEach
    void clearStatementLog() {
        port.statementLog().clear();
    }

    @Test
    void aMaskedFieldComesBackMaskedAndThePortGetsNoFilterOnIt() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);

        DatasetPage page = reader.page(customers, policy, request(List.of("customerId", "email"), 10)).join();

        assertThat(column(page, "customerId")).containsExactly(1L, 4L, 7L);
        assertThat(column(page, "email")).as("redacted: letters x, digits n")
                .containsExactly("xxxxxxxxn@xxxxxxx.xxx", "xxxxxxxxn@xxxxxxx.xxx", "xxxxxxxxn@xxxxxxx.xxx")
                .noneMatch(email -> email.toString().contains("customer"));
        assertThat(page.denied()).isEmpty();
        assertThat(statements()).singleElement().satisfies(statement -> {
            assertThat(where(statement.sql())).as("no condition on the masked field").doesNotContain("email");
            assertThat(statement.sql()).as("no raw value of it").doesNotContain("example.com");
        });

        DatasetPage steward = reader.page(customers, policies.begin(STEWARD), request(List.of("email"), 10)).join();
        assertThat(column(steward, "email")).as("the same column, read as it is by a subject it is not masked for")
                .startsWith("customer1@example.com", "customer2@example.com");
    }

    @Test
    void aStreamedPageCarriesOnlyWhatTheSubjectIsShownAsArrowBatches() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        BatchRecorder recorder = new BatchRecorder();

        List<List<Object>> rows = reader.stream(customers, policy,
                request(List.of("email", "customerId", "birthDate"), 2), () -> recorder).join();

        assertThat(recorder.columns).as("selected order; birthDate denied, so not a column at all")
                .containsExactly("email", "customer_id");
        assertThat(rows).as("masked on the batch, the row filter's rows, at most first")
                .containsExactly(List.of("xxxxxxxxn@xxxxxxx.xxx", 1L), List.of("xxxxxxxxn@xxxxxxx.xxx", 4L));
        assertThat(policy.datasetsRead()).singleElement()
                .satisfies(read -> assertThat(read.rowsReturned()).isEqualTo(2));

        BatchRecorder emailOnly = new BatchRecorder();
        reader.stream(customers, policies.begin(EMEA_ANALYST), request(List.of("email"), 10), () -> emailOnly).join();
        assertThat(emailOnly.columns).as("the key the plan orders by is fetched, never handed on").containsExactly("email");
        assertThat(statements().getLast().sql()).contains("customer_id");
    }

    @Test
    void aDeniedFieldIsNotFetchedAndIsReportedWithItsRule() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);

        DatasetPage page = reader.page(customers, policy, request(List.of("customerId", "birthDate"), 10)).join();

        assertThat(statements()).singleElement().satisfies(statement ->
                assertThat(statement.sql().toLowerCase(Locale.ROOT)).contains("customer_id")
                        .doesNotContain("birth_date"));
        assertThat(page.plan().columnIndex("birthDate")).as("not a column of the page").isEqualTo(-1);
        assertThat(page.rows().fields()).extracting(Field::getName).doesNotContain("birth_date");
        assertThat(column(page, "customerId")).containsExactly(1L, 4L, 7L);
        assertThat(page.withheld()).containsExactly("birthDate");
        assertThat(page.denied()).containsExactly(
                new DeniedField("birthDate", "shop.customers.birthDate", "analysts-no-birth-dates"));

        DatasetPage steward = reader.page(customers, policies.begin(STEWARD),
                request(List.of("customerId", "birthDate"), 10)).join();
        assertThat(steward.plan().columnIndex("birthDate")).as("fetched for a subject it is not denied to")
                .isNotNegative();
        assertThat(steward.withheld()).isEmpty();
        assertThat(steward.denied()).isEmpty();
    }

    @Test
    void theRowFilterIsInTheSqlAndOnlyItsRowsComeBack() {
        DatasetPage emea = reader.page(customers, policies.begin(EMEA_ANALYST),
                request(List.of("customerId", "region"), 100)).join();
        Subject apacAnalyst = new Subject("abe", Set.of("analyst"), Set.of(), Set.of(), Map.of("region", "APAC"));
        DatasetPage apac = reader.page(customers, policies.begin(apacAnalyst),
                request(List.of("customerId", "region"), 100)).join();
        DatasetPage all = reader.page(customers, policies.begin(STEWARD),
                request(List.of("customerId", "region"), 100)).join();

        assertThat(column(emea, "customerId")).containsExactly(1L, 4L, 7L);
        assertThat(column(emea, "region")).containsOnly("EMEA");
        assertThat(column(apac, "customerId")).containsExactly(2L, 5L, 8L);
        assertThat(column(all, "customerId")).hasSize(9);
        List<StatementLog.Entry> statements = statements();
        assertThat(statements).hasSize(3);
        assertThat(where(statements.get(0).sql())).contains("\"region\" = 'EMEA'");
        assertThat(where(statements.get(1).sql())).contains("\"region\" = 'APAC'");
        assertThat(where(statements.get(2).sql())).as("no row filter for the steward").doesNotContain("region");
    }

    @Test
    void aFilterOrSortOnAMaskedOrDeniedFieldIsRefusedBeforeAnyPortCall() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        int calls = counting.calls();
        List<DatasetRequest> refused = List.of(
                new DatasetRequest(List.of("customerId"),
                        new RequestFilter.Compare("email", RequestFilter.Operator.EQ, "customer1@example.com"),
                        List.of(), 10, null, false),
                new DatasetRequest(List.of("customerId"), new RequestFilter.Not(new RequestFilter.Or(List.of(
                        RequestFilter.ALL, new RequestFilter.IsNull("birthDate", false)))), List.of(), 10, null,
                        false),
                new DatasetRequest(List.of("customerId"), RequestFilter.ALL,
                        List.of(new RequestedSort("email", SortDirection.ASC)), 10, null, false),
                new DatasetRequest(List.of("customerId"), RequestFilter.ALL,
                        List.of(new RequestedSort("birthDate", SortDirection.DESC)), 10, null, false));

        for (DatasetRequest request : refused) {
            assertThatThrownBy(() -> reader.page(customers, policy, request)).as("page of %s", request)
                    .isInstanceOfSatisfying(PorticoException.class, failure -> {
                        assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(failure.getMessage()).containsAnyOf("analysts-redact-emails",
                                "analysts-no-birth-dates");
                    });
            assertThatThrownBy(() -> reader.related(customers, policy, request, List.of("customerId"),
                    List.of(key(1L)), true, KEYS_PER_STATEMENT)).as("related rows of %s", request)
                    .isInstanceOfSatisfying(PorticoException.class, failure ->
                            assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }

        assertThat(counting.calls()).as("no port read").isEqualTo(calls);
        assertThat(port.statementLog().entries()).as("nothing reached the port").isEmpty();
        DatasetPage steward = reader.page(customers, policies.begin(STEWARD), refused.getFirst()).join();
        assertThat(column(steward, "customerId")).as("the same filter, for a subject who may see the field")
                .containsExactly(1L);
    }

    @Test
    void anAggregateIsOneStatementUnderTheRowFilterRecordedForAuditAndRefusedOnHiddenFields() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        int calls = counting.calls();
        AggregateRequest.Measure sum = new AggregateRequest.Measure(AggregateFunction.SUM, "amount");
        AggregateRequest.Measure customersCounted =
                new AggregateRequest.Measure(AggregateFunction.COUNT_DISTINCT, "customerId");

        DatasetAggregate aggregate = reader.aggregate(orders, policy, new AggregateRequest(null, List.of(),
                List.of(sum, customersCounted), List.of(), 10, null, true)).join();

        assertThat(counting.calls() - calls).as("one statement").isEqualTo(1);
        assertThat(aggregate.groups()).isOne();
        assertThat(aggregate.count(0)).as("orders 10..20: amount >= 100").isEqualTo(11);
        assertThat(aggregate.value(0, sum)).isEqualTo(1650L);
        assertThat(aggregate.value(0, customersCounted)).as("customers 1-4 and 6-9; order 14 has none")
                .isEqualTo(8L);
        assertThat(where(statements().getLast().sql())).contains("\"amount\" >= 100");
        assertThat(aggregate.plan().pushdown().aggregated()).isTrue();
        assertThat(policy.datasetsRead()).singleElement().satisfies(read -> {
            assertThat(read.urn()).isEqualTo(orders.target().datasetUrn());
            assertThat(read.fields()).extracting(AuditField::field).containsExactly("amount", "customer_id");
            assertThat(read.rowFilters()).extracting(AuditRowFilter::rule).containsExactly("analysts-see-large-orders");
            assertThat(read.rowsReturned()).as("groups returned").isEqualTo(1);
        });

        int before = counting.calls();
        List<AggregateRequest> refused = List.of(
                new AggregateRequest(null, List.of(), List.of(new AggregateRequest.Measure(AggregateFunction.MIN,
                        "email")), List.of(), 10, null, false),
                new AggregateRequest(null, List.of(new AggregateRequest.GroupKey("birthDate", TimeBucket.YEAR)),
                        List.of(), List.of(), 10, null, false),
                new AggregateRequest(null, List.of(new AggregateRequest.GroupKey("region", null)), List.of(),
                        List.of(new AggregateRequest.AggregateOrder.ByMeasure(new AggregateRequest.Measure(
                                AggregateFunction.COUNT_DISTINCT, "email"), SortDirection.DESC)), 10, null, false));
        for (AggregateRequest request : refused) {
            assertThatThrownBy(() -> reader.aggregate(customers, policy, request)).as("%s", request)
                    .isInstanceOfSatisfying(PorticoException.class, failure -> {
                        assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(failure.getMessage()).containsAnyOf("analysts-redact-emails",
                                "analysts-no-birth-dates");
                    });
        }
        assertThat(counting.calls()).as("no port read").isEqualTo(before);
    }

    @Test
    void theReadIsRecordedForAuditWithItsFieldsAndTheRowsReturned() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        assertThat(policy.datasetsRead()).isEmpty();

        DatasetPage page = reader.page(customers, policy, request(List.of("customerId", "email", "birthDate"), 2))
                .join();

        assertThat(page.rows().rowCount()).as("the page and the row telling a next page exists").isEqualTo(3);
        assertThat(policy.datasetsRead()).singleElement().satisfies(read -> {
            assertThat(read.urn()).isEqualTo(customers.target().datasetUrn());
            assertThat(read.fields()).containsExactly(
                    new AuditField("customer_id", Effect.ALLOW, "defaults.unmatched", null),
                    new AuditField("email", Effect.MASK, "analysts-redact-emails", "redact"),
                    new AuditField("birth_date", Effect.DENY, "analysts-no-birth-dates", null));
            assertThat(read.joinFields()).isEmpty();
            assertThat(read.rowFilters()).containsExactly(
                    new AuditRowFilter("analysts-see-own-region", "region = subject.region"));
            assertThat(read.rowsReturned()).as("the rows shown, not the extra one").isEqualTo(2);
        });
    }

    @Test
    void manyToOneRelatedRowsSkipNullKeysReadDuplicatesOnceAndKeepTheRowFilter() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        DatasetRequest request = new DatasetRequest(List.of("customerId", "email"), RequestFilter.ALL, List.of(), 0,
                null, false);
        List<List<Object>> keys = List.of(key(1L), key(2L), key(1L), key((Object) null), key(4L), key(4L));
        int calls = counting.calls();

        RelatedRows related = reader.related(customers, policy, request, orderCustomer.targetFields(), keys, false, 1)
                .join();

        assertThat(orderCustomer.toMany()).isFalse();
        assertThat(counting.calls() - calls).as("one statement per distinct key without a null, one key each")
                .isEqualTo(3);
        List<StatementLog.Entry> statements = statements();
        assertThat(statements).hasSize(3).allSatisfy(statement ->
                assertThat(where(statement.sql())).contains("\"region\" = 'EMEA'"));
        assertThat(related.byKey()).as("customer 2 is in APAC: filtered out").containsOnlyKeys(List.of(1L),
                List.of(4L));
        assertThat(related.byKey().get(List.of(4L))).satisfies(rows -> {
            int email = related.plan().shape().columnIndex("email");
            assertThat(rows.rows()).hasSize(1);
            assertThat(rows.result().value(email, rows.rows()[0])).isEqualTo("xxxxxxxxn@xxxxxxx.xxx");
        });
        assertThat(policy.datasetsRead()).singleElement().satisfies(read -> {
            assertThat(read.rowsReturned()).isEqualTo(2);
            assertThat(read.fields()).extracting(AuditField::field).containsExactly("customer_id", "email");
        });
    }

    @Test
    void oneToManyRelatedRowsGiveEachKeyItsOwnPageUnderTheRowFilter() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        DatasetRequest request = new DatasetRequest(List.of("orderId", "amount"), RequestFilter.ALL, List.of(), 10,
                null, true);
        List<List<Object>> keys = List.of(key(1L), key(4L), key(1L), key(3L), key((Object) null));

        RelatedRows related = reader.related(orders, policy, request, customerOrders.targetFields(), keys, true,
                KEYS_PER_STATEMENT).join();

        assertThat(customerOrders.toMany()).isTrue();
        // Customer 1 has orders 1, 10 and 19, customer 4 orders 4 and 13, customer 3 orders 3 and 12: at 100 and
        // more, 10 and 19, 13, and 12.
        assertThat(orderIds(related, List.of(1L))).containsExactly(10L, 19L);
        assertThat(orderIds(related, List.of(4L))).containsExactly(13L);
        assertThat(orderIds(related, List.of(3L))).containsExactly(12L);
        assertThat(related.byKey()).hasSize(3);
        assertThat(related.totals()).containsExactlyInAnyOrderEntriesOf(
                Map.of(List.of(1L), 2L, List.of(4L), 1L, List.of(3L), 1L));
        List<StatementLog.Entry> statements = statements();
        assertThat(statements).as("the rows and their counts, each key once").hasSize(2).allSatisfy(statement -> {
            assertThat(statement.sql()).contains("amount").contains("100");
            assertThat(occurrences(statement.sql(), "customer_id\" in (")).isEqualTo(1);
        });
        assertThat(related.plan().statements().getFirst().statement()).contains("(1, 4, 3)");
        assertThat(policy.datasetsRead()).singleElement().satisfies(read -> {
            assertThat(read.rowsReturned()).isEqualTo(4);
            assertThat(read.joinFields()).extracting(AuditField::field).containsExactly("customer_id");
            assertThat(read.rowFilters()).extracting(AuditRowFilter::rule)
                    .containsExactly("analysts-see-large-orders");
        });
    }

    /**
     * Keys built as Java builds immutable lists ({@code List.of}, {@code List.copyOf}), as a front door other than
     * GraphQL may build them. Fails today: {@code DatasetReader} drops keys holding a null with
     * {@code key.contains(null)}, which an immutable list answers with a {@code NullPointerException}, so the whole
     * batch fails (an {@code INTERNAL} error) even when no key holds a null.
     */
    @Test
    void keysInImmutableListsAreRead() {
        RequestPolicy policy = policies.begin(EMEA_ANALYST);
        DatasetRequest request = new DatasetRequest(List.of("customerId"), RequestFilter.ALL, List.of(), 0, null,
                false);

        RelatedRows related = reader.related(customers, policy, request, orderCustomer.targetFields(),
                List.of(List.of(1L), List.of(4L)), false, KEYS_PER_STATEMENT).join();

        assertThat(related.byKey()).containsOnlyKeys(List.of(1L), List.of(4L));
    }

    @Test
    void everyPortReadGoesThroughThePortReaderItIsGiven() {
        int calls = counting.calls();
        List<PortQuery> before = counting.queries();

        DatasetPage page = reader.page(customers, policies.begin(STEWARD),
                new DatasetRequest(List.of("customerId"), RequestFilter.ALL, List.of(), 4, null, true)).join();

        assertThat(page.totalCount()).isEqualTo(9L);
        assertThat(page.size()).isEqualTo(4);
        assertThat(counting.calls() - calls).as("the page and its count").isEqualTo(2);
        List<String> seen = counting.queries().subList(before.size(), counting.queries().size()).stream()
                .map(PortQuery::statement).toList();
        assertThat(seen).as("what the seam saw is what the port ran")
                .containsExactlyInAnyOrderElementsOf(statements().stream().map(StatementLog.Entry::sql).toList())
                .contains(page.plan().pageQuery().statement());
    }

    /** The one relationship field of {@code owner} of that cardinality, as composition made it. */
    private static RelationshipBinding relationship(ComposedSchema schema, String owner,
            RelationshipBinding.Cardinality cardinality) {
        List<RelationshipBinding> found = schema.relationships("shop", owner).stream()
                .filter(relationship -> relationship.cardinality() == cardinality)
                .toList();
        assertThat(found).as("the %s relationship of shop.%s (%s)", cardinality, owner, schema.problems())
                .hasSize(1);
        return found.getFirst();
    }

    private static DatasetRequest request(List<String> fields, int first) {
        return new DatasetRequest(fields, RequestFilter.ALL, List.of(), first, null, false);
    }

    /** The values of a page's column, for the rows shown. */
    private static List<Object> column(DatasetPage page, String field) {
        int column = page.plan().columnIndex(field);
        assertThat(column).as("%s is a column of the page", field).isNotNegative();
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < page.size(); row++) {
            values.add(page.rows().value(column, row));
        }
        return values;
    }

    private static List<Object> orderIds(RelatedRows related, List<Object> key) {
        RelatedRows.KeyRows rows = related.byKey().get(key);
        assertThat(rows).as("rows of key %s", key).isNotNull();
        int orderId = related.plan().shape().columnIndex("orderId");
        return Arrays.stream(rows.rows()).mapToObj(row -> rows.result().value(orderId, row)).toList();
    }

    /** The statements the port received since the test began. */
    private static List<StatementLog.Entry> statements() {
        return port.statementLog().entries();
    }

    /** A statement's text from its first {@code where} on; empty without one. */
    private static String where(String sql) {
        int where = sql.toLowerCase(Locale.ROOT).indexOf(" where ");
        return where < 0 ? "" : sql.substring(where);
    }

    /** A parent's key as the GraphQL adapter builds it: a mutable list, which may hold a null. */
    private static List<Object> key(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Reads each batch's values straight off its vectors, as a front door forwarding batches would see them. */
    private static final class BatchRecorder implements BatchConsumer<List<List<Object>>> {

        private final List<List<Object>> rows = new ArrayList<>();
        private List<String> columns;

        @Override
        public void start(Schema schema, BufferAllocator allocator) {
            columns = schema.getFields().stream().map(Field::getName).toList();
        }

        @Override
        public void accept(VectorSchemaRoot batch) {
            for (int row = 0; row < batch.getRowCount(); row++) {
                List<Object> values = new ArrayList<>();
                for (FieldVector vector : batch.getFieldVectors()) {
                    Object value = vector.getObject(row);
                    values.add(value instanceof org.apache.arrow.vector.util.Text text ? text.toString() : value);
                }
                rows.add(values);
            }
        }

        @Override
        public List<List<Object>> finish() {
            return rows;
        }
    }

    /**
     * A port reader that counts the reads it is given and remembers their statements, then has the real client
     * run them: where a result cache will sit.
     */
    private static final class CountingPortReader implements PortReader {

        private final PortReader delegate;
        private final AtomicInteger calls = new AtomicInteger();
        private final List<PortQuery> queries = new CopyOnWriteArrayList<>();

        CountingPortReader(PortReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T stream(String portId, PortQuery query, List<Field> expectedColumns,
                Supplier<? extends BatchConsumer<T>> consumers) {
            calls.incrementAndGet();
            queries.add(query);
            return delegate.stream(portId, query, expectedColumns, consumers);
        }

        int calls() {
            return calls.get();
        }

        List<PortQuery> queries() {
            return List.copyOf(queries);
        }
    }
}
