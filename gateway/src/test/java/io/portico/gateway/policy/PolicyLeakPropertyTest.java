package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.DemoGatewayTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * No raw value of a denied or masked field reaches a restricted subject, whatever the query: many generated
 * queries against the demo schema (random selections of every field, aliases, named and inline fragments,
 * variables, {@code @include}/{@code @skip}, filters and orderings on the fields the subject may use, nodes and
 * edges, several connections in one request), for each restricted role, checked against every raw value of the
 * protected fields as an unrestricted steward reads them. The seed is fixed per role and printed on failure.
 */
@DemoGatewayTest
class PolicyLeakPropertyTest {

    private static final int QUERIES = 120;
    /** Fields of crm.customers: the protected ones (denied or masked for every restricted demo role) first. */
    private static final List<String> PROTECTED = List.of("fullName", "email", "phone", "birthDate");
    private static final List<String> OPEN = List.of("customerId", "region", "segment", "signupDate");
    private static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC");
    private static final List<String> SEGMENTS = List.of("CONSUMER", "SMB", "ENTERPRISE");

    @LocalServerPort
    int port;

    private PolicyHttp http;

    @BeforeEach
    void connect() {
        http = new PolicyHttp(port);
    }

    @ParameterizedTest(name = "{0} (seed {2})")
    @CsvSource({"analyst, '', 11", "support, EMEA, 12", "anonymous, '', 13"})
    void noRawValueOfAProtectedFieldReachesARestrictedSubject(String role, String region, long seed) {
        Set<String> raw = rawProtectedValues();
        String token = "anonymous".equals(role) ? null
                : http.token("leak-" + role, role, region.isEmpty() ? Map.of() : Map.of("region", region));
        Random random = new Random(seed);

        for (int index = 0; index < QUERIES; index++) {
            GeneratedQuery query = generate(random);
            JsonNode response = http.graphQl(query.document(), query.variables(), token);
            String text = response.toString();

            List<String> codes = new ArrayList<>();
            response.path("errors").forEach(error -> codes.add(error.path("extensions").path("code").asString()));
            assertThat(codes).as("seed %d, query %d: %s%n%s", seed, index, query.document(), text)
                    .allMatch("FORBIDDEN"::equals);
            assertThat(response.path("data").isObject()).as("seed %d, query %d: %s", seed, index, text).isTrue();
            for (String value : raw) {
                assertThat(text).as("seed %d, query %d leaks a raw value: %s", seed, index, query.document())
                        .doesNotContain(value);
            }
            if (!region.isEmpty()) {
                for (String other : REGIONS) {
                    if (!other.equals(region)) {
                        assertThat(text).as("seed %d, query %d shows a row of another region", seed, index)
                                .doesNotContain("\"" + other + "\"");
                    }
                }
            }
        }
    }

    /** Every raw value of the protected fields, as a steward reads them (JSON-quoted, so a whole value). */
    private Set<String> rawProtectedValues() {
        JsonNode response = http.graphQl("""
                { crm { customers(first: 100000) { nodes { fullName email phone birthDate } } } }""",
                http.token("leak-steward", "steward", Map.of()));
        Set<String> values = new LinkedHashSet<>();
        response.path("data").path("crm").path("customers").path("nodes").forEach(node -> PROTECTED.forEach(field -> {
            JsonNode value = node.path(field);
            if (!value.isNull() && !value.isMissingNode()) {
                values.add(value.toString());
            }
        }));
        assertThat(values).as("the steward reads the raw values").hasSizeGreaterThan(300);
        return values;
    }

    private static GeneratedQuery generate(Random random) {
        Map<String, Object> variables = new HashMap<>();
        boolean include = random.nextBoolean();
        variables.put("on", include);
        variables.put("first", 1 + random.nextInt(60));
        StringBuilder body = new StringBuilder();
        StringBuilder fragments = new StringBuilder();
        int connections = 1 + random.nextInt(3);
        for (int connection = 0; connection < connections; connection++) {
            String alias = random.nextBoolean() ? "c" + connection + ": " : "";
            if (connection > 0 && alias.isEmpty()) {
                alias = "again" + connection + ": ";
            }
            body.append(alias).append("customers(").append(arguments(random, connection == 0)).append(") { ");
            if (random.nextInt(3) == 0) {
                body.append("totalCount ");
            }
            String selection = selection(random, fragments, connection);
            if (random.nextBoolean()) {
                body.append("nodes { ").append(selection).append(" } ");
            } else {
                body.append("edges { cursor node { ").append(selection).append(" } } ");
            }
            body.append("pageInfo { endCursor } } ");
        }
        String other = random.nextInt(4) == 0 ? " sales { orders(first: 3) { nodes { orderId customerId } } }" : "";
        String document = "query Generated($on: Boolean!, $first: Int) { schemaVersion @include(if: $on) crm { "
                + body + "}" + other + " }\n" + fragments;
        return new GeneratedQuery(document, variables);
    }

    /** @param useVariable whether {@code first} is the variable (every declared variable must be used once) */
    private static String arguments(Random random, boolean useVariable) {
        List<String> arguments = new ArrayList<>();
        arguments.add(useVariable ? "first: $first" : "first: " + (1 + random.nextInt(40)));
        if (random.nextBoolean()) {
            arguments.add("where: " + where(random, 0));
        }
        if (random.nextBoolean()) {
            String field = OPEN.get(random.nextInt(OPEN.size()));
            arguments.add("orderBy: [{" + field + ": " + (random.nextBoolean() ? "ASC" : "DESC") + "}]");
        }
        return String.join(", ", arguments);
    }

    private static String where(Random random, int depth) {
        int choice = depth < 2 ? random.nextInt(7) : random.nextInt(4);
        return switch (choice) {
            case 0 -> "{customerId: {gt: " + random.nextInt(150) + "}}";
            case 1 -> "{region: {in: [\"" + REGIONS.get(random.nextInt(3)) + "\", \"" + REGIONS.get(random.nextInt(3))
                    + "\"]}}";
            case 2 -> "{segment: {eq: \"" + SEGMENTS.get(random.nextInt(3)) + "\"}}";
            case 3 -> "{signupDate: {gte: \"20" + (16 + random.nextInt(9)) + "-01-01\"}}";
            case 4 -> "{and: [" + where(random, depth + 1) + ", " + where(random, depth + 1) + "]}";
            case 5 -> "{or: [" + where(random, depth + 1) + ", " + where(random, depth + 1) + "]}";
            default -> "{not: " + where(random, depth + 1) + "}";
        };
    }

    /** Node fields: each field at most once per way of asking for it, some aliased, some in fragments or directives. */
    private static String selection(Random random, StringBuilder fragments, int connection) {
        List<String> parts = new ArrayList<>();
        List<String> all = new ArrayList<>(PROTECTED);
        all.addAll(OPEN);
        for (String field : all) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            String alias = random.nextInt(3) == 0 ? "a_" + field + ": " : "";
            switch (random.nextInt(5)) {
                case 0 -> parts.add("... on CrmCustomers { " + alias + field + " }");
                case 1 -> parts.add(alias + field + (random.nextBoolean() ? " @include(if: $on)" : " @skip(if: $on)"));
                case 2 -> {
                    String name = "f" + connection + "_" + field + "_" + parts.size();
                    fragments.append("fragment ").append(name).append(" on CrmCustomers { ").append(alias)
                            .append(field).append(" }\n");
                    parts.add("..." + name);
                }
                default -> parts.add(alias + field);
            }
        }
        if (random.nextBoolean()) {
            parts.add("__typename");
        }
        if (parts.isEmpty()) {
            parts.add("customerId");
        }
        return String.join(" ", parts);
    }

    private record GeneratedQuery(String document, Map<String, Object> variables) {
    }
}
