package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightMethod;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The port client against a real demo port over loopback; every call must leave its allocators empty. */
class FlightPortClientTest {

    private static TestPort port;

    private final BufferAllocator allocator = new RootAllocator();
    private final FlightPortClients clients = new FlightPortClients(allocator, TestPortCredentials.channels(),
            Duration.ofSeconds(10), Duration.ofSeconds(5));

    @BeforeAll
    static void startPort() throws Exception {
        port = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.SALES, 42, 0.005))
                .contract(ContractBuilder.demo(DemoDomain.SALES)).start();
    }

    @AfterAll
    static void stopPort() throws Exception {
        port.close();
    }

    @AfterEach
    void closeClients() {
        clients.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void fetchesTheLiveSchemaOfEveryTable() {
        Map<String, Schema> schemas = client().fetchSchemas("sales-orders-port");

        assertThat(schemas).containsOnlyKeys("orders");
        assertThat(schemas.get("orders").getFields()).extracting(Field::getName)
                .startsWith("order_id", "customer_id", "status");
        assertThat(client().allocator().getAllocatedMemory()).isZero();
    }

    @Test
    void fetchesTheSchemasOfTheNamedTablesOnlyFindingThemWhateverTheLetterCase() {
        Map<String, Schema> schemas = client().fetchSchemas("sales-orders-port", List.of("ORDERS", "o_ders", "refunds"));

        assertThat(schemas).as("keyed by the port's own name; absent tables left out").containsOnlyKeys("orders");
        assertThat(schemas.get("orders").getFields()).extracting(Field::getName).startsWith("order_id");
        assertThat(client().listTableNames("sales-orders-port")).containsExactly("orders");
        assertThat(client().allocator().getAllocatedMemory()).isZero();
    }

    /** The calls the port received since {@code before}, by method; methods not called since are absent. */
    private static Map<FlightMethod, Long> callsSince(Map<FlightMethod, Long> before) {
        Map<FlightMethod, Long> since = new java.util.EnumMap<>(FlightMethod.class);
        port.flightPort().calls().counts().forEach((method, count) -> {
            long added = count - before.getOrDefault(method, 0L);
            if (added > 0) {
                since.put(method, added);
            }
        });
        return since;
    }

    @Test
    void aTableNameIsAskedForLiterallyNotAsAPattern() {
        assertThat(FlightPortClient.exactPattern("o_d%e\\r")).isEqualTo("o\\_d\\%e\\\\r");
        assertThat(FlightPortClient.exactPattern("orders")).isEqualTo("orders");
    }

    @Test
    void runsAPlainStatementInTwoRoundTripsAndReadsEveryBatch() {
        String sql = "SELECT order_id, total_amount FROM orders WHERE total_amount > 100.00 AND status = 'PAID'"
                + " ORDER BY order_id LIMIT 5";
        Map<FlightMethod, Long> before = port.flightPort().calls().counts();

        ColumnarResult result = client().execute("sales-orders-port", new PortQuery(sql, List.of()), null, 5);

        assertThat(result.rowCount()).isEqualTo(5);
        assertThat(result.value(0, 0)).isInstanceOf(Long.class);
        assertThat((BigDecimal) result.value(1, 0)).isGreaterThan(new BigDecimal("100"));
        assertThat(port.statementLog().last().orElseThrow().sql()).isEqualTo(sql);
        assertThat(port.statementLog().last().orElseThrow().parameters()).isEmpty();
        assertThat(callsSince(before)).as("GetFlightInfo and DoGet: no prepare, no DoPut of parameters, no close")
                .isEqualTo(Map.of(FlightMethod.GET_FLIGHT_INFO, 1L, FlightMethod.DO_GET, 1L));
        assertThat(client().allocator().getAllocatedMemory()).isZero();
        assertThat(client().allocator().getChildAllocators()).isEmpty();
    }

    @Test
    void readsAResultLargerThanOneBatch() {
        ColumnarResult result = client().execute("sales-orders-port",
                new PortQuery("SELECT order_id FROM orders", List.of()), null, 0);

        assertThat(result.rowCount()).isEqualTo((int) DemoDomain.orders(0.005));
    }

    @Test
    void aResultOfOtherColumnsThanPlannedIsSchemaDrift() {
        List<Field> planned = List.of(new Field("order_id", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));

        assertThatThrownBy(() -> client().execute("sales-orders-port",
                new PortQuery("SELECT order_id FROM orders LIMIT 1", List.of()), planned, 1))
                .isInstanceOfSatisfying(PorticoException.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PORT_SCHEMA_DRIFT));
        assertThat(client().allocator().getAllocatedMemory()).isZero();
    }

    @Test
    void aStatementThePortRefusesIsStatementRefused() {
        assertThatThrownBy(() -> client().execute("sales-orders-port",
                new PortQuery("DELETE FROM orders", List.of()), null, 0))
                .isInstanceOfSatisfying(PorticoException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED);
                    assertThat(failure.getMessage()).contains("sales-orders-port");
                });
        assertThat(client().allocator().getAllocatedMemory()).isZero();
    }

    @Test
    void aPortThatIsNotListeningIsUnavailable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        FlightPortClient down = clients.forPort("nowhere", "grpc+tcp://127.0.0.1:" + freePort);

        assertThatThrownBy(() -> down.fetchSchemas("nowhere-port"))
                .isInstanceOfSatisfying(PorticoException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.PORT_UNAVAILABLE);
                    assertThat(failure.getMessage()).as("the port by its id, never its address")
                            .contains("nowhere-port").doesNotContain(String.valueOf(freePort), "127.0.0.1");
                });
        assertThat(down.allocator().getAllocatedMemory()).isZero();
    }

    @Test
    void oneClientPerLocationAndDomain() {
        assertThat(client()).isSameAs(client());
        assertThat(client().location()).isEqualTo(URI.create(port.location().getUri().toString()));
        assertThat(client().domain()).isEqualTo("sales");
        assertThat(clients.forPort("crm", port.location().getUri().toString())).isNotSameAs(client());
    }

    @Test
    void anotherDomainsClientIsRefusedByThePort() {
        FlightPortClient crm = clients.forPort("crm", port.location().getUri().toString());

        assertThatThrownBy(() -> crm.fetchSchemas("sales-orders-port"))
                .isInstanceOfSatisfying(PorticoException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.PORT_ERROR);
                    assertThat(failure.getMessage()).contains("sales-orders-port", "UNAUTHENTICATED")
                            .doesNotContain(port.location().getUri().toString());
                });
        assertThat(crm.allocator().getAllocatedMemory()).isZero();
    }

    private FlightPortClient client() {
        return clients.forPort("sales", port.location().getUri().toString());
    }
}
