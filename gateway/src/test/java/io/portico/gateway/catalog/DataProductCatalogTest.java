package io.portico.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.SchemaReloader;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the catalog's entries come from, without Spring: a real {@link PortRegistry} over a real Flight SQL port
 * (the demo sales port over DuckDB, here the archive domain's: it accepts that domain's credential) and a real
 * registry store (H2 in memory), the way two gateway replicas share one store. Local ports shadow stored ones, a
 * stored port not yet synchronized here is listed but not served, a local port keeps the time it was registered,
 * and health falls back to what registration found until checked.
 */
class DataProductCatalogTest {

    /**
     * How long registering may ask the port for its live schemas. Generous: no test here expects a timeout (the ghost
     * port is refused at once), and a cold first channel on a loaded machine took over the 2 s this once was, which
     * left the port DOWN and its dataset without a GraphQL type.
     */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

    private static TestPort salesPort;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<OutputPortContract> localContracts = new ArrayList<>();
    private final Map<String, EndpointHealth> checked = new ConcurrentHashMap<>();
    private BufferAllocator allocator;
    private HikariDataSource dataSource;
    private RegistryStore store;

    @BeforeAll
    static void startPort() throws Exception {
        salesPort = TestPort.builder().database(DemoDatabases.inMemory(DemoDomain.SALES, 7, 0.001))
                .contract(ContractBuilder.demo(DemoDomain.SALES)).accepting(TestPortCredentials.acceptedBy("archive"))
                .start();
    }

    @AfterAll
    static void stopPort() throws Exception {
        salesPort.close();
    }

    @BeforeEach
    void openStore() {
        allocator = new RootAllocator();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:catalog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new RegistryStore(DSL.using(dataSource, SQLDialect.H2), Clock.systemUTC());
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        dataSource.close();
        allocator.close();
    }

    @Test
    void aLocalPortShadowsAStoredPortOfTheSameIdAndHasNoHistory() {
        PortRegistry publisher = registry();
        PortRegistry gateway = registry();
        String stored = archive("1.0.0");
        publisher.publish(ContractParser.parse(stored), stored, "alice");
        OutputPortContract local = ContractParser.parse(archive("3.0.0"));
        localContracts.add(local);
        gateway.register(local);
        gateway.synchronize(store.active());

        DataProductCatalog catalog = catalog(gateway, store);
        List<DataProduct> products = catalog.products();

        assertThat(products).extracting(DataProduct::id).containsExactly("urn:portico:archive:orders:v3");
        DataProduct product = products.getFirst();
        assertThat(product.source()).isEqualTo(RegistrationSource.LOCAL);
        assertThat(product.registeredBy()).isEqualTo(DataProductCatalog.LOCAL_REGISTRANT);
        assertThat(product.served()).isTrue();
        assertThat(catalog.history(product)).isEmpty();
        assertThat(catalog(publisher, store, List.of()).products()).extracting(DataProduct::id, DataProduct::source)
                .as("the publisher has no local port of that id")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("urn:portico:archive:orders:v1",
                        RegistrationSource.REGISTRY));
    }

    @Test
    void aStoredPortThisGatewayHasNotSynchronizedYetIsListedButNotServed() {
        PortRegistry publisher = registry();
        PortRegistry lagging = registry();
        String document = archive("1.2.0");
        PortRegistry.Publication publication = publisher.publish(ContractParser.parse(document), document, "alice");

        DataProduct product = catalog(lagging, store).find("urn:portico:archive:orders:v1").orElseThrow();

        assertThat(product.served()).isFalse();
        assertThat(product.source()).isEqualTo(RegistrationSource.REGISTRY);
        assertThat(product.registeredAt()).isEqualTo(publication.stored().registeredAt());
        assertThat(product.datasets().getFirst().graphQLField()).isNull();
        assertThat(product.endpoint().health().state()).as("neither registered nor checked here")
                .isEqualTo(EndpointHealth.State.UNKNOWN);
        assertThat(product.endpoint().health().lastCheck()).isNull();

        lagging.synchronize(store.active());
        DataProduct synchronizedProduct = catalog(lagging, store).find("urn:portico:archive:orders:v1").orElseThrow();
        assertThat(synchronizedProduct.served()).isTrue();
        assertThat(synchronizedProduct.datasets().getFirst().graphQLField()).isEqualTo("archive.orders");
        assertThat(synchronizedProduct.endpoint().health().state()).isEqualTo(EndpointHealth.State.UP);
    }

    @Test
    void aLocalPortKeepsTheTimeItWasRegisteredAndADownOneIsListedWithWhyItIsDown() throws Exception {
        PortRegistry gateway = registry();
        OutputPortContract up = ContractParser.parse(archive("1.0.0"));
        OutputPortContract down = ContractParser.parse(CatalogContracts.ghost());
        localContracts.addAll(List.of(up, down));
        gateway.registerAll(List.of(up, down));
        Map<String, Instant> since = new java.util.HashMap<>();
        gateway.statuses().forEach(status -> since.put(status.portId(), status.since()));
        DataProductCatalog catalog = catalog(gateway, store);

        List<DataProduct> first = catalog.products();
        Instant listed = Instant.now();
        Poll.until("the clock moved on, so a new registration would show", Duration.ofSeconds(5),
                () -> Instant.now().isAfter(listed));
        gateway.retryDownPorts();
        List<DataProduct> second = catalog.products();

        assertThat(first).extracting(DataProduct::portId).containsExactly("archive-orders-port", "ghost-port");
        assertThat(first.getFirst().registeredAt()).isEqualTo(since.get("archive-orders-port"));
        assertThat(first.getLast().registeredAt()).isEqualTo(since.get("ghost-port"));
        assertThat(second).extracting(DataProduct::registeredAt)
                .containsExactlyElementsOf(first.stream().map(DataProduct::registeredAt).toList());
        DataProduct ghost = first.getLast();
        assertThat(ghost.served()).isFalse();
        assertThat(ghost.endpoint().health().state()).as("until checked: what registering found")
                .isEqualTo(EndpointHealth.State.DOWN);
        assertThat(ghost.endpoint().health().lastCheck()).isEqualTo(since.get("ghost-port"));
        assertThat(ghost.endpoint().health().message()).contains("ghost-port", "cannot be reached");
        assertThat(gateway.statuses()).extracting(PortStatus::state)
                .containsExactly(PortStatus.State.UP, PortStatus.State.DOWN);
    }

    @Test
    void aCheckedEndpointReportsItsCheckAndAGatewayWithoutStoreHasOnlyLocalProducts() {
        PortRegistry memoryOnly = new PortRegistry(clients(), reloader(), Duration.ofSeconds(30), Clock.systemUTC());
        OutputPortContract local = ContractParser.parse(archive("1.0.0"));
        localContracts.add(local);
        memoryOnly.register(local);
        Instant checkedAt = Instant.parse("2026-03-01T12:00:00Z");
        checked.put(url(), new EndpointHealth(EndpointHealth.State.UP, checkedAt, Duration.ofMillis(3), "answered"));

        DataProductCatalog catalog = catalog(memoryOnly, null);
        DataProduct product = catalog.products().getFirst();

        assertThat(product.endpoint().health().lastCheck()).isEqualTo(checkedAt);
        assertThat(product.endpoint().health().latencyMs()).isEqualTo(3.0);
        assertThat(catalog.history(product)).isEmpty();
        assertThat(catalog.endpointUrls()).containsExactly(url());
    }

    @Test
    void fieldsOfAServedDatasetCarryTheirLiveArrowTypes() {
        PortRegistry gateway = registry();
        OutputPortContract local = ContractParser.parse(archive("1.0.0"));
        localContracts.add(local);
        assertThat(gateway.register(local).up()).as("the port answered its schema probe").isTrue();

        CatalogDataset orders = catalog(gateway, store).products().getFirst().datasets().getFirst();

        assertThat(orders.graphQLType()).isEqualTo("ArchiveOrders");
        assertThat(orders.field("order_id").orElseThrow().arrowType()).isEqualTo("Int(64, true)");
        assertThat(orders.field("order_id").orElseThrow().servedIn()).isEqualTo("ArchiveOrders");
        assertThat(orders.field("status").orElseThrow().arrowType()).isEqualTo("Utf8");
        assertThat(orders.primaryKey()).containsExactly("order_id");
    }

    /**
     * The catalog read the registry's ports and its live schema one after the other: while a change's schema was
     * being built, the port was in the ports already but not in the schema, so the catalog listed it served with no
     * GraphQL type or field. It now reads the ports the live schema was built from.
     */
    @Test
    void aPortWhoseSchemaIsStillBeingBuiltIsNotListedAsServedYet() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SchemaReloader reloader = new SchemaReloader((snapshot, schema) -> {
            if (!snapshot.ports().isEmpty()) {
                building.countDown();
                awaitQuietly(release);
            }
        });
        resources.add(reloader);
        PortRegistry gateway = new PortRegistry(clients(), reloader, Duration.ofSeconds(60), Clock.systemUTC(), store);
        OutputPortContract local = ContractParser.parse(archive("1.0.0"));
        localContracts.add(local);
        DataProductCatalog catalog = catalog(gateway, store);

        try (ExecutorService registering = Executors.newSingleThreadExecutor()) {
            Future<PortStatus> registered = registering.submit(() -> gateway.register(local));
            try {
                assertThat(building.await(60, TimeUnit.SECONDS)).as("the port's schema is being built").isTrue();

                DataProduct whileBuilding = catalog.products().getFirst();

                assertThat(whileBuilding.served()).as("served before its schema is live").isFalse();
                assertThat(whileBuilding.datasets().getFirst().graphQLType()).isNull();
            } finally {
                release.countDown();
            }
            assertThat(registered.get(60, TimeUnit.SECONDS).up()).isTrue();
        }
        DataProduct live = catalog.products().getFirst();
        assertThat(live.served()).isTrue();
        assertThat(live.datasets().getFirst().graphQLType()).isEqualTo("ArchiveOrders");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DataProductCatalog catalog(PortRegistry registry, RegistryStore registryStore) {
        return catalog(registry, registryStore, localContracts);
    }

    private DataProductCatalog catalog(PortRegistry registry, RegistryStore registryStore,
            List<OutputPortContract> locals) {
        return new DataProductCatalog(registry, registryStore, () -> List.copyOf(locals),
                url -> Optional.ofNullable(checked.get(url)), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    private PortRegistry registry() {
        return new PortRegistry(clients(), reloader(), Duration.ofSeconds(30), Clock.systemUTC(), store);
    }

    private FlightPortClients clients() {
        FlightPortClients clients = new FlightPortClients(allocator, TestPortCredentials.channels(),
                Duration.ofSeconds(30), SCHEMA_TIMEOUT);
        resources.add(clients);
        return clients;
    }

    private SchemaReloader reloader() {
        SchemaReloader reloader = new SchemaReloader((snapshot, schema) -> { });
        resources.add(reloader);
        return reloader;
    }

    private static String archive(String version) {
        return CatalogContracts.archive(version, url(), false);
    }

    private static String url() {
        return salesPort.url();
    }
}
