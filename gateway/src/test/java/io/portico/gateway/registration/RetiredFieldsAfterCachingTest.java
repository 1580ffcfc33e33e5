package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.graphql.DocumentCache;
import io.portico.gateway.registration.RegistrationHttp.Answer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A document cached while a port's fields were in the schema is validated again once the port is retired: the
 * schema reload makes every cached document a stranger, so the retired field is refused, never executed.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetiredFieldsAfterCachingTest {

    private static final String PORT_ID = "atelier-gadgets";
    private static final String QUERY = "{ atelier { gadgets(first: 2) { nodes { name } } } }";

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    DocumentCache documents;

    private TestPort port;

    @BeforeAll
    void startPort() throws Exception {
        port = Gadgets.workshopPort("atelier");
    }

    @AfterAll
    void stopPort() throws Exception {
        port.close();
    }

    @Test
    void aCachedDocumentNamingARetiredPortsFieldIsRefused() {
        RegistrationHttp http = new RegistrationHttp(httpPort);
        String token = issuer.mint(new DemoTokenRequest("atelier-ci", Set.of(), Set.of(), Set.of("atelier"),
                Map.of(), Duration.ofMinutes(10)), security.claims()).token();
        Answer published = http.publish(Gadgets.document(PORT_ID, "atelier", "1.0.0", port.url()), token);
        assertThat(published.status()).as("%s", published).isEqualTo(201);

        Answer first = http.graphQl(QUERY, null, null);
        long hitsBefore = documents.stats().hitCount();
        Answer cached = http.graphQl(QUERY, null, null);
        assertThat(documents.stats().hitCount()).isGreaterThan(hitsBefore);
        Answer retired = http.delete("/api/ports/" + PORT_ID, token);
        Answer afterRetirement = http.graphQl(QUERY, null, null);

        assertThat(first.body().path("data").path("atelier").path("gadgets").path("nodes").size()).isEqualTo(2);
        assertThat(cached.body()).isEqualTo(first.body());
        assertThat(retired.status()).as("%s", retired).isEqualTo(200);
        assertThat(afterRetirement.body().path("data").isMissingNode()).as("%s", afterRetirement).isTrue();
        assertThat(afterRetirement.body().path("errors").get(0).path("extensions").path("code").asString())
                .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(afterRetirement.body().path("errors").get(0).path("message").asString())
                .contains("'atelier'");
    }
}
