package io.portico.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The token issuer docker-compose.yml provides, for real: its scripts ({@code docker/token-issuer}) make a key pair,
 * a gateway configured as the compose file configures its gateway (issuer name and public key location from the
 * file, the key from the issuer's public directory) accepts the tokens {@code mint-token} signs with their roles,
 * domains and claims, and refuses a token of another key pair under the same issuer name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:compose-issuer;DB_CLOSE_DELAY=-1"})
class ComposeTokenIssuerEndToEndTest {

    private static final Path REPOSITORY = DockerComposeTest.repositoryRoot();
    private static final Path KEYS = Path.of("target", "compose-issuer").toAbsolutePath();
    private static final JsonNode SERVICES = new YAMLMapper().readTree(REPOSITORY.resolve("docker-compose.yml"))
            .path("services");
    private static final String ISSUER = SERVICES.path("token-issuer").path("environment").path("PORTICO_ISSUER")
            .asString();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void likeTheComposeGateway(DynamicPropertyRegistry properties) throws Exception {
        JsonNode gateway = SERVICES.path("gateway").path("environment");
        makeKeys("issuer");
        String keyLocation = gateway.path("PORTICO_SECURITY_PUBLIC_KEY_LOCATION").asString();
        // The compose gateway reads the key where the issuer's public volume is mounted: here, its directory.
        Path key = KEYS.resolve("issuer").resolve("public").resolve(Path.of(keyLocation).getFileName());
        properties.add("portico.security.issuer", () -> gateway.path("PORTICO_SECURITY_ISSUER").asString());
        properties.add("portico.security.public-key-location", key::toString);
    }

    @Test
    void aMintedTokenIsAcceptedWithItsRolesDomainsAndClaims() throws Exception {
        String token = mint("issuer", "--subject", "ada", "--role", "analyst", "--domain", "sales",
                "--group", "team-sales", "--claim", "region=EU");

        HttpResponse<String> whoami = whoami(token);

        assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
        JsonNode subject = JsonMapper.builder().build().readTree(whoami.body());
        assertThat(subject.path("id").asString()).isEqualTo("ada");
        assertThat(subject.path("roles").valueStream().map(JsonNode::asString)).containsExactly("analyst");
        assertThat(subject.path("domains").valueStream().map(JsonNode::asString)).containsExactly("sales");
        assertThat(subject.path("groups").valueStream().map(JsonNode::asString)).containsExactly("team-sales");
        assertThat(subject.path("attributes").path("region").asString()).isEqualTo("EU");
        assertThat(subject.path("issuer").asString()).isEqualTo(ISSUER);
    }

    @Test
    void aTokenOfAnotherKeyUnderTheSameIssuerNameIsRefused() throws Exception {
        makeKeys("impostor");
        String forged = mint("impostor", "--role", "platform", "--domain", "sales");

        assertThat(whoami(forged).statusCode()).isEqualTo(401);
    }

    @Test
    void keysAreMadeOnceAndThePrivateKeyIsTheOwnersAlone() throws Exception {
        Path privateKey = KEYS.resolve("issuer").resolve("private").resolve("private.pem");
        String before = Files.readString(privateKey);

        makeKeys("issuer");

        assertThat(Files.readString(privateKey)).as("a restart keeps the key, so issued tokens stay valid")
                .isEqualTo(before);
        assertThat(Files.getPosixFilePermissions(privateKey)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void mintTokenRefusesWhatTheGatewayWouldRefuseOrWhatWouldForgeAClaim() throws Exception {
        assertThat(run(List.of("--lifetime", "90000"), "issuer").exitCode()).as("longer than 24 h").isEqualTo(2);
        assertThat(run(List.of("--role", "analyst\",\"roles\":[\"platform"), "issuer").exitCode()).isEqualTo(2);
        assertThat(run(List.of("--claim", "roles=platform"), "issuer").exitCode()).isEqualTo(2);
        assertThat(run(List.of("--claim", "exp=99999999999"), "issuer").exitCode()).isEqualTo(2);
    }

    private HttpResponse<String> whoami(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/whoami"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void makeKeys(String name) throws IOException, InterruptedException {
        Result result = script("issuer-keys", List.of(), name);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String mint(String keys, String... arguments) throws IOException, InterruptedException {
        Result result = run(List.of(arguments), keys);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().strip();
    }

    private static Result run(List<String> arguments, String keys) throws IOException, InterruptedException {
        return script("mint-token", arguments, keys);
    }

    private static Result script(String script, List<String> arguments, String keys)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", REPOSITORY.resolve("docker/token-issuer")
                .resolve(script).toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of(
                "PORTICO_ISSUER", ISSUER,
                "PORTICO_ISSUER_PRIVATE_DIR", KEYS.resolve(keys).resolve("private").toString(),
                "PORTICO_ISSUER_PUBLIC_DIR", KEYS.resolve(keys).resolve("public").toString()));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not end");
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    static {
        try {
            Files.createDirectories(KEYS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
