package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.FlightPort;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.TcpRelay;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.registration.RegistrationHttp.Answer;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.catalog.EndpointHealthMonitor;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GarbageListener;
import io.portico.gateway.testing.OtherFlightServer;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * The attack "re-publishing another domain's endpoint", against the demo gateway: a token of {@code sales} publishes a
 * {@code sales} contract naming a crm port's endpoint and its customers table, unclassified, so that anonymous callers
 * would read every customer's name, email and birth date under {@code sales.people}. And the dry run as a port
 * scanner and schema oracle: naming a closed port, a listener that speaks no gRPC, a Flight server of another domain
 * and a Flight server that is not a Portico port must all answer alike.
 *
 * <p>The crm port of the attacks is a real reference port of domain crm ({@code crm-vault-port}, the demo customers
 * over DuckDB) published at a {@link TcpRelay} that counts connections, so "no connection" is counted, not assumed.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointOwnershipEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration VERIFY_TIME = Duration.ofMillis(500);
    private static final String VAULT = """
              - name: vault
                physicalName: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    required: true
                    primaryKey: true
                  - name: full_name
                    logicalType: string
                    classification: confidential
                  - name: birth_date
                    logicalType: date
                    classification: restricted
            """;
    /** The attacker's dataset: the crm customers, every personal field, no classification. */
    private static final String PEOPLE = """
              - name: people
                physicalName: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    primaryKey: true
                  - name: full_name
                    logicalType: string
                  - name: email
                    logicalType: string
                  - name: phone
                    logicalType: string
                  - name: birth_date
                    logicalType: date
            """;

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    EndpointsProperties endpoints;

    @Autowired
    PortRegistry registry;

    @Autowired
    RegistryStore store;

    @Autowired
    DemoMesh mesh;

    @Autowired
    EndpointHealthMonitor healthMonitor;

    private TestPort vaultPort;
    private FlightPort vault;
    private TcpRelay vaultRelay;
    private RegistrationHttp http;

    @BeforeAll
    void startTheCrmVault() throws Exception {
        assertThat(endpoints.verifyTime()).isEqualTo(VERIFY_TIME);
        vaultPort = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.CRM, 42, 0.001))
                .contract(vault(TestPort.NOWHERE)).start();
        vault = vaultPort.flightPort();
        vaultRelay = new TcpRelay(new InetSocketAddress("127.0.0.1", vault.location().getUri().getPort()));
        http = new RegistrationHttp(httpPort);
        Answer published = http.publish(vault(relayUrl()), token("crm"));
        assertThat(published.status()).as("%s", published).isEqualTo(201);
    }

    @AfterAll
    void stopTheCrmVault() throws Exception {
        http.delete("/api/ports/crm-vault-port", token("crm"));
        vaultRelay.close();
        vaultPort.close();
    }

    @BeforeEach
    void connect() {
        http = new RegistrationHttp(httpPort);
    }

    @Test
    void aSalesTokenCannotRepublishTheCrmPortAndTheCrmPortIsNeverContacted() {
        // The catalog's endpoint health checks connect to the crm port on their own schedule; paused here, so every
        // connection counted below was made for the sales token's requests.
        healthMonitor.stop();
        try {
            salesTokenRefusedWithoutContactingTheCrmPort();
        } finally {
            healthMonitor.start();
        }
    }

    private void salesTokenRefusedWithoutContactingTheCrmPort() {
        int connectionsBefore = vaultRelay.accepted();
        long refusedBefore = vault.refusedCalls();
        long statementsBefore = vault.statementLog().entries().size();

        long started = System.nanoTime();
        Answer checked = http.check(people(relayUrl()), token("sales"));
        Answer published = http.publish(people(relayUrl()), token("sales"));

        for (Answer answer : new Answer[] {checked, published}) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(403);
            assertThat(answer.text("outcome")).isEqualTo("FORBIDDEN");
            assertThat(answer.text("code")).isEqualTo("FORBIDDEN");
            assertThat(answer.problemKinds()).containsExactly("ENDPOINT_OWNERSHIP");
            assertThat(answer.problemPaths()).containsExactly("$.servers[0]");
            assertThat(answer.text("message")).contains("domain 'sales' does not own the endpoint")
                    .doesNotContain(relayUrl(), String.valueOf(vaultRelay.port()));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("each refusal waits the verify time")
                .isGreaterThanOrEqualTo(VERIFY_TIME.multipliedBy(2));
        assertThat(vaultRelay.accepted()).as("connections to the crm port").isEqualTo(connectionsBefore);
        assertThat(vault.refusedCalls()).isEqualTo(refusedBefore);
        assertThat(vault.statementLog().entries().size()).isEqualTo(statementsBefore);
        assertThat(store.history("sales-people-port")).as("nothing stored").isEmpty();
        Answer query = http.graphQl("{ sales { people(first: 3) { nodes { fullName email birthDate } } } }", null,
                null);
        assertThat(query.body().path("errors").get(0).path("extensions").path("code").asString())
                .as("no sales.people field: %s", query).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void theDemoCrmPortIsRefusedByItsRegisteredAddressWithoutAContact() {
        FlightPort demoCrm = mesh.port(DemoDomain.CRM).port();
        long refusedBefore = demoCrm.refusedCalls();
        long statementsBefore = demoCrm.statementLog().entries().size();

        Answer answer = http.publish(people(mesh.port(DemoDomain.CRM).location()), token("sales"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(403);
        assertThat(answer.problemKinds()).containsExactly("ENDPOINT_OWNERSHIP");
        assertThat(demoCrm.refusedCalls()).as("not even asked").isEqualTo(refusedBefore);
        assertThat(demoCrm.statementLog().entries().size()).isEqualTo(statementsBefore);
    }

    @Test
    void theDryRunAnswersByteForByteAlikeForEveryAddressItsDomainDoesNotOwn() throws Exception {
        try (GarbageListener garbage = new GarbageListener(); OtherFlightServer other = new OtherFlightServer()) {
            Map<String, String> addresses = new LinkedHashMap<>();
            addresses.put("a closed port", "grpc+tcp://127.0.0.1:" + closedPort());
            addresses.put("a listener that speaks no gRPC", garbage.url());
            addresses.put("a Portico port of another domain, by an address not registered",
                    vault.location().getUri().toString());
            addresses.put("the demo crm port, spelled otherwise",
                    "grpc+tcp://localhost:" + mesh.port(DemoDomain.CRM).port().location().getUri().getPort());
            addresses.put("a Flight server that is not a Portico port", other.url());
            addresses.put("a crm port registered by the registry", relayUrl());
            long vaultRefusedBefore = vault.refusedCalls();

            Map<String, String> bodies = new LinkedHashMap<>();
            for (Map.Entry<String, String> address : addresses.entrySet()) {
                long started = System.nanoTime();
                Answer answer = http.check(people(address.getValue()), token("sales"));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(answer.status()).as("%s: %s", address.getKey(), answer).isEqualTo(403);
                assertThat(took).as("%s answered after the verify time", address.getKey())
                        .isGreaterThanOrEqualTo(VERIFY_TIME);
                bodies.put(address.getKey(), answer.raw());
            }

            assertThat(bodies.values()).as("one answer for every address: %s", bodies).containsOnly(
                    bodies.values().iterator().next());
            JsonNode answer = JSON.readTree(bodies.values().iterator().next());
            assertThat(answer.path("problems").get(0).path("expected").asString())
                    .contains("port credential of 'sales'", "portico.endpoints.bindings.sales");
            assertThat(garbage.accepted()).as("unbound addresses are verified (this is no test of silence)")
                    .isPositive();
            assertThat(vault.refusedCalls()).as("the crm port refused the sales credential")
                    .isGreaterThan(vaultRefusedBefore);
            assertThat(vault.statementLog().entries().size()).as("and listed nothing: no schema oracle").isZero();
        }
    }

    @Test
    void theOwnDomainsPortIsVerifiedThroughItsIdentityAndChecked() {
        String document = Gadgets.contract("crm-vault-check", "crm", "1.0.0", vault.location().getUri().toString())
                .dataProduct("vaultcheck")
                .dataset(VAULT.replace("name: vault", "name: vaultcheck"))
                .yaml();

        Answer answer = http.check(document, token("crm"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.text("outcome")).isEqualTo("CHECKED");
    }

    @Test
    void aDomainMayPublishASecondProductOfItsOwnDemoPort() {
        String archive = Gadgets.contract("sales-archive-port", "sales", "1.0.0", mesh.port(DemoDomain.SALES).location())
                .dataProduct("archive")
                .dataset("""
                          - name: archived_orders
                            physicalName: orders
                            properties:
                              - name: order_id
                                logicalType: integer
                                required: true
                                primaryKey: true
                              - name: status
                                logicalType: string
                                required: true
                        """)
                .yaml();

        Answer answer = http.check(archive, token("sales"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.text("outcome")).isEqualTo("CHECKED");
    }

    @Test
    void aStoredContractNamingAnotherDomainsEndpointIsNotServedWhenTheRegistryLoadsIt() {
        String document = people(relayUrl()).replace("sales-people-port", "sales-stored-people-port");
        store.register(ContractParser.parse(document), document, "written-before-ownership-existed");
        try {
            registry.synchronize(store.active());

            PortStatus status = registry.statuses().stream()
                    .filter(candidate -> candidate.portId().equals("sales-stored-people-port"))
                    .findFirst().orElseThrow();
            assertThat(status.state()).isEqualTo(PortStatus.State.DOWN);
            assertThat(status.message()).contains("domain 'sales' does not own the endpoint");
            Answer query = http.graphQl("{ sales { people(first: 1) { nodes { email } } } }", null, null);
            assertThat(query.body().path("errors").get(0).path("extensions").path("code").asString())
                    .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        } finally {
            store.retire("sales-stored-people-port", "test");
            registry.synchronize(store.active());
        }
    }

    @Test
    void theGraphQlDryRunGivesTheSameAnswer() throws Exception {
        try (GarbageListener garbage = new GarbageListener()) {
            String mutation = "mutation($contract: String!) { checkOutputPort(contract: $contract) { outcome"
                    + " httpStatus code message problems { kind path problem expected } } }";
            Answer graphQl = http.graphQl(mutation, JSON.writeValueAsString(Map.of("contract",
                    people(garbage.url()))), token("sales"));
            Answer rest = http.check(people(relayUrl()), token("sales"));

            JsonNode result = graphQl.body().path("data").path("checkOutputPort");
            assertThat(result.path("outcome").asString()).as("%s", graphQl).isEqualTo("FORBIDDEN");
            assertThat(result.path("httpStatus").asInt()).isEqualTo(403);
            assertThat(result.path("code").asString()).isEqualTo("FORBIDDEN");
            assertThat(result.path("message").asString()).isEqualTo(rest.text("message"));
            JsonNode problem = result.path("problems").get(0);
            JsonNode restProblem = rest.body().path("problems").get(0);
            assertThat(problem.path("kind").asString()).isEqualTo("ENDPOINT_OWNERSHIP");
            for (String field : new String[] {"path", "problem", "expected"}) {
                assertThat(problem.path(field).asString()).as(field).isEqualTo(restProblem.path(field).asString());
            }
        }
    }

    private String relayUrl() {
        return "grpc+tcp://127.0.0.1:" + vaultRelay.port();
    }

    private static String vault(String url) {
        return Gadgets.contract("crm-vault-port", "crm", "1.0.0", url).dataProduct("vault").dataset(VAULT).yaml();
    }

    private static String people(String url) {
        return Gadgets.contract("sales-people-port", "sales", "1.0.0", url).dataProduct("people").dataset(PEOPLE)
                .yaml();
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("ci-" + domain, Set.of(), Set.of(), Set.of(domain), Map.of(),
                Duration.ofMinutes(10)), security.claims()).token();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
