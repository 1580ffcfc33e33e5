package io.portico.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EndpointHealthMonitor} against a real Flight SQL port (the demo crm port over DuckDB on loopback), a URL
 * nothing listens on, a socket that accepts but never answers, and a text that is no URL. The monitor's allocator
 * is closed after every test, so a leaked buffer or client fails it.
 */
class EndpointHealthMonitorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** The endpoints watched, with the domain whose credential the check presents. */
    private final Map<String, String> urls = new ConcurrentSkipListMap<>();
    private BufferAllocator monitorAllocator;
    private BufferAllocator portAllocator;
    private DuckDBConnection database;
    private FlightPort port;
    private EndpointHealthMonitor monitor;

    @BeforeEach
    void startPort() throws Exception {
        monitorAllocator = new RootAllocator();
        portAllocator = new RootAllocator();
        database = DemoDatabases.inMemory(DemoDomain.CRM, 7, 0.001);
        port = startPort(0);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        monitorAllocator.close();
        if (port != null) {
            port.close();
        }
        database.close();
        portAllocator.close();
    }

    @Test
    void aLivePortIsUpWithItsLatencyAndADeadOneDown() {
        String live = url(port);
        watch(live, TestPort.NOWHERE);
        monitor = monitor(Duration.ofSeconds(2));
        assertThat(monitor.health(live)).as("not checked yet").isEmpty();

        monitor.checkNow();

        EndpointHealth up = monitor.health(live).orElseThrow();
        assertThat(up.state()).isEqualTo(EndpointHealth.State.UP);
        assertThat(up.lastCheck()).isEqualTo(NOW);
        assertThat(up.latency()).isPositive().isLessThan(Duration.ofSeconds(2));
        assertThat(up.latencyMs()).isPositive();
        assertThat(up.message()).contains("GetSqlInfo");
        EndpointHealth down = monitor.health(TestPort.NOWHERE).orElseThrow();
        assertThat(down.state()).isEqualTo(EndpointHealth.State.DOWN);
        assertThat(down.lastCheck()).isEqualTo(NOW);
        assertThat(down.latency()).isNull();
        assertThat(down.latencyMs()).isNull();
        assertThat(down.message()).contains("UNAVAILABLE", "owns the port").doesNotContain("127.0.0.1");
        assertThat(monitor.all()).containsOnlyKeys(live, TestPort.NOWHERE);
    }

    @Test
    void aPortThatStopsIsDownAtTheNextCheckAndUpAgainOnceItIsBack() throws Exception {
        int number = port.location().getUri().getPort();
        String live = url(port);
        watch(live);
        monitor = monitor(Duration.ofSeconds(2));
        monitor.checkNow();
        assertThat(monitor.health(live).orElseThrow().state()).isEqualTo(EndpointHealth.State.UP);

        port.close();
        port = null;
        monitor.checkNow();
        assertThat(monitor.health(live).orElseThrow().state()).isEqualTo(EndpointHealth.State.DOWN);

        port = startPort(number);
        long start = System.nanoTime();
        monitor.checkNow();
        assertThat(monitor.health(live).orElseThrow().state()).as("a fresh connection, no reconnect back-off")
                .isEqualTo(EndpointHealth.State.UP);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anEndpointThatNeverAnswersIsDownWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "grpc+tcp://127.0.0.1:" + silent.getLocalPort();
            watch(url);
            monitor = monitor(Duration.ofMillis(300));

            long start = System.nanoTime();
            monitor.checkNow();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            EndpointHealth health = monitor.health(url).orElseThrow();
            assertThat(health.state()).isEqualTo(EndpointHealth.State.DOWN);
            assertThat(health.message()).contains("at most 300 ms");
        }
    }

    @Test
    void aTextThatIsNoFlightUrlIsDownWithAHint() {
        watch("not a url");
        monitor = monitor(Duration.ofSeconds(1));

        monitor.checkNow();

        EndpointHealth health = monitor.health("not a url").orElseThrow();
        assertThat(health.state()).isEqualTo(EndpointHealth.State.DOWN);
        assertThat(health.message()).contains("cannot be checked", "grpc+tcp://host:31337");
    }

    @Test
    void aPortOfAnotherDomainRefusesTheCheckAndIsDown() {
        String live = url(port);
        urls.put(live, "sales");
        monitor = monitor(Duration.ofSeconds(2));

        monitor.checkNow();

        EndpointHealth health = monitor.health(live).orElseThrow();
        assertThat(health.state()).as("the crm port refuses the sales credential").isEqualTo(EndpointHealth.State.DOWN);
        assertThat(health.message()).contains("UNAUTHENTICATED").doesNotContain(live);
        assertThat(port.refusedCalls()).isPositive();
    }

    @Test
    void anEndpointNoLongerNamedIsForgotten() {
        String live = url(port);
        watch(live, TestPort.NOWHERE);
        monitor = monitor(Duration.ofSeconds(2));
        monitor.checkNow();

        urls.remove(live);
        monitor.checkNow();

        assertThat(monitor.all()).containsOnlyKeys(TestPort.NOWHERE);
        assertThat(monitor.health(live)).isEmpty();
    }

    @Test
    void runningItChecksAtOnceAndThenEveryInterval() throws InterruptedException {
        String live = url(port);
        watch(live);
        monitor = new EndpointHealthMonitor(() -> urls, new FlightSqlPing(monitorAllocator,
                TestPortCredentials.channels()), Duration.ofMillis(50), Duration.ofSeconds(2), Clock.systemUTC());

        monitor.start();
        assertThat(monitor.isRunning()).isTrue();
        Instant first = awaitCheck(live, Instant.MIN);
        Instant later = awaitCheck(live, first);
        monitor.stop();

        assertThat(later).isAfter(first);
        assertThat(monitor.isRunning()).isFalse();
        assertThat(monitor.getPhase()).isGreaterThan(io.portico.gateway.registry.RegistryLifecycle.PHASE);
    }

    private Instant awaitCheck(String url, Instant after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Instant checked = monitor.health(url).map(EndpointHealth::lastCheck).orElse(null);
            if (checked != null && checked.isAfter(after)) {
                return checked;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no check of " + url + " after " + after + " within 10 s");
    }

    private EndpointHealthMonitor monitor(Duration timeout) {
        return new EndpointHealthMonitor(() -> urls, new FlightSqlPing(monitorAllocator, TestPortCredentials.channels()),
                Duration.ofHours(1), timeout, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Watches endpoints of the crm domain. */
    private void watch(String... endpoints) {
        for (String endpoint : endpoints) {
            urls.put(endpoint, "crm");
        }
    }

    private FlightPort startPort(int number) throws SQLException {
        FlightPortConfig config = TestPortCredentials.portConfig(
                ContractParser.parse(DemoDomain.CRM.contractDocument()),
                PortDatabase.duckDb(database));
        return FlightPort.start(number == 0 ? config : config.withPort(number), portAllocator);
    }

    private static String url(FlightPort port) {
        return port.location().getUri().toString();
    }
}
