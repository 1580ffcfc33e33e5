package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.TcpRelay;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.registration.RegistrationHttp.Answer;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.TestPortCredentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform's bindings of addresses to domains, with {@code portico.endpoints.unbound=refuse} (production's strict
 * mode): an address bound to crm is refused for a sales contract without any connection, and accepted for a crm
 * contract; an address bound to sales is accepted for sales without the port being asked its domain (a Flight SQL
 * server that is not a Portico port states none); an address bound to nobody is refused without any connection.
 * Each port sits behind a {@link TcpRelay} that counts connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.scale=0.001",
        "portico.endpoints.unbound=refuse"})
class EndpointBindingsEndToEndTest {

    private static final String CUSTOMERS = """
              - name: boundcustomers
                physicalName: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    primaryKey: true
                  - name: region
                    logicalType: string
            """;

    private static TestPort crmPort;
    private static TcpRelay crmRelay;
    private static TcpRelay unboundRelay;

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    EndpointsProperties endpoints;

    private RegistrationHttp http;

    @DynamicPropertySource
    static void bindings(DynamicPropertyRegistry registry) throws Exception {
        crmPort = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.CRM, 42, 0.001))
                .contract(contract("crm", "grpc+tcp://x:1")).start();
        InetSocketAddress crm = new InetSocketAddress("127.0.0.1", crmPort.location().getUri().getPort());
        crmRelay = new TcpRelay(crm);
        unboundRelay = new TcpRelay(crm);
        registry.add("portico.endpoints.bindings.crm[0]", () -> "127.0.0.1:" + crmRelay.port());
        registry.add("portico.endpoints.bindings.sales[0]", () -> "bound-to-sales.invalid");
    }

    @AfterAll
    static void stopPorts() throws Exception {
        crmRelay.close();
        unboundRelay.close();
        crmPort.close();
    }

    @BeforeEach
    void connect() {
        http = new RegistrationHttp(httpPort);
    }

    @Test
    void anAddressBoundToCrmIsRefusedForSalesWithoutAConnectionAndAcceptedForCrm() {
        String bound = "grpc+tcp://127.0.0.1:" + crmRelay.port();
        int before = crmRelay.accepted();

        Answer sales = http.check(contract("sales", bound), token("sales"));

        assertThat(sales.status()).as("%s", sales).isEqualTo(403);
        assertThat(sales.problemKinds()).containsExactly("ENDPOINT_OWNERSHIP");
        assertThat(crmRelay.accepted()).as("no connection for the sales contract").isEqualTo(before);

        Answer crm = http.check(contract("crm", bound), token("crm"));

        assertThat(crm.status()).as("%s", crm).isEqualTo(200);
        assertThat(crm.text("outcome")).isEqualTo("CHECKED");
        assertThat(crmRelay.accepted()).as("the crm contract's check reads the port").isGreaterThan(before);
    }

    @Test
    void anUnboundAddressIsRefusedWithoutAConnectionEvenForItsOwnDomain() {
        String unbound = "grpc+tcp://127.0.0.1:" + unboundRelay.port();

        Answer crm = http.check(contract("crm", unbound), token("crm"));

        assertThat(crm.status()).as("%s", crm).isEqualTo(403);
        assertThat(crm.problemKinds()).containsExactly("ENDPOINT_OWNERSHIP");
        assertThat(unboundRelay.accepted()).as("unbound: refuse contacts nothing").isZero();
    }

    @Test
    void anAddressBoundToSalesIsSalesOwnWithoutAskingThePort() {
        Answer sales = http.check(contract("sales", "grpc+tcp://bound-to-sales.invalid:31337"), token("sales"));

        assertThat(sales.problemKinds()).as("%s", sales).doesNotContain("ENDPOINT_OWNERSHIP")
                .containsExactly("PORT_UNREACHABLE");
        assertThat(endpoints.unbound()).isEqualTo(EndpointsProperties.Unbound.REFUSE);
    }

    private static String contract(String domain, String url) {
        return Gadgets.contract(domain + "-bound-port", domain, "1.0.0", url).dataProduct("bound")
                .dataset(CUSTOMERS).yaml();
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("ci-" + domain, Set.of(), Set.of(), Set.of(domain), Map.of(),
                Duration.ofMinutes(10)), security.claims()).token();
    }
}
