package io.portico.gateway.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.AttackerPorts;
import io.portico.gateway.testing.OpenClassificationsGatewayTest;
import io.portico.gateway.testing.TestPortCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * No raw value of a protected field reaches a restricted subject through a relationship, whatever the path: an
 * attacker's port ({@code sales.leak_*}) holds, for every classified field of the demo, a table of candidate values
 * (every real value) whose column is a foreign key into that field, in a gateway that lets such keys through
 * registration ({@link OpenClassificationsGatewayTest}). Many generated queries start at every root (the demo's
 * datasets and the attacker's), follow random relationship paths up to three levels deep (the demo's and the
 * attacker's, forward and backward), select random fields, filter the attacker's roots by real protected values,
 * for each restricted role. In every answer and error, and in the audit trail, no raw value of a field the role may
 * not see as it is appears; every relationship joining on such a field is null; the others are followed. The
 * attacker's key columns are never selected (they are the attacker's own candidates). The seed is fixed per role.
 */
@OpenClassificationsGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelationshipLeakPropertyTest {

    private static final int QUERIES = 60;
    private static final String PROBES_ID = "sales-probes-port";
    private static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC");
    private static final Pattern WITHHELD_ALIAS = Pattern.compile("w\\d+_\\w+");
    private static final Pattern FOLLOWED_ALIAS = Pattern.compile("r\\d+_\\w+");

    /** A table of candidates the attacker joins onto a demo field. */
    private record Leak(String dataset, String sqlType, String logicalType, String domain, String targetDataset,
            String targetField, boolean hidden) {

        String datasetField() {
            return camel(dataset);
        }

        String nodeType() {
            return "Sales" + Character.toUpperCase(datasetField().charAt(0)) + datasetField().substring(1);
        }

        String targetType() {
            return "crm".equals(domain) ? "CrmCustomers" : "SalesOrders";
        }
    }

    /** Every classified field of the demo; hidden: denied or masked to analyst, support and anonymous callers. */
    private static final List<Leak> LEAKS = List.of(
            new Leak("leak_full_name", "VARCHAR", "string", "crm", "customers", "full_name", true),
            new Leak("leak_email", "VARCHAR", "string", "crm", "customers", "email", true),
            new Leak("leak_phone", "VARCHAR", "string", "crm", "customers", "phone", true),
            new Leak("leak_birth_date", "DATE", "date", "crm", "customers", "birth_date", true),
            new Leak("leak_region", "VARCHAR", "string", "crm", "customers", "region", false),
            new Leak("leak_segment", "VARCHAR", "string", "crm", "customers", "segment", false),
            new Leak("leak_order_customer", "BIGINT", "integer", "sales", "orders", "customer_id", false),
            new Leak("leak_net", "DECIMAL(12,2)", "number", "sales", "orders", "net_amount", false),
            new Leak("leak_tax", "DECIMAL(12,2)", "number", "sales", "orders", "tax_amount", false),
            new Leak("leak_total", "DECIMAL(12,2)", "number", "sales", "orders", "total_amount", false));

    /** A relationship field of a node type. */
    private record Relation(String field, String target, boolean toMany, boolean hidden) {
    }

    private static final Map<String, List<String>> SCALARS = new LinkedHashMap<>();
    private static final Map<String, List<Relation>> RELATIONS = new LinkedHashMap<>();
    private static final Map<String, String> ROOTS = new LinkedHashMap<>();

    static {
        SCALARS.put("CrmCustomers", List.of("customerId", "fullName", "email", "phone", "birthDate", "region",
                "segment", "signupDate"));
        SCALARS.put("SalesOrders", List.of("orderId", "customerId", "status", "totalAmount", "createdAt"));
        SCALARS.put("LogisticsShipments", List.of("shipmentId", "orderId", "carrier", "status"));
        List<Relation> customers = new ArrayList<>(List.of(new Relation("orders", "SalesOrders", true, false)));
        List<Relation> orders = new ArrayList<>(List.of(new Relation("customer", "CrmCustomers", false, false),
                new Relation("shipments", "LogisticsShipments", true, false)));
        for (Leak leak : LEAKS) {
            SCALARS.put(leak.nodeType(), List.of("probeId"));
            Relation reverse = new Relation(leak.datasetField(), leak.nodeType(), true, leak.hidden());
            (leak.targetType().equals("CrmCustomers") ? customers : orders).add(reverse);
            RELATIONS.put(leak.nodeType(), List.of(new Relation(leak.targetDataset(), leak.targetType(), false,
                    leak.hidden())));
            ROOTS.put("sales { " + leak.datasetField(), leak.nodeType());
        }
        RELATIONS.put("CrmCustomers", customers);
        RELATIONS.put("SalesOrders", orders);
        RELATIONS.put("LogisticsShipments", List.of(new Relation("order", "SalesOrders", false, false)));
        ROOTS.put("crm { customers", "CrmCustomers");
        ROOTS.put("sales { orders", "SalesOrders");
        ROOTS.put("logistics { shipments", "LogisticsShipments");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    private PolicyHttp http;
    private TestPort probes;
    private String publisher;
    /** Per leak dataset, its candidate values (every real value of its target field), as SQL literals. */
    private final Map<String, List<String>> candidates = new HashMap<>();
    /** Raw values of the protected fields, as they read in JSON (quoted). */
    private final Set<String> raw = new LinkedHashSet<>();
    /** Raw protected values as strings, for the GraphQL filters of the attacker's roots. */
    private final Map<String, List<String>> rawByLeak = new HashMap<>();

    @BeforeAll
    void publishTheProbes() throws SQLException {
        http = new PolicyHttp(httpPort);
        List<String> setup = new ArrayList<>();
        StringBuilder datasets = new StringBuilder();
        for (Leak leak : LEAKS) {
            List<String> values = distinctValues(leak);
            candidates.put(leak.dataset(), values);
            setup.add("CREATE TABLE " + leak.dataset() + " (probe_id BIGINT PRIMARY KEY, probe " + leak.sqlType()
                    + ")");
            List<String> rows = new ArrayList<>();
            for (String value : values) {
                rows.add("(" + (rows.size() + 1) + ", " + value + ")");
            }
            setup.add("INSERT INTO " + leak.dataset() + " VALUES " + String.join(", ", rows));
            datasets.append("""
                      - name: %s
                        physicalName: %s
                        properties:
                          - name: probe_id
                            logicalType: integer
                            physicalType: BIGINT
                            required: true
                            primaryKey: true
                          - name: probe
                            logicalType: %s
                            relationships:
                              - type: foreignKey
                                to: %s.%s
                                customProperties:
                                  - property: targetDomain
                                    value: %s
                    """.formatted(leak.dataset(), leak.dataset(), leak.logicalType(), leak.targetDataset(),
                    leak.targetField(), leak.domain()));
        }
        probes = TestPortCredentials.startPort("""
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                version: 1.0.0
                status: active
                domain: sales
                dataProduct: probes
                servers:
                  - server: probes
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: ${url}
                      - property: sqlDialect
                        value: DUCKDB
                schema:
                """.formatted(PROBES_ID) + datasets, setup.toArray(String[]::new));
        publisher = http.publisherToken("sales");
        JsonNode published = http.publish(probes.contract(), publisher);
        assertThat(published.path("outcome").asString()).as("%s", published).isEqualTo("PUBLISHED");
        assertEveryRelationshipIsInTheSchema();
        assertThat(raw).as("the raw protected values").hasSizeGreaterThan(500);
    }

    @AfterAll
    void retireTheProbes() throws SQLException {
        http.retire(PROBES_ID, publisher);
        probes.close();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @ParameterizedTest(name = "{0} (seed {2})")
    @CsvSource({"analyst, '', 21", "support, EMEA, 22", "anonymous, '', 23"})
    void noRawValueOfAProtectedFieldReachesARestrictedSubjectThroughARelationship(String role, String region,
            long seed) throws Exception {
        String token = "anonymous".equals(role) ? null
                : http.token("rel-leak-" + role, role, region.isEmpty() ? Map.of() : Map.of("region", region));
        Random random = new Random(seed);
        int withheldSeen = 0;
        int followedSeen = 0;

        for (int index = 0; index < QUERIES; index++) {
            String query = generate(random);
            JsonNode response = http.graphQl(query, token);
            String text = response.toString();
            String context = "seed " + seed + ", query " + index + ": " + query + "\n" + text;

            assertThat(response.path("data").isObject()).as(context).isTrue();
            response.path("errors").forEach(error -> {
                assertThat(error.path("extensions").path("code").asString()).as(context).isEqualTo("FORBIDDEN");
                JsonNode path = error.path("path");
                boolean atWithheldRelationship = path.size() > 0
                        && WITHHELD_ALIAS.matcher(path.get(path.size() - 1).asString()).matches();
                assertThat(error.path("extensions").has("key")).as(context).isEqualTo(atWithheldRelationship);
            });
            for (String value : raw) {
                assertThat(text).as("%s%nleaks %s", context, value).doesNotContain(value);
            }
            if (!region.isEmpty()) {
                REGIONS.stream().filter(other -> !other.equals(region))
                        .forEach(other -> assertThat(text).as(context).doesNotContain("\"" + other + "\""));
            }
            int[] seen = relationshipValues(response.path("data"), context);
            withheldSeen += seen[0];
            followedSeen += seen[1];
        }

        assertThat(withheldSeen).as("relationships on protected keys were asked for").isGreaterThan(10);
        assertThat(followedSeen).as("relationships on open keys were followed").isGreaterThan(10);
        String trail = Files.readString(Path.of(OpenClassificationsGatewayTest.AUDIT_LOG), UTF_8);
        for (String value : raw) {
            assertThat(trail).as("the audit trail holds %s", value).doesNotContain(value.substring(1,
                    value.length() - 1));
        }
    }

    /**
     * Walks the answer: every relationship selected as {@code w...} (on a protected key) is null; counts them, and
     * the {@code r...} ones (on an open key) that answered a value.
     */
    private static int[] relationshipValues(JsonNode node, String context) {
        int[] seen = new int[2];
        if (node.isArray()) {
            node.forEach(element -> add(seen, relationshipValues(element, context)));
            return seen;
        }
        if (!node.isObject()) {
            return seen;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (WITHHELD_ALIAS.matcher(entry.getKey()).matches()) {
                assertThat(entry.getValue().isNull()).as("%s%n%s is withheld", context, entry.getKey()).isTrue();
                seen[0]++;
            } else if (FOLLOWED_ALIAS.matcher(entry.getKey()).matches() && !entry.getValue().isNull()) {
                seen[1]++;
            }
            add(seen, relationshipValues(entry.getValue(), context));
        }
        return seen;
    }

    private static void add(int[] total, int[] more) {
        total[0] += more[0];
        total[1] += more[1];
    }

    private String generate(Random random) {
        List<String> roots = new ArrayList<>(ROOTS.keySet());
        StringBuilder query = new StringBuilder("{ ");
        int count = 1 + random.nextInt(2);
        for (int index = 0; index < count; index++) {
            String root = roots.get(random.nextInt(roots.size()));
            String type = ROOTS.get(root);
            query.append(root.replace("{ ", "{ q" + index + ": ")).append("(").append(rootArguments(type, random))
                    .append(") { nodes { ").append(selection(type, 0, random, new int[1])).append(" } } } ");
        }
        return query.append("}").toString();
    }

    private String rootArguments(String type, Random random) {
        List<String> arguments = new ArrayList<>(List.of("first: " + (1 + random.nextInt(40))));
        Leak leak = LEAKS.stream().filter(candidate -> candidate.nodeType().equals(type)).findFirst().orElse(null);
        if (leak != null && rawByLeak.containsKey(leak.dataset()) && random.nextBoolean()) {
            List<String> values = rawByLeak.get(leak.dataset());
            List<String> chosen = new ArrayList<>();
            for (int index = 0; index < 1 + random.nextInt(5); index++) {
                chosen.add("\"" + values.get(random.nextInt(values.size())) + "\"");
            }
            arguments.add("where: {probe: {in: [" + String.join(", ", chosen) + "]}}");
        } else if ("CrmCustomers".equals(type) && random.nextBoolean()) {
            arguments.add("where: {customerId: {gt: " + random.nextInt(150) + "}}");
        }
        return String.join(", ", arguments);
    }

    /** Random fields of {@code type} and random relationships below it, {@code w}/{@code r}-aliased. */
    private static String selection(String type, int depth, Random random, int[] aliases) {
        List<String> parts = new ArrayList<>();
        for (String field : SCALARS.get(type)) {
            if (random.nextInt(3) > 0) {
                parts.add(field);
            }
        }
        if (parts.isEmpty()) {
            parts.add(SCALARS.get(type).getFirst());
        }
        List<Relation> relations = RELATIONS.get(type);
        int follow = depth >= 3 ? 0 : random.nextInt(3);
        for (int index = 0; index < follow; index++) {
            Relation relation = relations.get(random.nextInt(relations.size()));
            String alias = (relation.hidden() ? "w" : "r") + aliases[0]++ + "_" + relation.field();
            String below = selection(relation.target(), depth + 1, random, aliases);
            if (!relation.toMany()) {
                parts.add(alias + ": " + relation.field() + " { " + below + " }");
            } else if (random.nextBoolean()) {
                parts.add(alias + ": " + relation.field() + "(first: " + (1 + random.nextInt(5)) + ") { nodes { "
                        + below + " } }");
            } else {
                parts.add(alias + ": " + relation.field() + "(first: " + (1 + random.nextInt(5))
                        + ") { totalCount edges { node { " + below + " } } }");
            }
        }
        return String.join(" ", parts);
    }

    /** The distinct values of the leak's target field as SQL literals; protected ones go to {@link #raw}. */
    private List<String> distinctValues(Leak leak) throws SQLException {
        DemoDomain domain = "crm".equals(leak.domain()) ? DemoDomain.CRM : DemoDomain.SALES;
        List<String> literals = new ArrayList<>();
        try (Connection connection = demo.port(domain).database().duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT CAST(" + leak.targetField()
                        + " AS VARCHAR) FROM " + leak.targetDataset() + " WHERE " + leak.targetField()
                        + " IS NOT NULL")) {
            while (rows.next()) {
                String value = rows.getString(1);
                literals.add(switch (leak.sqlType()) {
                    case "VARCHAR" -> AttackerPorts.literal(value);
                    case "DATE" -> "DATE " + AttackerPorts.literal(value);
                    default -> value;
                });
                if (leak.hidden()) {
                    raw.add("\"" + value + "\"");
                    rawByLeak.computeIfAbsent(leak.dataset(), key -> new ArrayList<>()).add(value);
                }
            }
        }
        return literals;
    }

    /** The generator's relationship fields exist: composition named them as expected. */
    private void assertEveryRelationshipIsInTheSchema() {
        for (Map.Entry<String, List<Relation>> entry : RELATIONS.entrySet()) {
            JsonNode type = http.graphQl("{ __type(name: \"" + entry.getKey() + "\") { fields { name } } }", null);
            List<String> fields = type.path("data").path("__type").path("fields").valueStream()
                    .map(field -> field.path("name").asString()).toList();
            assertThat(fields).as(entry.getKey()).containsAll(entry.getValue().stream().map(Relation::field).toList());
        }
    }

    private static String camel(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char character : name.toCharArray()) {
            if (character == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(character) : character);
                upper = false;
            }
        }
        return camel.toString();
    }
}
