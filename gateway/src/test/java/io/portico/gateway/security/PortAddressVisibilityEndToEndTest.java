package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.TestPortCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The attack "ports are open", its reconnaissance half: the catalog and {@code /actuator/health} showed every port's
 * address (and who registered it, and its team's contacts) to anyone. Anonymous callers now learn none of it;
 * authenticated callers see the catalog's details; only the platform team sees health details. A domain's
 * publishers fetch their port's credential, nobody else's.
 */
@DemoGatewayTest
class PortAddressVisibilityEndToEndTest {

    private static final String CATALOG = """
            { dataProducts { nodes { id registeredBy team { name members { username name role } }
              endpoint { url dialect health { state message } } history { registeredBy endedBy } } } }""";

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    DemoMesh mesh;

    private SecurityHttp http;

    @BeforeEach
    void connect() {
        http = new SecurityHttp(httpPort);
    }

    @Test
    void anonymousCatalogReadersSeeNoAddressNoRegistrantNoContact() {
        Response response = http.graphQl(CATALOG, null);

        assertThat(response.errors()).isEmpty();
        List<JsonNode> products = response.data().path("dataProducts").path("nodes").valueStream().toList();
        assertThat(products).hasSize(3);
        for (JsonNode product : products) {
            assertThat(product.path("endpoint").path("url").isNull()).as("%s", product).isTrue();
            assertThat(product.path("endpoint").path("dialect").asString()).isEqualTo("DUCKDB");
            assertThat(product.path("registeredBy").isNull()).isTrue();
            assertThat(product.path("team").path("name").asString()).isNotBlank();
            assertThat(product.path("team").path("members").isNull()).isTrue();
        }
        assertNoAddressIn(response.body().toString());
        assertThat(response.body().toString()).doesNotContain("ana.sales@example.com", "configuration");
    }

    @Test
    void authenticatedCatalogReadersSeeTheDetails() {
        Response response = http.graphQl(CATALOG, token(Set.of("analyst")));

        assertThat(response.errors()).isEmpty();
        JsonNode sales = response.data().path("dataProducts").path("nodes").valueStream()
                .filter(product -> product.path("id").asString().equals("urn:portico:sales:orders:v1"))
                .findFirst().orElseThrow();
        assertThat(sales.path("endpoint").path("url").asString()).isEqualTo(mesh.port(DemoDomain.SALES).location());
        assertThat(sales.path("registeredBy").asString()).isEqualTo("configuration");
        assertThat(sales.path("team").path("members").get(0).path("username").asString())
                .isEqualTo("ana.sales@example.com");
    }

    @Test
    void healthDetailsAreForThePlatformTeamOnly() {
        Response anonymous = http.get("/actuator/health", null);
        Response analyst = http.get("/actuator/health", token(Set.of("analyst")));
        Response platform = http.get("/actuator/health", token(Set.of("platform")));

        for (Response overall : List.of(anonymous, analyst)) {
            assertThat(overall.status()).isEqualTo(200);
            assertThat(overall.body().path("status").asString()).isEqualTo("UP");
            assertThat(overall.body().has("components")).as("%s", overall.body()).isFalse();
            assertNoAddressIn(overall.body().toString());
        }
        Response component = http.get("/actuator/health/ports", null);
        assertThat(component.body() == null ? "" : component.body().toString()).as("the ports component, anonymously")
                .doesNotContain("location", "crm-customers-port");
        assertNoAddressIn(component.body() == null ? "" : component.body().toString());
        assertThat(platform.status()).isEqualTo(200);
        JsonNode ports = platform.body().path("components").path("ports").path("details").path("ports");
        assertThat(ports.path("crm-customers-port").path("location").asString())
                .isEqualTo(mesh.port(DemoDomain.CRM).location());
        assertThat(security.platformRoles()).containsExactly("platform");
    }

    @Test
    void aDomainsPublishersFetchItsPortCredentialAndNoOneElses() {
        Response sales = http.get("/api/port-credentials/sales", token(Set.of(), Set.of("sales")));
        Response next = http.get("/api/port-credentials/sales?next=true", token(Set.of(), Set.of("sales")));
        Response crm = http.get("/api/port-credentials/crm", token(Set.of("platform"), Set.of("sales")));
        Response anonymous = http.get("/api/port-credentials/sales", null);

        assertThat(sales.status()).isEqualTo(200);
        assertThat(sales.body().path("credential").asString()).isEqualTo(TestPortCredentials.credentialOf("sales"));
        assertThat(sales.body().path("source").asString()).isEqualTo("derived");
        assertThat(sales.body().path("generation").asInt()).isEqualTo(1);
        assertThat(SecurityHttp.header(sales, "Cache-Control")).contains("no-store");
        assertThat(next.body().path("credential").asString())
                .isEqualTo(TestPortCredentials.gateway().next().credentialOf("sales"));
        assertThat(next.body().path("generation").asInt()).isEqualTo(2);
        assertThat(crm.status()).isEqualTo(403);
        assertThat(crm.body().path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(crm.body().toString()).doesNotContain(TestPortCredentials.credentialOf("crm"));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private void assertNoAddressIn(String body) {
        for (DemoMesh.DemoPort port : mesh.ports()) {
            assertThat(body).doesNotContain(port.location())
                    .doesNotContain(":" + port.port().location().getUri().getPort());
        }
        assertThat(body).doesNotContain("127.0.0.1", "grpc+tcp");
    }

    private String token(Set<String> roles) {
        return token(roles, Set.of());
    }

    private String token(Set<String> roles, Set<String> domains) {
        return issuer.mint(new DemoTokenRequest("visibility-tester", roles, Set.of(), domains, Map.of(),
                Duration.ofMinutes(5)), security.claims()).token();
    }
}
