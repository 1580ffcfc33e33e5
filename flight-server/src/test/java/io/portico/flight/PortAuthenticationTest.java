package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.auth.PortCredentialAuthenticator;
import io.portico.flight.auth.PortIdentity;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The attack "ports are open": any process that reaches a port reads it with a plain Flight SQL client. A port
 * answers only calls presenting one of its credentials: without one, or with another domain's, every RPC (handshake,
 * listings, GetFlightInfo, GetSchema, DoGet, DoPut, DoExchange, actions) is {@code UNAUTHENTICATED} with one
 * description that names nothing secret; with its own credential everything works, with Arrow's FlightSqlClient and
 * with the Flight SQL JDBC driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortAuthenticationTest {

    private BufferAllocator rootAllocator;
    private BufferAllocator allocator;
    private DuckDBConnection database;
    private FlightPort port;

    @BeforeAll
    void startPort() throws SQLException {
        rootAllocator = new RootAllocator();
        allocator = rootAllocator.newChildAllocator("clients", 0, Long.MAX_VALUE);
        database = DemoDatabases.inMemory(DemoDomain.SALES, 42, 0.01);
        port = FlightPort.start(FlightPortConfig.of(ContractBuilder.demo(DemoDomain.SALES),
                PortDatabase.duckDb(database), TestCredentials.accepted()), rootAllocator);
    }

    @AfterAll
    void stopPort() throws SQLException {
        port.close();
        database.close();
        allocator.close();
        rootAllocator.close();
    }

    @AfterEach
    void noClientMemoryLeft() {
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    /** Every RPC of the Flight protocol, as a client calls it; each must reach the port (and fail there). */
    private static Map<String, Consumer<FlightClient>> everyRpc() {
        Map<String, Consumer<FlightClient>> rpcs = new java.util.LinkedHashMap<>();
        rpcs.put("Handshake", client -> client.handshake());
        rpcs.put("ListFlights", client -> client.listFlights(Criteria.ALL).forEach(info -> { }));
        rpcs.put("ListActions", client -> client.listActions().forEach(action -> { }));
        rpcs.put("GetFlightInfo (SqlInfo)", client -> new FlightSqlClient(client).getSqlInfo(SqlInfo.FLIGHT_SQL_SERVER_NAME));
        rpcs.put("GetFlightInfo (tables)", client -> new FlightSqlClient(client).getTables(null, null, null, null, true));
        rpcs.put("GetFlightInfo (statement)", client -> new FlightSqlClient(client).execute("SELECT * FROM orders"));
        rpcs.put("GetSchema", client -> new FlightSqlClient(client).getExecuteSchema("SELECT * FROM orders"));
        rpcs.put("PollFlightInfo", client -> client.pollInfo(FlightDescriptor.command(new byte[0])));
        rpcs.put("DoGet", client -> {
            try (FlightStream stream = client.getStream(new Ticket("SELECT * FROM orders".getBytes()))) {
                stream.next();
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        });
        rpcs.put("DoPut (update)", client -> new FlightSqlClient(client).executeUpdate("DELETE FROM orders"));
        rpcs.put("DoAction (prepare)", client -> new FlightSqlClient(client).prepare("SELECT * FROM orders").close());
        rpcs.put("DoAction (identity)", client -> client.doAction(new Action(PortIdentity.ACTION)).forEachRemaining(r -> { }));
        rpcs.put("DoExchange", client -> {
            try (FlightClient.ExchangeReaderWriter exchange = client.doExchange(FlightDescriptor.command(new byte[0]))) {
                exchange.getReader().next();
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        });
        return rpcs;
    }

    @Test
    void aClientWithoutACredentialIsRefusedOnEveryRpc() throws Exception {
        long refusedBefore = port.refusedCalls();
        try (FlightClient anonymous = FlightClient.builder(allocator, port.location()).build()) {
            assertEveryRpcRefused(anonymous);
        }
        assertThat(port.refusedCalls() - refusedBefore).isGreaterThanOrEqualTo(everyRpc().size());
        assertThat(port.statementLog().last()).as("no statement ran").isEmpty();
    }

    @Test
    void aClientWithAnotherDomainsCredentialIsRefusedOnEveryRpc() throws Exception {
        try (FlightClient otherDomain = TestCredentials.client(allocator, port.location(), TestCredentials.OTHER_DOMAIN)) {
            assertEveryRpcRefused(otherDomain);
        }
        String almost = TestCredentials.PORT.substring(0, TestCredentials.PORT.length() - 1) + "X";
        try (FlightClient guessing = TestCredentials.client(allocator, port.location(), almost);
             FlightClient longer = TestCredentials.client(allocator, port.location(), TestCredentials.PORT + "0");
             FlightClient basic = FlightClient.builder(allocator, port.location()).build()) {
            assertRefused("a near miss", () -> guessing.handshake());
            assertRefused("the credential and more", () -> longer.handshake());
            assertRefused("basic authentication", () -> basic.authenticateBasicToken("gateway", TestCredentials.PORT));
        }
        assertThat(port.statementLog().last()).as("no statement ran").isEmpty();
    }

    @Test
    void thePortsOwnCredentialOpensEveryRpcItServes() throws Exception {
        try (FlightClient gateway = TestCredentials.client(allocator, port.location());
             FlightSqlClient sql = new FlightSqlClient(gateway)) {
            gateway.handshake();
            List<String> actions = new ArrayList<>();
            gateway.listActions().forEach(action -> actions.add(action.getType()));
            assertThat(actions).contains(PortIdentity.ACTION, "CreatePreparedStatement");
            try (FlightStream stream = sql.getStream(sql.execute("SELECT count(*) FROM orders").getEndpoints()
                    .getFirst().getTicket())) {
                assertThat(stream.next()).isTrue();
                assertThat(stream.getRoot().getVector(0).getObject(0)).isEqualTo(DemoDomain.orders(0.01));
            }
            Iterator<Result> identity = gateway.doAction(new Action(PortIdentity.ACTION));
            assertThat(PortIdentity.fromJson(identity.next().getBody()))
                    .isEqualTo(new PortIdentity("sales", "sales-orders-port", "1.0.0"));
            assertThat(identity.hasNext()).isFalse();
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM orders"))
                    .as("authenticated, the port's own rules apply")
                    .hasMessageContaining("STATEMENT_REFUSED");
        }
    }

    @Test
    void theBearerSchemeIsReadWhateverItsCase() throws Exception {
        try (FlightClient lowerCase = FlightClient.builder(allocator, port.location())
                .intercept(info -> new org.apache.arrow.flight.FlightClientMiddleware() {
                    @Override
                    public void onBeforeSendingHeaders(org.apache.arrow.flight.CallHeaders outgoingHeaders) {
                        outgoingHeaders.insert("authorization", "bearer " + TestCredentials.PORT);
                    }

                    @Override
                    public void onHeadersReceived(org.apache.arrow.flight.CallHeaders incomingHeaders) {
                    }

                    @Override
                    public void onCallCompleted(CallStatus status) {
                    }
                }).build()) {
            lowerCase.handshake();
        }
    }

    @Test
    void theJdbcDriverNeedsThePortsCredentialToo() throws Exception {
        String url = "jdbc:arrow-flight-sql://127.0.0.1:" + port.location().getUri().getPort() + "/?useEncryption=false";
        assertThatThrownBy(() -> count(url))
                .as("no credential").isInstanceOf(SQLException.class)
                .hasStackTraceContaining("UNAUTHENTICATED");
        assertThatThrownBy(() -> count(url + "&token=" + TestCredentials.OTHER_DOMAIN))
                .as("another domain's credential").isInstanceOf(SQLException.class)
                .hasStackTraceContaining("UNAUTHENTICATED");
        assertThatThrownBy(() -> count(url + "&user=gateway&password=" + TestCredentials.PORT))
                .as("the credential as a password").isInstanceOf(SQLException.class)
                .hasStackTraceContaining("UNAUTHENTICATED");
        assertThat(count(url + "&token=" + TestCredentials.PORT)).isEqualTo(DemoDomain.orders(0.01));
    }

    @Test
    void acceptsEveryCredentialOfARotationAndNothingShorterThanSixteenCharacters() {
        AcceptedCredentials both = AcceptedCredentials.of(TestCredentials.PORT, TestCredentials.OTHER_DOMAIN);
        assertThat(both.accepts(TestCredentials.PORT)).isTrue();
        assertThat(both.accepts(TestCredentials.OTHER_DOMAIN)).isTrue();
        assertThat(both.accepts(TestCredentials.PORT + " ")).isFalse();
        assertThat(both.accepts("")).isFalse();
        assertThat(both.accepts(null)).isFalse();
        assertThat(both).hasToString("AcceptedCredentials[2]");
        assertThatThrownBy(() -> AcceptedCredentials.of("too-short")).hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> AcceptedCredentials.of("sixteen characters with spaces"))
                .hasMessageContaining("printable ASCII characters only");
        assertThat(AcceptedCredentials.parse("# comment\n a-first-credential-0001, a-second-credential-002 \n\n", "test")
                .size()).isEqualTo(2);
    }

    private static long count(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertEveryRpcRefused(FlightClient client) {
        everyRpc().forEach((rpc, call) -> assertRefused(rpc, () -> call.accept(client)));
    }

    private static void assertRefused(String rpc, Runnable call) {
        assertThatThrownBy(call::run).as(rpc)
                .isInstanceOfSatisfying(FlightRuntimeException.class, failure -> {
                    assertThat(failure.status().code()).as(rpc).isEqualTo(FlightStatusCode.UNAUTHENTICATED);
                    assertThat(failure.status().description()).as(rpc).isEqualTo(PortCredentialAuthenticator.REFUSAL);
                });
    }
}
