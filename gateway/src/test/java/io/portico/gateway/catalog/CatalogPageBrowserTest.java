package io.portico.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.HeadlessChromium;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The catalog web page at {@code /} in a real browser: headless Debian chromium driven by {@code playwright-core}
 * ({@code src/test/browser/catalog-page.mjs}) against the real gateway on a random port with the demo mesh (three
 * real Flight SQL ports over DuckDB), the archive port of {@link CatalogContracts} published in three versions, the
 * gateway's Flight SQL endpoint, and a workload of reads by an analyst so the sales domain has a usage report.
 *
 * <p>The tour (first): as a guest the catalog lists every product with a sign-in prompt; search and the
 * classification filter narrow it; a product page shows owner, SLA, endpoint health, fields, versions and the
 * relationship graph; clicking a relationship's target opens that product; the copied GraphQL query is the one the
 * page shows and answers without errors at {@code /graphql}, and opens in GraphiQL with the tab's token; a demo sign-in
 * as the sales team shows the usage of {@code sales.orders}, an analyst is told only the owners see it, a refused
 * token is dropped with a notice. The attack (second): a product whose contract text (names, descriptions, tags,
 * team, SLA, a field name and classification, a relationship) is HTML and script is published; the page shows it
 * as text, runs none of it and creates no element from it.
 *
 * <p>Screenshots go to {@code target/browser-screenshots}, or to the folder named by the system property
 * {@code portico.browser.screenshots} (the docs' images: {@code -Dportico.browser.screenshots=../docs/images}).
 */
@ExtendWith(HeadlessChromium.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=60s",
        "portico.catalog.health-interval=60s",
        "portico.flight-sql.enabled=true",
        "portico.flight-sql.port=0",
        "portico.usage.flush-interval=200ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogPageBrowserTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @LocalServerPort
    private int httpPort;

    @Autowired
    private PortRegistry registry;

    @Autowired
    private EndpointHealthMonitor health;

    @Autowired
    private FlightSqlEndpoint flightSql;

    private GraphQlClient graphQl;
    private TestPort archivePort;

    @BeforeAll
    void publishTheArchiveAndReadSalesOrders() throws Exception {
        HeadlessChromium.requireReady();
        graphQl = new GraphQlClient(httpPort);
        archivePort = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.SALES, 42, 0.01))
                .contract(CatalogContracts.archive("2.0.0", TestPort.NOWHERE, true)).start();
        publish(CatalogContracts.archive("1.0.0", archivePort.url(), false), "alice");
        publish(CatalogContracts.archive("1.1.0", archivePort.url(), true), "bob");
        health.checkNow();
        String analyst = graphQl.demoToken("ada", "analyst", Map.of());
        for (int request = 0; request < 3; request++) {
            graphQl.data("{ sales { orders(first: 5) { nodes { orderId status totalAmount } } } }", analyst);
        }
        String platform = graphQl.demoToken("pat", "platform", Map.of());
        Poll.until("the analyst's reads in the sales usage report", Duration.ofSeconds(30), () -> graphQl
                .data("{ datasetUsage(domain: \"sales\", dataset: \"orders\") { field } }", platform)
                .path("datasetUsage").size() >= 3);
    }

    @AfterAll
    void stopTheArchivePort() throws Exception {
        if (archivePort != null) {
            archivePort.close();
        }
    }

    @Test
    @Order(1)
    void searchesOpensAProductFollowsARelationshipAndCopiesAQuery() throws Exception {
        HeadlessChromium.Run run = browse("tour");

        assertThat(run.exitCode()).as("catalog-page.mjs tour:\n%s", run.output()).isZero();
        assertThat(run.output()).contains("tour passed");
    }

    @Test
    @Order(2)
    void rendersHostileContractTextAsTextAndRunsNoneOfIt() throws Exception {
        publish(HostileContract.yaml(), "mallory");

        HeadlessChromium.Run run = browse("attack");

        assertThat(run.exitCode()).as("catalog-page.mjs attack:\n%s", run.output()).isZero();
        assertThat(run.output()).contains("attack passed");
    }

    private HeadlessChromium.Run browse(String phase) throws Exception {
        Path screenshots = Path.of(System.getProperty("portico.browser.screenshots", "target/browser-screenshots"))
                .toAbsolutePath();
        return HeadlessChromium.run("catalog-page.mjs", List.of(phase), Map.of(
                "PORTICO_URL", "http://localhost:" + httpPort,
                "PORTICO_FLIGHT_SQL_PORT", String.valueOf(flightSql.port()),
                "SCREENSHOTS", screenshots.toString()), DEADLINE);
    }

    private void publish(String document, String publisher) {
        registry.publish(ContractParser.parse(document), document, publisher);
    }
}
