package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A port registered at runtime over a table of its own: decimals, dates, nulls, lists and structs. */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestedValuesEndToEndTest {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: lab-gadgets-port
            version: 1.0.0
            status: active
            domain: lab
            dataProduct: gadgets
            servers:
              - server: lab-port
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: gadgets
                physicalName: gadgets
                properties:
                  - name: gadget_id
                    logicalType: integer
                    required: true
                    primaryKey: true
                    primaryKeyPosition: 1
                  - name: tags
                    logicalType: array
                  - name: dims
                    logicalType: object
                  - name: price
                    logicalType: number
                  - name: made_on
                    logicalType: date
            """;

    @LocalServerPort
    int httpPort;

    @Autowired
    PortRegistry registry;

    @Autowired
    BufferAllocator rootAllocator;

    private TestPort port;

    @BeforeAll
    void registerALabPort() throws Exception {
        port = TestPortCredentials.startPort(CONTRACT,
                "CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, tags VARCHAR[],"
                        + " dims STRUCT(width_cm DOUBLE, height_cm DOUBLE), price DECIMAL(10,2), made_on DATE)",
                "INSERT INTO gadgets VALUES"
                        + " (1, ['red', 'small'], {'width_cm': 2.5, 'height_cm': 4.0}, 9.90, DATE '2024-02-29'),"
                        + " (2, [], NULL, NULL, NULL),"
                        + " (3, NULL, {'width_cm': NULL, 'height_cm': 1.0}, 1234.50, DATE '1999-12-31')");
        assertThat(registry.register(ContractParser.parse(port.contract())).up()).isTrue();
    }

    @AfterAll
    void retireIt() throws Exception {
        registry.retire("lab-gadgets-port");
        port.close();
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void aPortRegisteredAtRuntimeAnswersDecimalsDatesAndNulls() {
        JsonNode nodes = new GraphQlClient(httpPort).data("""
                { lab { gadgets(orderBy: [{gadgetId: ASC}], where: {price: {isNull: false}}) {
                  nodes { gadgetId price madeOn }
                } } }""").path("lab").path("gadgets").path("nodes");

        assertThat(nodes.size()).isEqualTo(2);
        assertThat(nodes.get(0).path("gadgetId").asLong()).isEqualTo(1);
        assertThat(nodes.get(0).path("price").asString()).isEqualTo("9.90");
        assertThat(nodes.get(0).path("madeOn").asString()).isEqualTo("2024-02-29");
        assertThat(nodes.get(1).path("price").asString()).isEqualTo("1234.50");
        assertThat(nodes.get(1).path("madeOn").asString()).isEqualTo("1999-12-31");
    }

    @Test
    void listsAreListsAndStructsAreObjects() {
        JsonNode nodes = new GraphQlClient(httpPort).data("""
                { lab { gadgets(orderBy: [{gadgetId: ASC}]) {
                  nodes { gadgetId tags dims { widthCm heightCm } }
                } } }""").path("lab").path("gadgets").path("nodes");

        assertThat(nodes.size()).isEqualTo(3);
        JsonNode first = nodes.get(0);
        assertThat(first.path("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("red", "small");
        assertThat(first.path("dims").path("widthCm").asDouble()).isEqualTo(2.5);
        assertThat(first.path("dims").path("heightCm").asDouble()).isEqualTo(4.0);
        JsonNode second = nodes.get(1);
        assertThat(second.path("tags").isArray()).isTrue();
        assertThat(second.path("tags").size()).isZero();
        assertThat(second.path("dims").isNull()).isTrue();
        JsonNode third = nodes.get(2);
        assertThat(third.path("tags").isNull()).isTrue();
        assertThat(third.path("dims").path("widthCm").isNull()).isTrue();
    }
}
