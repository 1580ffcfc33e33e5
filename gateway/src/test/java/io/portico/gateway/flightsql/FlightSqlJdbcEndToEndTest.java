package io.portico.gateway.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gateway's Flight SQL endpoint through the Arrow Flight SQL JDBC driver, as a data scientist's tool (DBeaver, a
 * notebook's JDBC bridge) uses it: the catalog through {@link DatabaseMetaData}, queries and prepared statements
 * with parameters, the same answers per role as GraphQL's (masked values, denied columns refused), and a
 * username/password login that exchanges the token given as the password.
 */
@DemoGatewayTest
class FlightSqlJdbcEndToEndTest {

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
    void databaseMetaDataListsTheDomainsAndTheirTables() throws Exception {
        try (Connection connection = connect(http.demoToken("ada", "analyst", Map.of()))) {
            DatabaseMetaData metaData = connection.getMetaData();
            assertThat(strings(metaData.getCatalogs(), "TABLE_CAT")).containsExactly("portico");
            assertThat(strings(metaData.getSchemas("portico", null), "TABLE_SCHEM"))
                    .containsExactly("crm", "logistics", "sales");
            assertThat(strings(metaData.getTables("portico", "sales", "%", null), "TABLE_NAME"))
                    .containsExactly("orders");
            List<String> columns = strings(metaData.getColumns("portico", "crm", "customers", "%"), "COLUMN_NAME");
            assertThat(columns).contains("customer_id", "full_name", "email").doesNotContain("birth_date");
            assertThat(strings(metaData.getPrimaryKeys("portico", "sales", "orders"), "COLUMN_NAME"))
                    .containsExactly("order_id");
        }
    }

    @Test
    void queriesAnswerPerRoleAsGraphQlDoes() throws Exception {
        String sql = "SELECT customer_id, full_name, region FROM crm.customers ORDER BY customer_id LIMIT 10";
        List<List<Object>> raw;
        try (Connection steward = connect(http.demoToken("stella", "steward", Map.of()))) {
            raw = rows(steward, sql);
        }
        try (Connection analyst = connect(http.demoToken("ada", "analyst", Map.of()))) {
            List<List<Object>> masked = rows(analyst, sql);
            assertThat(masked).hasSize(10);
            for (int row = 0; row < 10; row++) {
                assertThat(masked.get(row).get(0)).isEqualTo(raw.get(row).get(0));
                assertThat(masked.get(row).get(1)).isNotEqualTo(raw.get(row).get(1));
                assertThat(masked.get(row).get(2)).isEqualTo(raw.get(row).get(2));
            }
            assertThatThrownBy(() -> rows(analyst, "SELECT birth_date FROM crm.customers"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("crm.customers.birth_date");
        }
    }

    @Test
    void aPreparedStatementBindsItsParameters() throws Exception {
        try (Connection connection = connect(http.demoToken("stella", "steward", Map.of()));
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT order_id, status FROM sales.orders WHERE status = ? ORDER BY order_id LIMIT 7")) {
            for (String status : List.of("PAID", "OPEN")) {
                statement.setString(1, status);
                List<String> statuses = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        statuses.add(rows.getString("status"));
                    }
                }
                assertThat(statuses).hasSize(7).containsOnly(status);
            }
        }
    }

    @Test
    void aUsernameAndPasswordLoginIsATokenExchange() throws Exception {
        String token = http.demoToken("ada", "analyst", Map.of());
        String url = "jdbc:arrow-flight-sql://localhost:" + endpoint.port() + "/?useEncryption=false";
        try (Connection connection = DriverManager.getConnection(url + "&user=ada&password="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            assertThat(rows(connection, "SELECT count(*) FROM sales.orders")).hasSize(1);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url + "&user=ada&password=guess").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> {
            try (Connection anonymous = DriverManager.getConnection(url)) {
                rows(anonymous, "SELECT count(*) FROM sales.orders");
            }
        }).isInstanceOf(SQLException.class);
    }

    private Connection connect(String token) throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://localhost:" + endpoint.port()
                + "/?useEncryption=false&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> strings(ResultSet result, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (result) {
            while (result.next()) {
                values.add(result.getString(column));
            }
        }
        return values;
    }
}
