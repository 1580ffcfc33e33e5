package io.portico.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The catalog over real HTTP GraphQL on the demo mesh (three real Flight SQL ports) plus ports published through
 * the gateway's store-backed registry: {@code archive-orders-port} (the archive domain's own port over a copy of the
 * sales orders) published as 1.0.0, 1.1.0 and 2.0.0, and {@code ghost-port}, whose endpoint nothing listens on. A
 * product's registrant and endpoint are read as an authenticated reader (anonymous readers do not see them:
 * {@code PortAddressVisibilityEndToEndTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=60s",
        "portico.catalog.health-interval=60s",
        "portico.catalog.health-timeout=2s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogEndToEndTest {

    private static final String ALL_IDS = "urn:portico:archive:orders:v2 urn:portico:archive:orders:v1"
            + " urn:portico:crm:customers:v1 urn:portico:ghost:ghosts:v1 urn:portico:logistics:shipments:v1"
            + " urn:portico:sales:orders:v1";

    @LocalServerPort
    private int httpPort;

    @Autowired
    private PortRegistry registry;

    @Autowired
    private DemoMesh mesh;

    @Autowired
    private EndpointHealthMonitor health;

    @Autowired
    private DemoTokenIssuer issuer;

    @Autowired
    private SecurityProperties security;

    private GraphQlClient graphQl;
    private TestPort archivePort;

    @BeforeAll
    void publishPortsAndCheckTheirHealth() throws Exception {
        graphQl = new GraphQlClient(httpPort);
        archivePort = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.SALES, 42, 0.01))
                .contract(CatalogContracts.archive("2.0.0", TestPort.NOWHERE, true)).start();
        String archive = archivePort.url();
        publish(CatalogContracts.archive("1.0.0", archive, false), "alice");
        publish(CatalogContracts.archive("1.1.0", archive, true), "bob");
        publish(CatalogContracts.archive("2.0.0", archive, true), "carol");
        publish(CatalogContracts.ghost(), "dave");
        health.checkNow();
    }

    @AfterAll
    void stopTheArchivePort() throws Exception {
        archivePort.close();
    }

    @Test
    void listsEveryProductByDomainThenProductThenNewestMajorFirst() {
        JsonNode page = products("");

        assertThat(page.get("totalCount").asLong()).isEqualTo(6);
        assertThat(ids(page)).isEqualTo(ALL_IDS);
        assertThat(page.get("nodes").valueStream().map(node -> node.get("source").asString()).toList())
                .containsExactly("REGISTRY", "REGISTRY", "LOCAL", "REGISTRY", "LOCAL", "LOCAL");
        assertThat(page.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(page.at("/pageInfo/hasPreviousPage").asBoolean()).isFalse();
    }

    @Test
    void filtersByDomainTagAndClassificationIgnoringCase() {
        assertThat(ids(products("domain: \"CRM\""))).isEqualTo("urn:portico:crm:customers:v1");
        assertThat(ids(products("tag: \"pii\""))).as("product tag").isEqualTo("urn:portico:crm:customers:v1");
        assertThat(ids(products("tag: \"Transactional\""))).as("dataset tag").isEqualTo("urn:portico:sales:orders:v1");
        assertThat(ids(products("tag: \"finance\""))).as("field tag: 1.0.0 had no total_amount, 1.1.0 has")
                .isEqualTo("urn:portico:archive:orders:v2 urn:portico:archive:orders:v1 urn:portico:sales:orders:v1");
        assertThat(ids(products("classification: \"CONFIDENTIAL\""))).isEqualTo("urn:portico:crm:customers:v1");
        assertThat(ids(products("domain: \"archive\", tag: \"audit\", classification: \"internal\"")))
                .isEqualTo("urn:portico:archive:orders:v2 urn:portico:archive:orders:v1");
        assertThat(products("domain: \"nowhere\"").get("totalCount").asLong()).isZero();
    }

    @Test
    void searchesNamesAndDescriptionsOfProductsDatasetsAndFields() {
        assertThat(ids(products("search: \"email\""))).as("field name").isEqualTo("urn:portico:crm:customers:v1");
        assertThat(ids(products("search: \"orderId\""))).as("field name in GraphQL form").isEqualTo(
                "urn:portico:archive:orders:v2 urn:portico:archive:orders:v1 urn:portico:logistics:shipments:v1"
                        + " urn:portico:sales:orders:v1");
        assertThat(ids(products("search: \"KILOGRAMS\""))).as("field description")
                .isEqualTo("urn:portico:logistics:shipments:v1");
        assertThat(ids(products("search: \"for audits\""))).as("product description, every word")
                .isEqualTo("urn:portico:archive:orders:v2 urn:portico:archive:orders:v1");
        assertThat(ids(products("search: \"customer master\""))).as("product description")
                .isEqualTo("urn:portico:crm:customers:v1");
        assertThat(ids(products("search: \"customer kilograms\""))).as("every word must occur").isEmpty();
    }

    @Test
    void pagesThroughEveryProductWithFirstAndAfter() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            String arguments = "first: 2" + (after == null ? "" : ", after: \"" + after + "\"");
            JsonNode page = graphQl.data("{ dataProducts(" + arguments + ") { totalCount"
                    + " edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }")
                    .get("dataProducts");
            pages++;
            assertThat(page.get("totalCount").asLong()).isEqualTo(6);
            assertThat(page.at("/pageInfo/hasPreviousPage").asBoolean()).isEqualTo(after != null);
            List<JsonNode> edges = page.get("edges").valueStream().toList();
            edges.forEach(edge -> seen.add(edge.at("/node/id").asString()));
            assertThat(page.at("/pageInfo/startCursor").asString()).isEqualTo(edges.getFirst().get("cursor").asString());
            assertThat(page.at("/pageInfo/endCursor").asString()).isEqualTo(edges.getLast().get("cursor").asString());
            if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                break;
            }
            after = page.at("/pageInfo/endCursor").asString();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(String.join(" ", seen)).isEqualTo(ALL_IDS);

        JsonNode filtered = products("tag: \"finance\", first: 1");
        JsonNode rest = products("tag: \"finance\", first: 5, after: \"" + filtered.at("/pageInfo/endCursor").asString()
                + "\"");
        assertThat(ids(rest)).as("a cursor continues within the same filter")
                .isEqualTo("urn:portico:archive:orders:v1 urn:portico:sales:orders:v1");
        assertThat(products("first: 0").get("nodes")).isEmpty();
    }

    @Test
    void refusesABadCursorAndAPageSizeOutOfRange() {
        Response badCursor = graphQl.post("{ dataProducts(after: \"bm90IGEgY3Vyc29y\") { totalCount } }");
        Response negative = graphQl.post("{ dataProducts(first: -1) { totalCount } }");
        Response huge = graphQl.post("{ dataProducts(first: 100000) { totalCount } }");

        assertThat(badCursor.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(badCursor.errors().getFirst().get("message").asString()).contains("not a catalog cursor");
        assertThat(negative.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(huge.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(huge.errors().getFirst().get("message").asString()).contains("between 0 and 1000");
    }

    @Test
    void describesADemoProductByItsUrn() {
        JsonNode product = graphQl.data("""
                { dataProduct(id: "urn:portico:sales:orders:v1") {
                    id portId domain name dataProduct description version majorVersion status served source
                    registeredAt registeredBy history { version }
                    team { name description members { username name role } } tags
                    sla { property value unit description }
                    endpoint { url dialect health { state lastCheck latencyMs message } }
                    datasets { id name graphQLField graphQLType description tags primaryKey
                      fields { name graphQLName logicalType physicalType graphQLType arrowType required
                               classification tags description } }
                    relationships { fromDataset fromFields targetDomain toDataset toFields cardinality targetId dangling }
                } }""", reader()).get("dataProduct");

        assertThat(product.get("id").asString()).isEqualTo("urn:portico:sales:orders:v1");
        assertThat(product.get("portId").asString()).isEqualTo("sales-orders-port");
        assertThat(product.get("name").asString()).isEqualTo("Sales orders");
        assertThat(product.get("description").asString()).startsWith("Every customer order");
        assertThat(product.get("version").asString()).isEqualTo("1.0.0");
        assertThat(product.get("status").asString()).isEqualTo("active");
        assertThat(product.get("served").asBoolean()).isTrue();
        assertThat(product.get("source").asString()).isEqualTo("LOCAL");
        assertThat(product.get("registeredBy").asString()).isEqualTo("configuration");
        assertThat(product.get("registeredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(product.get("history")).as("a start-up port is not stored").isEmpty();
        assertThat(product.at("/team/name").asString()).isEqualTo("Sales engineering");
        assertThat(product.at("/team/members/0/role").asString()).isEqualTo("owner");
        assertThat(product.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("sales", "orders");
        assertThat(product.at("/sla/0/property").asString()).isEqualTo("latency");
        assertThat(product.at("/sla/0/value").asString()).isEqualTo("2");
        assertThat(product.at("/sla/0/unit").asString()).isEqualTo("s");

        assertThat(product.at("/endpoint/url").asString()).isEqualTo(mesh.port(DemoDomain.SALES).location());
        assertThat(product.at("/endpoint/dialect").asString()).isEqualTo("DUCKDB");
        assertThat(product.at("/endpoint/health/state").asString()).isEqualTo("UP");
        assertThat(product.at("/endpoint/health/latencyMs").asDouble()).isPositive();
        assertThat(product.at("/endpoint/health/lastCheck").asString()).endsWith("Z");
        assertThat(product.at("/endpoint/health/message").asString()).contains("GetSqlInfo");

        JsonNode orders = product.at("/datasets/0");
        assertThat(orders.get("id").asString()).isEqualTo("urn:portico:sales:orders:orders:v1");
        assertThat(orders.get("graphQLField").asString()).isEqualTo("sales.orders");
        assertThat(orders.get("graphQLType").asString()).isEqualTo("SalesOrders");
        assertThat(orders.get("primaryKey").valueStream().map(JsonNode::asString).toList()).containsExactly("order_id");
        assertThat(orders.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("transactional");
        JsonNode orderId = field(orders, "order_id");
        assertThat(orderId.get("graphQLName").asString()).isEqualTo("orderId");
        assertThat(orderId.get("graphQLType").asString()).isEqualTo("Long");
        assertThat(orderId.get("arrowType").asString()).isEqualTo("Int(64, true)");
        assertThat(orderId.get("logicalType").asString()).isEqualTo("integer");
        assertThat(orderId.get("physicalType").asString()).isEqualTo("BIGINT");
        assertThat(orderId.get("required").asBoolean()).isTrue();
        assertThat(orderId.get("classification").asString()).isEqualTo("public");
        JsonNode total = field(orders, "total_amount");
        assertThat(total.get("graphQLType").asString()).isEqualTo("BigDecimal");
        assertThat(total.get("arrowType").asString()).isEqualTo("Decimal(12, 2, 128)");
        assertThat(total.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("finance");
        assertThat(field(orders, "updated_at").get("graphQLType").asString()).isEqualTo("LocalDateTime");

        JsonNode customer = product.at("/relationships/0");
        assertThat(customer.get("fromFields").valueStream().map(JsonNode::asString).toList()).containsExactly("customer_id");
        assertThat(customer.get("targetDomain").asString()).isEqualTo("crm");
        assertThat(customer.get("toDataset").asString()).isEqualTo("customers");
        assertThat(customer.get("cardinality").asString()).isEqualTo("many-to-one");
        assertThat(customer.get("targetId").asString()).isEqualTo("urn:portico:crm:customers:customers:v1");
        assertThat(customer.get("dangling").asBoolean()).isFalse();
    }

    @Test
    void anIdIsReadCaseInsensitivelyAnUnknownOneIsNullAndAMalformedOneAnError() {
        assertThat(graphQl.data("{ dataProduct(id: \"URN:Portico:Sales:Orders:V1\") { id } }").at("/dataProduct/id")
                .asString()).isEqualTo("urn:portico:sales:orders:v1");

        Response unknown = graphQl.post("{ dataProduct(id: \"urn:portico:sales:orders:v9\") { id } }");
        assertThat(unknown.errors()).isEmpty();
        assertThat(unknown.data().get("dataProduct").isNull()).isTrue();

        Response malformed = graphQl.post("{ dataProduct(id: \"sales-orders-port\") { id } }");
        assertThat(malformed.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(malformed.errors().getFirst().get("message").asString())
                .contains("is not a Portico id", "urn:portico:<domain>:<dataProduct>:v<major>");
        assertThat(malformed.data().get("dataProduct").isNull()).isTrue();

        Response dataset = graphQl.post("{ dataProduct(id: \"urn:portico:sales:orders:orders:v1\") { id } }");
        assertThat(dataset.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(dataset.errors().getFirst().get("message").asString())
                .contains("id of a dataset", "urn:portico:sales:orders:v1");
    }

    @Test
    void aPortPublishedSeveralTimesHasItsHistoryAndEachMajorIsAProduct() {
        JsonNode v2 = product("urn:portico:archive:orders:v2",
                "version served source registeredBy history { id version majorVersion revision status registryVersion"
                        + " registeredAt registeredBy endedAt endedBy }");
        JsonNode v1 = product("urn:portico:archive:orders:v1", "version source registeredBy history { version }");

        assertThat(v2.get("version").asString()).isEqualTo("2.0.0");
        assertThat(v2.get("served").asBoolean()).isTrue();
        assertThat(v2.get("source").asString()).isEqualTo("REGISTRY");
        assertThat(v2.get("registeredBy").asString()).isEqualTo("carol");
        List<JsonNode> history = v2.get("history").valueStream().toList();
        assertThat(history).extracting(version -> version.get("version").asString())
                .containsExactly("1.0.0", "1.1.0", "2.0.0");
        assertThat(history).extracting(version -> version.get("id").asString()).containsExactly(
                "urn:portico:archive:orders:v1", "urn:portico:archive:orders:v1", "urn:portico:archive:orders:v2");
        assertThat(history).extracting(version -> version.get("status").asString())
                .containsExactly("SUPERSEDED", "ACTIVE", "ACTIVE");
        assertThat(history).extracting(version -> version.get("registeredBy").asString())
                .containsExactly("alice", "bob", "carol");
        assertThat(history).extracting(version -> version.get("revision").asInt()).containsExactly(1, 2, 3);
        assertThat(history.getFirst().get("endedBy").asString()).isEqualTo("bob");
        assertThat(history.getFirst().get("endedAt").asString()).endsWith("Z");
        assertThat(history.get(1).get("endedAt").isNull()).isTrue();
        assertThat(history.get(2).get("registryVersion").asLong())
                .isGreaterThan(history.get(1).get("registryVersion").asLong());

        assertThat(v1.get("version").asString()).as("the active version of major 1").isEqualTo("1.1.0");
        assertThat(v1.get("registeredBy").asString()).isEqualTo("bob");
        assertThat(v1.get("history")).hasSize(3);
    }

    @Test
    void aDeadEndpointIsDownAndItsProductNotServed() {
        JsonNode ghost = product("urn:portico:ghost:ghosts:v1", "served source registeredBy"
                + " endpoint { url health { state lastCheck latencyMs message } }"
                + " datasets { id graphQLField graphQLType fields { name graphQLName graphQLType arrowType } }");

        assertThat(ghost.get("served").asBoolean()).isFalse();
        assertThat(ghost.get("registeredBy").asString()).isEqualTo("dave");
        assertThat(ghost.at("/endpoint/url").asString()).isEqualTo(TestPort.NOWHERE);
        assertThat(ghost.at("/endpoint/health/state").asString()).isEqualTo("DOWN");
        assertThat(ghost.at("/endpoint/health/latencyMs").isNull()).isTrue();
        assertThat(ghost.at("/endpoint/health/lastCheck").asString()).endsWith("Z");
        assertThat(ghost.at("/endpoint/health/message").asString()).contains("UNAVAILABLE")
                .as("the health message names no address").doesNotContain(TestPort.NOWHERE);
        JsonNode dataset = ghost.at("/datasets/0");
        assertThat(dataset.get("id").asString()).isEqualTo("urn:portico:ghost:ghosts:ghosts:v1");
        assertThat(dataset.get("graphQLField").isNull()).isTrue();
        assertThat(dataset.get("graphQLType").isNull()).isTrue();
        assertThat(dataset.at("/fields/0/graphQLName").asString()).isEqualTo("ghostId");
        assertThat(dataset.at("/fields/0/graphQLType").isNull()).isTrue();
        assertThat(dataset.at("/fields/0/arrowType").isNull()).isTrue();
    }

    @Test
    void relationshipsPointAtCatalogDatasetsOrAreDangling() {
        JsonNode archive = product("urn:portico:archive:orders:v2",
                "relationships { fromDataset fromFields targetDomain toDataset toFields targetId dangling }");

        List<JsonNode> relationships = archive.get("relationships").valueStream().toList();
        assertThat(relationships).hasSize(2);
        assertThat(relationships.get(0).get("targetId").asString()).isEqualTo("urn:portico:crm:customers:customers:v1");
        assertThat(relationships.get(0).get("dangling").asBoolean()).isFalse();
        assertThat(relationships.get(1).get("targetDomain").asString()).isEqualTo("reference");
        assertThat(relationships.get(1).get("targetId").isNull()).isTrue();
        assertThat(relationships.get(1).get("dangling").asBoolean()).isTrue();
    }

    @Test
    void theSameCatalogAnswersTheSameWayEveryTime() {
        String query = """
                { dataProducts(first: 100) { totalCount edges { cursor node { id version served tags
                    datasets { id graphQLField fields { name graphQLType arrowType classification } }
                    relationships { targetId dangling } } } } }""";

        Response first = graphQl.post(query);
        Response second = graphQl.post(query);

        assertThat(first.errors()).isEmpty();
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void theCatalogIsPartOfTheSchemaBesideTheDomains() {
        JsonNode data = graphQl.data("{ schemaVersion sales { orders(first: 1) { totalCount } }"
                + " dataProducts(domain: \"sales\") { totalCount } }");

        assertThat(data.at("/sales/orders/totalCount").asLong()).isPositive();
        assertThat(data.at("/dataProducts/totalCount").asLong()).isEqualTo(1);
    }

    private void publish(String document, String publisher) {
        registry.publish(ContractParser.parse(document), document, publisher);
    }

    private JsonNode products(String arguments) {
        String call = arguments.isEmpty() ? "dataProducts" : "dataProducts(" + arguments + ")";
        return graphQl.data("{ " + call + " { totalCount nodes { id source }"
                + " pageInfo { hasNextPage hasPreviousPage endCursor } } }").get("dataProducts");
    }

    private JsonNode product(String id, String selection) {
        JsonNode product = graphQl.post("query($id: ID!) { dataProduct(id: $id) { " + selection + " } }",
                Map.of("id", id), reader()).body().at("/data/dataProduct");
        assertThat(product.isObject()).as("product %s", id).isTrue();
        return product;
    }

    /** A token of an authenticated catalog reader, who sees registrants, addresses and contacts. */
    private String reader() {
        return issuer.mint(new DemoTokenRequest("catalog-reader", Set.of(), Set.of(), Set.of(), Map.of(),
                Duration.ofMinutes(5)), security.claims()).token();
    }

    private static String ids(JsonNode page) {
        return String.join(" ", page.get("nodes").valueStream().map(node -> node.get("id").asString()).toList());
    }

    private static JsonNode field(JsonNode dataset, String name) {
        return dataset.get("fields").valueStream()
                .filter(field -> field.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
