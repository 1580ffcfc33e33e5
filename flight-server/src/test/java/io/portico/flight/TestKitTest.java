package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.ContractBuilder.Column;
import io.portico.flight.testkit.ContractBuilder.Dataset;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.PortProxy;
import io.portico.flight.testkit.TestPort;
import io.portico.schema.contract.OutputPortContract;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test kit itself: a {@link TestPort} serves its contract's datasets to the credential it accepts and nobody
 * else, a {@link PortProxy} in front of it delays, fails, hangs, cuts streams, dies and comes back as told, and
 * {@link ContractBuilder} writes contracts the schema module parses as meant.
 */
class TestKitTest {

    private static final String CREDENTIAL = "test-credential-of-the-kit-domain-0001";
    private static final String OTHER = "test-credential-of-another-domain-0002";

    private BufferAllocator allocator;
    private TestPort port;

    @BeforeEach
    void startThePort() throws Exception {
        allocator = new RootAllocator();
        port = TestPort.builder()
                .generatedRows("gadgets", "gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL",
                        "i, 'gadget-' || i", 1_000)
                .contract(ContractBuilder.contract("kit-port").domain("kit")
                        .dataset(Dataset.named("gadgets")
                                .column(Column.of("gadget_id", "integer").physicalType("BIGINT").primaryKey())
                                .column(Column.of("name", "string").required())))
                .accepting(CREDENTIAL)
                .configure(config -> config.withBatchRows(100))
                .start();
    }

    @AfterEach
    void stopThePort() throws Exception {
        try {
            port.close();
        } finally {
            allocator.close();
        }
    }

    @Test
    void aTestPortServesItsContractToTheCredentialItAcceptsAlone() throws Exception {
        assertThat(port.contract()).contains("value: " + port.url()).doesNotContain(TestPort.URL);
        assertThat(port.servedContract().datasets()).extracting(dataset -> dataset.name()).containsExactly("gadgets");

        assertThat(rows(port.uri(), CREDENTIAL)).isEqualTo(1_000);
        assertThatThrownBy(() -> rows(port.uri(), OTHER)).isInstanceOf(FlightRuntimeException.class)
                .extracting(failure -> ((FlightRuntimeException) failure).status().code())
                .isEqualTo(FlightStatusCode.UNAUTHENTICATED);
        assertThat(port.statementLog().entries()).isNotEmpty();
    }

    @Test
    void aProxyDelaysFailsTheNextCallsAndThenForwardsAgain() throws Exception {
        try (PortProxy proxy = PortProxy.inFrontOf(port.location(), CREDENTIAL)) {
            proxy.delay(Duration.ofMillis(300));
            long started = System.nanoTime();
            assertThat(rows(proxy.location(), "whatever the client presents")).isEqualTo(1_000);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            proxy.reset().failNext(2, CallStatus.UNAVAILABLE.withDescription("the port is restarting"));
            for (int call = 0; call < 2; call++) {
                assertThatThrownBy(() -> rows(proxy.location(), CREDENTIAL))
                        .isInstanceOf(FlightRuntimeException.class).hasMessageContaining("the port is restarting")
                        .extracting(failure -> ((FlightRuntimeException) failure).status().code())
                        .isEqualTo(FlightStatusCode.UNAVAILABLE);
            }
            assertThat(rows(proxy.location(), CREDENTIAL)).as("the third call").isEqualTo(1_000);
        }
    }

    @Test
    void aProxyCutsAStreamAfterSomeBatchesDiesAndComesBackAtTheSameAddress() throws Exception {
        try (PortProxy proxy = PortProxy.inFrontOf(port.location(), CREDENTIAL)) {
            proxy.cutAfter(2);
            long[] received = new long[1];
            assertThatThrownBy(() -> read(proxy.location(), CREDENTIAL, received))
                    .isInstanceOf(FlightRuntimeException.class);
            assertThat(received[0]).as("rows of the batches before the cut").isEqualTo(200);
            assertThatThrownBy(() -> rows(proxy.location(), CREDENTIAL)).as("a dead port refuses connections")
                    .isInstanceOf(FlightRuntimeException.class);

            proxy.reset();
            proxy.start();
            URI sameAddress = proxy.location();
            assertThat(rows(sameAddress, CREDENTIAL)).isEqualTo(1_000);
            assertThat(proxy.accepted()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aHungStreamCountsAsActiveUntilItsClientCancels() throws Exception {
        try (PortProxy proxy = PortProxy.inFrontOf(port.location(), CREDENTIAL);
             FlightClient client = client(proxy.location(), CREDENTIAL)) {
            proxy.hang();
            FlightSqlClient sql = new FlightSqlClient(client);
            FlightInfo info = sql.execute("SELECT gadget_id FROM gadgets");
            FlightStream stream = sql.getStream(info.getEndpoints().getFirst().getTicket());
            CompletableFuture<Boolean> reading = CompletableFuture.supplyAsync(stream::next);

            Poll.until("the proxy holds the stream", Duration.ofSeconds(10), () -> proxy.activeStreams() == 1);
            assertThat(reading).isNotDone();
            stream.cancel("the client gives up", null);
            Poll.until("the proxy let the stream go", Duration.ofSeconds(10), () -> proxy.activeStreams() == 0);
            assertThatThrownBy(reading::join).hasCauseInstanceOf(FlightRuntimeException.class);
            closeCancelled(stream);
        }
    }

    @Test
    void theContractBuilderWritesWhatTheParserReadsBack() {
        OutputPortContract contract = ContractBuilder.contract("shop-port").domain("shop").version("2.1.0")
                .dataProduct("store").name("Shop").purpose("Orders of the shop.").tags("retail")
                .team("Shop team", "ana@example.com").url("grpc+tcp://127.0.0.1:4242")
                .sla("latency", "2", "s", "answers within")
                .dataset(Dataset.named("orders").physicalName("shop_orders").description("One row per order.")
                        .column(Column.of("order_id", "integer").physicalType("BIGINT").primaryKey())
                        .column(Column.of("customer_id", "integer").foreignKey("customers.customer_id", "crm"))
                        .column(Column.of("total", "number").classification("internal").tags("finance")))
                .parse();

        assertThat(contract.id()).isEqualTo("shop-port");
        assertThat(contract.version()).isEqualTo("2.1.0");
        assertThat(contract.domain()).isEqualTo("shop");
        assertThat(contract.dataProduct()).isEqualTo("store");
        assertThat(contract.name()).isEqualTo("Shop");
        assertThat(contract.tags()).containsExactly("retail");
        assertThat(contract.team().members()).hasSize(1);
        assertThat(contract.slaProperties()).hasSize(1);
        assertThat(contract.datasets().getFirst().physicalName()).isEqualTo("shop_orders");
        assertThat(contract.datasets().getFirst().fields()).hasSize(3);
        assertThat(contract.datasets().getFirst().relationships()).hasSize(1);
        assertThat(contract.datasets().getFirst().fields().get(2).classification()).isEqualTo("internal");
    }

    private long rows(URI location, String credential) throws Exception {
        return read(location, credential, new long[1]);
    }

    /** Reads every batch of {@code SELECT gadget_id FROM gadgets}, counting the rows into {@code received}. */
    private long read(URI location, String credential, long[] received) throws Exception {
        try (FlightClient client = client(location, credential)) {
            FlightSqlClient sql = new FlightSqlClient(client);
            FlightInfo info = sql.execute("SELECT gadget_id FROM gadgets");
            try (FlightStream stream = sql.getStream(info.getEndpoints().getFirst().getTicket())) {
                while (stream.next()) {
                    received[0] += stream.getRoot().getRowCount();
                }
            }
        }
        return received[0];
    }

    /** Closes a stream its client cancelled: closing drains it, which answers the cancellation again. */
    private static void closeCancelled(FlightStream stream) throws Exception {
        try {
            stream.close();
        } catch (FlightRuntimeException cancelled) {
            assertThat(cancelled.status().code()).isEqualTo(FlightStatusCode.CANCELLED);
        }
    }

    private FlightClient client(URI location, String credential) {
        return TestCredentials.client(allocator, new Location(location), credential);
    }
}
