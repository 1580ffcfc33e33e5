package io.portico.gateway.registry.store;

import static io.portico.gateway.testing.Gadgets.labDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateway replicas as separate OS processes ({@code PorticoApplication} on the test classpath, each on its own
 * HTTP port, nothing in front of them) on one PostgreSQL registry ({@code PORTICO_TEST_POSTGRES_URL}; skipped
 * without it, failing in CI without it), reading one policy directory, with the result cache on. Every interval is
 * left at its documented default (docs/operations.md, "Replicas"), and every change is asserted on every other
 * replica by its documented time: a registration through A is queryable through B and C; a policy file changed once
 * is in force on all three; a cache invalidation through A empties B's and C's caches of the port within 1 s. Then A
 * is killed with SIGKILL: its registration is still served by B and C, a new version published through B reaches C,
 * and A restarted serves it from its first request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TestRegistryDatabase.PostgresAvailable.class)
class GatewayReplicaProcessesTest {

    /**
     * A registration on the other replicas: {@code portico.registry.poll-interval} (500 ms) and then one schema
     * build that connects to the new port (about a second when idle, docs/publishing.md); this bound leaves room for
     * three JVMs on a loaded 2-core CI machine.
     */
    private static final Duration REGISTRATION = Duration.ofSeconds(10);
    /** A policy change: settled for one {@code portico.policies.reload-interval} (2 s), then read at the next. */
    private static final Duration POLICY_RELOAD = Duration.ofSeconds(2 * 2 + 2);
    /** An invalidation: {@code portico.cache.invalidation-poll-interval} (250 ms) plus one query, within 1 s. */
    private static final Duration INVALIDATION = Duration.ofSeconds(1);

    private static final String ISSUER = "https://idp.test/realms/replicas";
    private static final String PORT_ID = "lab-gadgets-port";
    private static final String NAMES = "{ lab { gadgets(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId name } } } }";
    private static final String PRICES = "{ lab { gadgets(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId price } } } }";
    private static final String ALLOW_ALL = """
            version: 1
            defaults:
              unmatched: allow
            rules:
              - name: everyone-sees-gadgets
                subjects: everyone
                resources: {domain: lab, dataset: gadgets}
                effect: allow
            """;
    private static final String DENY_NAMES = """
            version: 1
            defaults:
              unmatched: allow
            rules:
              - name: nobody-sees-gadget-names
                subjects: everyone
                resources: {domain: lab, dataset: gadgets, fields: [name]}
                effect: deny
            """;

    @TempDir
    static Path directory;

    private final List<GatewayProcess> replicas = new ArrayList<>();
    private TestPort port;
    private TestRegistryDatabase database;
    private Path policies;
    private Path pem;
    private String token;
    private GatewayProcess a;
    private GatewayProcess b;
    private GatewayProcess c;

    @BeforeAll
    void startThreeReplicas() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("replicas-key").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        pem = writePublicKeyPem(key, directory.resolve("idp.pem"));
        token = sign(key);
        policies = Files.createDirectories(directory.resolve("policies"));
        writePolicies(ALLOW_ALL);
        port = Gadgets.labPort();
        database = TestRegistryDatabase.postgres();
        // One after the other: three JVMs starting at once on 2 cores took 80 s each, one alone about 20 s.
        a = launch("a");
        a.awaitReady();
        b = launch("b");
        b.awaitReady();
        c = launch("c");
        c.awaitReady();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            replicas.forEach(GatewayProcess::stop);
            for (GatewayProcess replica : replicas) {
                replica.kill();
            }
        } finally {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                if (port != null) {
                    port.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void aRegistrationThroughOneReplicaIsQueryableThroughTheOthers() {
        assertThat(b.graphQl().post(NAMES).codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");

        Response published = a.post("/api/ports", labDocument(PORT_ID, "lab", "1.0.0", port.url(), false),
                "application/yaml");

        assertThat(published.status()).as("%s", published).isEqualTo(201);
        for (GatewayProcess replica : List.of(b, c)) {
            Response answer = await(replica, NAMES, REGISTRATION, "the registration", GatewayReplicaProcessesTest::clean);
            assertThat(names(answer)).containsExactly("lamp", "kettle", "fan");
        }
    }

    @Test
    @Order(2)
    void aPolicyFileChangedOnceIsInForceOnEveryReplica() throws IOException {
        for (GatewayProcess replica : replicas) {
            assertThat(replica.graphQl().post(NAMES).errors()).as("replica %s", replica.name()).isEmpty();
        }
        try {
            writePolicies(DENY_NAMES);
            for (GatewayProcess replica : List.of(a, b, c)) {
                await(replica, NAMES, POLICY_RELOAD, "the policy change",
                        response -> response.codes().contains("FORBIDDEN"));
            }
        } finally {
            writePolicies(ALLOW_ALL);
            for (GatewayProcess replica : List.of(a, b, c)) {
                await(replica, NAMES, POLICY_RELOAD, "the policy restored", GatewayReplicaProcessesTest::clean);
            }
        }
    }

    @Test
    @Order(3)
    void anInvalidationThroughOneReplicaEmptiesTheOthersCachesWithinOneSecond() throws Exception {
        for (GatewayProcess replica : List.of(a, b, c)) {
            assertThat(names(replica.graphQl().post(NAMES))).as("cached on %s", replica.name()).first()
                    .isEqualTo("lamp");
        }
        try {
            port.execute("update gadgets set name = 'lantern' where gadget_id = 1");
            for (GatewayProcess replica : List.of(b, c)) {
                assertThat(names(replica.graphQl().post(NAMES))).as("still cached on %s", replica.name()).first()
                        .isEqualTo("lamp");
            }

            Response invalidated = a.post("/api/ports/" + PORT_ID + "/invalidate", "", null);

            assertThat(invalidated.status()).as("%s", invalidated).isEqualTo(200);
            for (GatewayProcess replica : List.of(b, c)) {
                await(replica, NAMES, INVALIDATION, "the invalidation",
                        response -> names(response).contains("lantern"));
            }
        } finally {
            port.execute("update gadgets set name = 'lamp' where gadget_id = 1");
        }
    }

    @Test
    @Order(4)
    void killingOneReplicaWithSigkillLosesNothing() throws Exception {
        Response before = b.get("/api/ports/" + PORT_ID);
        assertThat(before.status()).as("%s", before).isEqualTo(200);

        assertThat(a.kill()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);

        for (GatewayProcess replica : List.of(b, c)) {
            assertThat(names(replica.graphQl().post(NAMES))).as("A's registration on %s", replica.name())
                    .hasSize(3);
        }
        Response published = b.post("/api/ports", labDocument(PORT_ID, "lab", "1.1.0", port.url(), true),
                "application/yaml");
        assertThat(published.status()).as("a new version through B: %s", published).isEqualTo(201);
        Response prices = await(c, PRICES, REGISTRATION, "the new version", GatewayReplicaProcessesTest::clean);
        assertThat(prices.data().path("lab").path("gadgets").path("nodes").get(1).path("price").asString())
                .isEqualTo("24.50");

        GatewayProcess restarted = launch("a");
        restarted.awaitReady();
        Response first = restarted.graphQl().post(PRICES);
        assertThat(first.errors()).as("the restarted A's first answer: %s", first).isEmpty();
        Response history = restarted.get("/api/ports/" + PORT_ID);
        assertThat(history.body().path("history").valueStream().map(entry -> entry.path("version").asString()))
                .as("%s", history).containsExactly("1.0.0", "1.1.0");
    }

    private GatewayProcess launch(String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--portico.demo.enabled=false",
                "--portico.security.issuer=" + ISSUER,
                "--portico.security.public-key-location=" + pem.toAbsolutePath(),
                "--portico.policies.directory=" + policies.toAbsolutePath(),
                "--portico.cache.enabled=true",
                "--portico.cache.default-ttl=10m",
                // The tests' 500 ms is too short for a cold first channel to the port on a busy machine.
                "--portico.endpoints.verify-time=5s"));
        arguments.addAll(database.springArguments());
        GatewayProcess replica = GatewayProcess.start(name, directory, arguments, token);
        replicas.add(replica);
        return replica;
    }

    /** Asks {@code replica} until its answer satisfies {@code converged}, at most {@code within}. */
    private static Response await(GatewayProcess replica, String query, Duration within, String change,
            Predicate<Response> converged) {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        Response response = replica.graphQl().post(query);
        while (!converged.test(response) && System.nanoTime() < deadline) {
            GatewayProcess.pause(Duration.ofMillis(50));
            response = replica.graphQl().post(query);
        }
        if (!converged.test(response)) {
            fail("%s did not reach replica %s within %s; last answer %s; log:%n%s", change, replica.name(), within,
                    response, replica.logTail());
        }
        System.out.printf("%s reached replica %s in %d ms%n", change, replica.name(),
                (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private static boolean clean(Response response) {
        return response.status() == 200 && response.errors().isEmpty();
    }

    private static List<String> names(Response response) {
        return response.data() == null ? List.of() : response.data().path("lab").path("gadgets").path("nodes")
                .valueStream().map(node -> node.path("name").asString()).toList();
    }

    /** Replaces the policy file atomically (written beside it, then renamed), as docs/policies.md asks. */
    private void writePolicies(String yaml) throws IOException {
        Path written = Files.writeString(policies.resolve(".policies.yaml.tmp"), yaml);
        Files.move(written, policies.resolve("policies.yaml"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** A token of the test issuer for a publisher of domain {@code lab}, valid for an hour. */
    private static String sign(RSAKey key) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("lab-pipeline")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("roles", List.of("publisher")).claim("domains", List.of("lab")).build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        signed.sign(new RSASSASigner(key));
        return signed.serialize();
    }

    private static Path writePublicKeyPem(RSAKey key, Path file) throws JOSEException, IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toRSAPublicKey().getEncoded());
        return Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
    }
}
