package io.portico.gateway.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gateway's Flight SQL endpoint as a client meets it first, with Arrow's own {@link FlightSqlClient} against the
 * demo mesh: who may call (bearer JWTs as for HTTP, a username/password login only as a token exchange), and the
 * catalog (one catalog, domains as schemas, datasets as tables) with each table's columns as the caller may see
 * them.
 */
@DemoGatewayTest
class FlightSqlCatalogEndToEndTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    FlightSqlEndpoint endpoint;

    private GraphQlClient http;

    @BeforeEach
    void connect() {
        http = new GraphQlClient(httpPort);
    }

    @Test
    void aCallWithoutATokenIsRefusedAsUnauthenticated() throws Exception {
        try (GatewaySqlClient anonymous = new GatewaySqlClient(endpoint.port(), null)) {
            assertThatThrownBy(() -> anonymous.read(anonymous.sql().getCatalogs(anonymous.options())))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED);
                        assertThat(e.getMessage()).contains("Bearer");
                    });
        }
    }

    @Test
    void aForgedOrExpiredTokenIsRefusedAsUnauthenticated() throws Exception {
        String valid = http.demoToken("ada", "analyst", Map.of());
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (String token : List.of("not-a-jwt", forged)) {
            try (GatewaySqlClient client = new GatewaySqlClient(endpoint.port(), token)) {
                assertThatThrownBy(() -> client.query("SELECT order_id FROM sales.orders"))
                        .isInstanceOfSatisfying(FlightRuntimeException.class, e -> assertThat(e.status().code())
                                .isEqualTo(FlightStatusCode.UNAUTHENTICATED));
            }
        }
    }

    @Test
    void aUsernameAndPasswordLoginExchangesTheTokenGivenAsPasswordForABearer() throws Exception {
        String token = http.demoToken("ada", "analyst", Map.of());
        try (BufferAllocator allocator = new RootAllocator();
             FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("localhost",
                     endpoint.port())).build()) {
            Optional<CredentialCallOption> bearer = client.authenticateBasicToken("ada", token);
            assertThat(bearer).isPresent();
            FlightSqlClient sql = new FlightSqlClient(client);
            assertThat(sql.getCatalogs(bearer.get()).getEndpoints()).isNotEmpty();

            assertThatThrownBy(() -> client.authenticateBasicToken("ada", "wrong-password"))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> assertThat(e.status().code())
                            .isEqualTo(FlightStatusCode.UNAUTHENTICATED));
        }
    }

    @Test
    void theCatalogIsPorticoWithADomainPerSchemaAndADatasetPerTable() throws Exception {
        try (GatewaySqlClient client = new GatewaySqlClient(endpoint.port(), http.demoToken("ada", "analyst", Map.of()))) {
            assertThat(client.read(client.sql().getCatalogs(client.options())).rows())
                    .containsExactly(List.of("portico"));
            assertThat(client.read(client.sql().getSchemas("portico", null, client.options())).column("db_schema_name"))
                    .containsExactly("crm", "logistics", "sales");
            GatewaySqlClient.Answer tables = client.read(client.sql().getTables("portico", "s%", null, null, false,
                    client.options()));
            assertThat(tables.rows()).containsExactly(List.of("portico", "sales", "orders", "TABLE"));
            assertThat(client.read(client.sql().getTables("elsewhere", null, null, null, false, client.options()))
                    .rows()).isEmpty();
            assertThat(client.read(client.sql().getPrimaryKeys(
                    org.apache.arrow.flight.sql.util.TableRef.of("portico", "sales", "orders"), client.options()))
                    .column("column_name")).containsExactly("order_id");
        }
    }

    @Test
    void aTableSchemaShowsTheColumnsTheCallerMaySeeMaskedOnesNullable() throws Exception {
        Schema steward = customersSchema(http.demoToken("stella", "steward", Map.of()));
        Schema analyst = customersSchema(http.demoToken("ada", "analyst", Map.of()));

        assertThat(names(steward)).contains("birth_date", "full_name", "email");
        assertThat(names(analyst)).doesNotContain("birth_date").contains("customer_id", "full_name", "email");
        assertThat(analyst.findField("full_name").isNullable()).isTrue();
        assertThat(analyst.findField("customer_id").getType()).isEqualTo(steward.findField("customer_id").getType());
    }

    @Test
    void sqlInfoSaysTheEndpointIsAReadOnlySqlServer() throws Exception {
        try (GatewaySqlClient client = new GatewaySqlClient(endpoint.port(), http.demoToken("ada", "analyst", Map.of()))) {
            GatewaySqlClient.Answer info = client.read(client.sql().getSqlInfo(new SqlInfo[] {
                    SqlInfo.FLIGHT_SQL_SERVER_NAME, SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY}, client.options()));
            assertThat(info.rows()).hasSize(2);
            assertThat(info.rows().toString()).contains("Portico gateway").contains("true");
        }
    }

    private Schema customersSchema(String token) throws Exception {
        try (GatewaySqlClient client = new GatewaySqlClient(endpoint.port(), token)) {
            GatewaySqlClient.Answer tables = client.read(client.sql().getTables("portico", "crm", "customers", null,
                    true, client.options()));
            assertThat(tables.rows()).hasSize(1);
            byte[] serialized = (byte[]) tables.column("table_schema").getFirst();
            return MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(
                    new ByteArrayInputStream(serialized))));
        }
    }

    private static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }
}
