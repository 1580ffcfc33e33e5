package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.registration.RegistrationHttp.Answer;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.AttackerPorts;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.compose.CompositionProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Foreign keys into classified fields at registration, over HTTP against the demo gateway (open classifications:
 * the default, {@code public}): the red team's calendar keyed into {@code crm.customers.birth_date} and mailings
 * keyed into {@code crm.customers.email} are refused; and whichever end is published first, a relationship whose
 * target field becomes classified leaves the schema (a composition problem), never to be followed.
 */
@DemoGatewayTest
class ClassifiedKeyRegistrationEndToEndTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    PortRegistry registry;

    private RegistrationHttp http;
    private final List<TestPort> ports = new ArrayList<>();
    private final List<String[]> published = new ArrayList<>();

    @BeforeEach
    void connect() {
        http = new RegistrationHttp(httpPort);
    }

    @AfterEach
    void retireAndStop() throws Exception {
        published.forEach(port -> http.delete("/api/ports/" + port[0], token(port[1])));
        published.clear();
        for (TestPort port : ports) {
            port.close();
        }
        ports.clear();
    }

    @Test
    void theCalendarAndTheMailingsAreRefusedWithWhatToDoInstead() throws Exception {
        TestPort calendar = started(AttackerPorts.calendar(List.of("someone@example.org")));
        String sdl = registry.liveSchema().sdl();

        for (Answer answer : List.of(http.check(calendar.contract(), token("sales")),
                http.publish(calendar.contract(), token("sales")))) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(422);
            assertThat(answer.text("outcome")).isEqualTo("INVALID");
            assertThat(answer.problemKinds()).containsExactly("CLASSIFIED_KEY", "CLASSIFIED_KEY");
            assertThat(answer.problemPaths()).containsExactly("$.schema[0].properties[0]", "$.schema[1].properties[1]");
            JsonNode birthDate = answer.body().path("problems").get(0);
            assertThat(birthDate.path("problem").asString()).isEqualTo("relationship days(day) ->"
                    + " crm.customers(birth_date) is refused: it points at crm.customers.birth_date (classified"
                    + " 'restricted'), which is not the primary key of crm.customers (customer_id): a join on it"
                    + " would reveal its values to callers whom a policy denies them");
            assertThat(birthDate.path("expected").asString())
                    .startsWith("a foreign key to the primary key of crm.customers (customer_id)");
            assertThat(answer.body().path("problems").get(1).path("problem").asString())
                    .contains("crm.customers.email (classified 'confidential')");
        }
        assertThat(registry.liveSchema().sdl()).isEqualTo(sdl).doesNotContain("SalesDays");
    }

    @Test
    void aTargetClassifiedAfterTheForeignKeyWasPublishedLeavesTheRelationshipOut() throws Exception {
        TestPort people = started(people("atlas", "1.0.0", null));
        TestPort days = started(days("chronos", "atlas"));
        assertThat(publish(people, "atlas").status()).isEqualTo(201);
        assertThat(publish(days, "chronos").status()).isEqualTo(201);
        assertThat(fieldsBetween("atlas", "chronos")).containsExactly("AtlasPeople.days", "ChronosDays.people");
        JsonNode followed = anonymous("{ atlas { people { nodes { personId days { nodes { day } } } } } }");
        assertThat(followed.path("errors").isMissingNode()).as("%s", followed).isTrue();

        TestPort classified = started(people("atlas", "1.1.0", "restricted"));
        Answer republished = publish(classified, "atlas");

        assertThat(republished.status()).as("%s", republished).isEqualTo(201);
        assertThat(republished.body().path("warnings")).singleElement().satisfies(warning -> {
            assertThat(warning.path("kind").asString()).isEqualTo("CLASSIFIED_KEY");
            assertThat(warning.path("path").asString()).isEqualTo("$.schema[0]");
            assertThat(warning.path("problem").asString()).contains("of port 'chronos-days-port' is left out of"
                    + " the schema: it points at atlas.people.birth_date (classified 'restricted')");
        });
        assertThatTheRelationshipIsLeftOut("atlas", "chronos");
    }

    @Test
    void aForeignKeyPublishedBeforeItsClassifiedTargetNeverAppears() throws Exception {
        TestPort days = started(days("kairos", "borealis"));
        Answer dangling = publish(days, "kairos");
        assertThat(dangling.status()).as("%s", dangling).isEqualTo(201);
        assertThat(dangling.body().path("warnings").get(0).path("kind").asString())
                .isEqualTo("DANGLING_RELATIONSHIP");

        Answer target = publish(started(people("borealis", "1.0.0", "Confidential")), "borealis");

        assertThat(target.status()).as("%s", target).isEqualTo(201);
        assertThat(target.body().path("warnings")).singleElement()
                .satisfies(warning -> assertThat(warning.path("kind").asString()).isEqualTo("CLASSIFIED_KEY"));
        assertThatTheRelationshipIsLeftOut("borealis", "kairos");
    }

    private void assertThatTheRelationshipIsLeftOut(String peopleDomain, String daysDomain) {
        assertThat(fieldsBetween(peopleDomain, daysDomain)).isEmpty();
        assertThat(registry.liveSchema().problems()).anySatisfy(problem -> {
            assertThat(problem.portId()).isEqualTo(daysDomain + "-days-port");
            assertThat(problem.kind()).isEqualTo(CompositionProblem.Kind.CLASSIFIED_KEY);
        });
        String prefix = Character.toUpperCase(peopleDomain.charAt(0)) + peopleDomain.substring(1);
        JsonNode refused = anonymous("{ " + peopleDomain + " { people { nodes { personId days { nodes { day } } } } } }");
        assertThat(refused.path("errors").get(0).path("message").asString())
                .contains("Field 'days' in type '" + prefix + "People' is undefined");
    }

    /** The relationship fields between the two test domains in the live schema. */
    private List<String> fieldsBetween(String peopleDomain, String daysDomain) {
        return registry.liveSchema().relationships().stream()
                .filter(relationship -> Set.of(peopleDomain, daysDomain).contains(relationship.ownerDomain()))
                .map(relationship -> relationship.ownerType() + "." + relationship.fieldName())
                .sorted()
                .toList();
    }

    /** {@code <domain>.people}: person_id, birth_date classified as given (null: none). */
    private static TestPort people(String domain, String version, String classification) throws Exception {
        return TestPortCredentials.startPort("""
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s-people-port
                version: %2$s
                status: active
                domain: %1$s
                dataProduct: people
                servers:
                  - server: people
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: ${url}
                      - property: sqlDialect
                        value: DUCKDB
                schema:
                  - name: people
                    physicalName: people
                    properties:
                      - name: person_id
                        logicalType: integer
                        physicalType: BIGINT
                        required: true
                        primaryKey: true
                      - name: birth_date
                        logicalType: date
                %3$s""".formatted(domain, version,
                        classification == null ? "" : "        classification: " + classification + "\n"),
                "CREATE TABLE people (person_id BIGINT PRIMARY KEY, birth_date DATE)",
                "INSERT INTO people VALUES (1, DATE '1970-01-01'), (2, DATE '1981-02-03')");
    }

    /** {@code <domain>.days}: {@code day} a foreign key to {@code <peopleDomain>.people.birth_date}. */
    private static TestPort days(String domain, String peopleDomain) throws Exception {
        return TestPortCredentials.startPort("""
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s-days-port
                version: 1.0.0
                status: active
                domain: %1$s
                dataProduct: days
                servers:
                  - server: days
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: ${url}
                      - property: sqlDialect
                        value: DUCKDB
                schema:
                  - name: days
                    physicalName: days
                    properties:
                      - name: day
                        logicalType: date
                        required: true
                        primaryKey: true
                        relationships:
                          - type: foreignKey
                            to: people.birth_date
                            customProperties:
                              - property: targetDomain
                                value: %2$s
                """.formatted(domain, peopleDomain),
                "CREATE TABLE days (day DATE PRIMARY KEY)",
                "INSERT INTO days SELECT CAST(range AS DATE) FROM range(TIMESTAMP '1969-12-01', TIMESTAMP"
                        + " '1970-02-01', INTERVAL 1 DAY)");
    }

    private TestPort started(TestPort port) {
        ports.add(port);
        return port;
    }

    private Answer publish(TestPort port, String domain) {
        Answer answer = http.publish(port.contract(), token(domain));
        if (answer.status() == 201 && published.stream().noneMatch(entry -> entry[0].equals(answer.text("portId")))) {
            published.add(new String[] {answer.text("portId"), domain});
        }
        return answer;
    }

    private JsonNode anonymous(String query) {
        return http.graphQl(query, null, null).body();
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("ci-" + domain, Set.of("publisher"), Set.of(), Set.of(domain),
                Map.of(), Duration.ofMinutes(10)), security.claims()).token();
    }
}
