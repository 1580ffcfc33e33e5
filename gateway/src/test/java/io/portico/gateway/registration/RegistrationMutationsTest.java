package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.registration.RegistrationEndToEndTest.Untouched;
import io.portico.gateway.registration.RegistrationHttp.Answer;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL mutations registerOutputPort, checkOutputPort and retireOutputPort over real HTTP: wired by DGS into
 * the dynamic schema (the static schema file is merged into every rebuild), the same result as REST, a token
 * required although the GraphQL endpoint serves anonymous queries.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationMutationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RESULT = "{ status outcome httpStatus code message dryRun portId domain version urns"
            + " registryVersion schemaVersion portStatus problems { code kind path problem expected }"
            + " warnings { code kind path } changes { summary highestSeverity changes { severity kind path } }"
            + " versionVerdict { accepted sideBySide liveVersion candidateVersion suggestedVersion message } }";
    private static final String REGISTER = "mutation($contract: String!) { registerOutputPort(contract: $contract) "
            + RESULT + " }";
    private static final String CHECK = "mutation($contract: String!) { checkOutputPort(contract: $contract) "
            + RESULT + " }";
    private static final String RETIRE = "mutation($id: ID!) { retireOutputPort(id: $id) " + RESULT + " }";

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    PortRegistry registry;

    @Autowired
    RegistryStore store;

    private TestPort port;
    private RegistrationHttp http;

    @BeforeAll
    void startPort() throws Exception {
        port = Gadgets.workshopPort("studio");
    }

    @AfterAll
    void stopPort() throws Exception {
        port.close();
    }

    @BeforeEach
    void connect() {
        http = new RegistrationHttp(httpPort);
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("studio-ci", Set.of(), Set.of(), Set.of(domain), Map.of(),
                Duration.ofMinutes(10)), security.claims()).token();
    }

    private JsonNode mutate(String mutation, String variable, String value, String token) {
        Answer answer = http.graphQl(mutation, JSON.writeValueAsString(Map.of(variable, value)), token);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body().path("errors").isMissingNode()).as("%s", answer).isTrue();
        return answer.body().path("data").values().iterator().next();
    }

    @Test
    void registerQueryAndRetireThroughGraphQl() {
        String document = Gadgets.document("studio-gadgets", "studio", "1.0.0", port.url());

        JsonNode checked = mutate(CHECK, "contract", document, token("studio"));
        JsonNode registered = mutate(REGISTER, "contract", document, token("studio"));

        assertThat(checked.path("outcome").asString()).isEqualTo("CHECKED");
        assertThat(checked.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(checked.path("dryRun").asBoolean()).isTrue();
        assertThat(registered.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(registered.path("outcome").asString()).isEqualTo("PUBLISHED");
        assertThat(registered.path("httpStatus").asInt()).isEqualTo(201);
        assertThat(registered.path("urns").get(0).asString()).isEqualTo("urn:portico:studio:gadgets:gadgets:v1");
        assertThat(registered.path("registryVersion").asLong()).isEqualTo(store.registryVersion());
        assertThat(registered.path("versionVerdict").path("candidateVersion").asString()).isEqualTo("1.0.0");
        Answer query = http.graphQl("{ studio { gadgets { totalCount } } }", null, null);
        assertThat(query.body().path("data").path("studio").path("gadgets").path("totalCount").asLong()).isEqualTo(3);

        JsonNode retired = mutate(RETIRE, "id", "studio-gadgets", token("studio"));

        assertThat(retired.path("outcome").asString()).isEqualTo("RETIRED");
        assertThat(http.graphQl("{ studio { gadgets { totalCount } } }", null, null).body().path("errors").get(0)
                .path("extensions").path("code").asString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        JsonNode again = mutate(RETIRE, "id", "studio-gadgets", token("studio"));
        assertThat(again.path("outcome").asString()).isEqualTo("NOT_FOUND");
        assertThat(again.path("httpStatus").asInt()).isEqualTo(404);
    }

    @Test
    void mutationsNeedAToken() {
        Untouched before = RegistrationEndToEndTest.untouched(store, registry);
        String document = Gadgets.document("studio-anonymous", "studio", "1.0.0", port.url());

        JsonNode anonymous = mutate(REGISTER, "contract", document, null);
        JsonNode retire = mutate(RETIRE, "id", "sales-orders-port", null);

        assertThat(anonymous.path("status").asString()).isEqualTo("REFUSED");
        assertThat(anonymous.path("outcome").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.path("problems").get(0).path("expected").asString()).contains("./portico token");
        assertThat(retire.path("outcome").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(RegistrationEndToEndTest.untouched(store, registry)).isEqualTo(before);
    }

    @Test
    void aRefusalCarriesTheSameProblemsAsOverRest() {
        String document = Gadgets.document("studio-mismatch", "studio", "1.0.0", port.url())
                .replace("logicalType: string", "logicalType: date");

        JsonNode refused = mutate(REGISTER, "contract", document, token("studio"));
        Answer rest = http.publish(document, token("studio"));

        assertThat(refused.path("outcome").asString()).isEqualTo("INVALID");
        assertThat(refused.path("httpStatus").asInt()).isEqualTo(422);
        assertThat(refused.path("problems")).hasSize(1);
        assertThat(refused.path("problems").get(0).path("path").asString())
                .isEqualTo("$.schema[0].properties[1].logicalType");
        assertThat(refused.path("problems").get(0).path("kind").asString()).isEqualTo("FIELD_TYPE");
        assertThat(refused.path("problems").get(0)).isEqualTo(rest.body().path("problems").get(0));
        assertThat(refused.path("message").asString()).isEqualTo(rest.text("message"));
    }
}
