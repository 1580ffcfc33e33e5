package io.portico.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.ContractLocations;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.OutputPortContract;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Schema rebuilds under load: parallel registrations while queries run on the real gateway. The registered copies
 * are of domains of their own ({@code copy0}, ...), served by a port of this test over the demo data that accepts
 * those domains' credentials (a port answers only the credentials it is given).
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaReloadConcurrencyTest {

    private static final int REGISTRATIONS = 20;
    private static final int QUERY_THREADS = 4;

    @LocalServerPort
    int httpPort;

    @Autowired
    PortRegistry registry;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    private final List<String> registered = Collections.synchronizedList(new ArrayList<>());
    private BufferAllocator copiesAllocator;
    private DuckDBConnection salesDatabase;
    private DuckDBConnection crmDatabase;
    private FlightPort salesCopies;
    private FlightPort crmCopies;

    @BeforeAll
    void startThePortsOfTheCopies() throws Exception {
        copiesAllocator = new RootAllocator();
        salesDatabase = DemoDatabases.inMemory(DemoDomain.SALES, 42, 0.01);
        crmDatabase = DemoDatabases.inMemory(DemoDomain.CRM, 42, 0.01);
        List<String> copyDomains = IntStream.range(0, REGISTRATIONS).mapToObj(index -> "copy" + index).toList();
        salesCopies = FlightPort.start(FlightPortConfig.of(demo.port(DemoDomain.SALES).contract(),
                PortDatabase.duckDb(salesDatabase), AcceptedCredentials.of(copyDomains.stream()
                        .map(TestPortCredentials::credentialOf).toList())), copiesAllocator);
        crmCopies = FlightPort.start(FlightPortConfig.of(demo.port(DemoDomain.CRM).contract(),
                PortDatabase.duckDb(crmDatabase), TestPortCredentials.acceptedBy("crmcopy")), copiesAllocator);
    }

    @AfterAll
    void stopThePortsOfTheCopies() throws Exception {
        salesCopies.close();
        crmCopies.close();
        salesDatabase.close();
        crmDatabase.close();
        copiesAllocator.close();
    }

    @AfterEach
    void retireCopies() {
        registered.forEach(registry::retire);
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void parallelRegistrationsWhileQueriesRunLoseNothingAndFailNoQuery() throws Exception {
        OutputPortContract sales = ContractLocations.withFlightSqlUrl(demo.port(DemoDomain.SALES).contract(),
                salesCopies.location().getUri().toString());
        List<OutputPortContract> copies = IntStream.range(0, REGISTRATIONS)
                .mapToObj(index -> copyOf(sales, "sales-copy-" + index, "copy" + index))
                .toList();
        GraphQlClient graphQl = new GraphQlClient(httpPort);
        AtomicBoolean registering = new AtomicBoolean(true);
        AtomicInteger queries = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);

        try (ExecutorService threads = Executors.newFixedThreadPool(REGISTRATIONS + QUERY_THREADS)) {
            List<Future<?>> queryLoops = new ArrayList<>();
            for (int thread = 0; thread < QUERY_THREADS; thread++) {
                queryLoops.add(threads.submit(() -> {
                    start.await();
                    while (registering.get() || queries.get() < 20) {
                        Response response = graphQl.post(
                                "{ schemaVersion sales { orders(first: 3) { nodes { orderId status } } } }");
                        queries.incrementAndGet();
                        if (response.status() != 200 || !response.errors().isEmpty()) {
                            failures.add(response.toString());
                        }
                    }
                    return null;
                }));
            }
            List<Future<PortStatus>> registrations = copies.stream()
                    .map(copy -> threads.submit(() -> {
                        start.await();
                        PortStatus status = registry.register(copy);
                        registered.add(copy.id());
                        return status;
                    }))
                    .toList();
            start.countDown();
            try {
                for (Future<PortStatus> registration : registrations) {
                    assertThat(registration.get().up()).as("%s", registration.get()).isTrue();
                }
            } finally {
                registering.set(false);
            }
            for (Future<?> loop : queryLoops) {
                loop.get();
            }
        }

        assertThat(failures).isEmpty();
        assertThat(queries.get()).isGreaterThanOrEqualTo(20);
        List<String> domains = registry.liveSchema().domains();
        assertThat(domains).contains("sales", "crm", "logistics");
        copies.forEach(copy -> assertThat(domains).contains(copy.domain()));
        assertThat(registry.liveSchema().registryVersion()).isEqualTo(registry.snapshot().version());
        for (OutputPortContract copy : copies) {
            assertThat(graphQl.data("{ " + copy.domain() + " { orders(first: 1) { nodes { orderId } } } }")
                    .path(copy.domain()).path("orders").path("nodes").size()).isEqualTo(1);
        }
    }

    @Test
    void aRetiredPortLeavesTheSchema() {
        OutputPortContract copy = copyOf(ContractLocations.withFlightSqlUrl(demo.port(DemoDomain.CRM).contract(),
                crmCopies.location().getUri().toString()), "crm-copy", "crmcopy");
        GraphQlClient graphQl = new GraphQlClient(httpPort);

        assertThat(registry.register(copy).up()).isTrue();
        assertThat(graphQl.post("{ crmcopy { customers(first: 1) { nodes { customerId } } } }").errors()).isEmpty();

        assertThat(registry.retire(copy.id())).isTrue();
        assertThat(graphQl.post("{ crmcopy { customers(first: 1) { nodes { customerId } } } }").codes())
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(registry.retire(copy.id())).isFalse();
    }

    static OutputPortContract copyOf(OutputPortContract contract, String id, String domain) {
        return new OutputPortContract(id, contract.version(), contract.status(), domain, contract.dataProduct(),
                contract.name(), contract.description(), contract.tags(), contract.datasets(), contract.servers(),
                contract.team(), contract.slaProperties());
    }
}
