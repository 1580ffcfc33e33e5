package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Dates and instants that are valid ISO-8601 but beyond what a port can be sent (statements carry their values as
 * SQL literals, whose years have four digits) are the caller's mistake: {@code BAD_USER_INPUT} naming the value, the column and the
 * range, never {@code INTERNAL}; the rest of the gateway keeps answering.
 */
@DemoGatewayTest
class OutOfRangeFilterValuesEndToEndTest {

    @LocalServerPort
    int httpPort;

    /** The finding: this answered INTERNAL. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "crm | customers | signupDate | Date | +999999999-12-31 | signup_date",
        "crm | customers | signupDate | Date | -999999999-01-01 | signup_date",
        "crm | customers | signupDate | Date | +10000-01-01 | signup_date",
        "crm | customers | signupDate | Date | -0001-12-31 | signup_date",
        "sales | orders | createdAt | DateTime | +999999999-12-31T23:59:59Z | created_at",
        "sales | orders | createdAt | DateTime | +10000-01-01T00:00Z | created_at",
    })
    void aDateBeyondWhatAPortHoldsIsTheCallersMistake(String domain, String dataset, String field, String type,
            String value, String column) {
        GraphQlClient graphQl = new GraphQlClient(httpPort);
        String selection = " { totalCount nodes { " + field + " } } } }";

        Response literal = graphQl.post("{ " + domain + " { " + dataset + "(where: {" + field + ": {gt: \"" + value
                + "\"}})" + selection);
        Response variable = graphQl.post("query($v: " + type + ") { " + domain + " { " + dataset + "(where: {"
                + field + ": {gt: $v}})" + selection, Map.of("v", value));

        for (Response response : new Response[] {literal, variable}) {
            assertThat(response.codes()).as(response.toString()).containsExactly("BAD_USER_INPUT");
            assertThat(response.errors().getFirst().path("message").asString())
                    .contains("'" + value + "' is out of range for column '" + column + "'", "a port compares");
        }
        assertThat(graphQl.data("{ crm { customers(first: 1) { nodes { customerId } } } }")
                .at("/crm/customers/nodes/0/customerId").isNumber()).isTrue();
    }

    @Test
    void theLatestDateAPortIsSentIsStillAccepted() {
        Response response = new GraphQlClient(httpPort).post(
                "{ crm { customers(where: {signupDate: {lt: \"9999-12-31\"}}, first: 1) { totalCount } } }");

        assertThat(response.errors()).as(response.toString()).isEmpty();
        assertThat(response.data().at("/crm/customers/totalCount").asLong()).isPositive();
    }
}
