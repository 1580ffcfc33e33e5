package io.portico.flight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.registration.FakeGateway;
import io.portico.flight.registration.FakeGateway.Reply;
import io.portico.flight.registration.FakeGateway.Request;
import io.portico.flight.testkit.PorticoCommand;
import io.portico.flight.testkit.PorticoCommand.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's own behaviour, where no gateway is needed or where a gateway's answer is given: help, wrong
 * command lines and their exit codes, an unreachable gateway, what is sent. Against the real gateway:
 * {@code PorticoCliEndToEndTest} and {@code PorticoPortCommandTest} in the gateway module.
 */
class PorticoCliTest {

    private static final String SDL = "type Query {\n  schemaVersion: String!\n}\n";

    private static Run portico(Map<String, String> environment, String... arguments) {
        return PorticoCommand.run(environment, arguments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"port", "port credential", "port check", "port publish", "port retire", "token", "schema"})
    void everyCommandHasHelp(String command) {
        Run help = portico(Map.of(), (command + " --help").split(" "));

        assertThat(help.exitCode()).as("%s", help).isZero();
        assertThat(help.stdout()).startsWith("Usage: portico " + command);
        assertThat(help.stderr()).isEmpty();
    }

    @Test
    void theCommandsThatServeAPortPassTheirHelpThrough() {
        assertThat(portico(Map.of(), "port").stdout()).as("port alone: its usage")
                .contains("credential", "check", "publish", "retire", "init", "up", "serve");
        // port init parses its own options; its --help is its own usage (on the process's standard output).
        assertThat(portico(Map.of(), "port", "init", "--help").exitCode()).isZero();
    }

    @Test
    void aWrongCommandLineSaysWhyWithTheLaunchersExitCodes(@TempDir Path directory) throws Exception {
        Path contract = Files.writeString(directory.resolve("c.odcs.yaml"), "id: x\n");
        Map<String, String> token = Map.of("PORTICO_TOKEN", "t", "PORTICO_URL", "http://127.0.0.1:1");

        Run noFile = portico(token, "port", "check");
        Run missingFile = portico(token, "port", "publish", directory.resolve("nothing.yaml").toString());
        Run twoFiles = portico(token, "port", "check", contract.toString(), contract.toString());
        Run noId = portico(token, "port", "retire");
        Run badMajor = portico(token, "port", "retire", "x", "--major", "one");
        Run majorOnCheck = portico(token, "port", "check", contract.toString(), "--major", "1");
        Run noDomain = portico(token, "port", "credential");
        Run unknownSubcommand = portico(token, "port", "launch");
        Run oldServe = portico(token, "port", "--demo", "sales");
        Run badClaim = portico(Map.of(), "token", "--claim", "region");
        Run unknownTokenOption = portico(Map.of(), "token", "--bogus");
        Run badUrl = portico(Map.of("PORTICO_TOKEN", "t"), "port", "retire", "x", "--url", "ftp://gateway");

        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.stderr()).endsWith("portico: port check: which contract? give its file\n");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.stderr()).contains("portico: port publish: no contract file '");
        assertThat(twoFiles.exitCode()).isEqualTo(2);
        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.stderr()).endsWith("portico: port retire: which port? give its id\n");
        assertThat(badMajor.exitCode()).isEqualTo(2);
        assertThat(badMajor.stderr()).contains("portico: port retire: Invalid value for option '--major'");
        assertThat(majorOnCheck.exitCode()).isEqualTo(2);
        assertThat(majorOnCheck.stderr()).contains("portico: port check: Unknown options: '--major'");
        assertThat(noDomain.exitCode()).isEqualTo(2);
        assertThat(noDomain.stderr()).isEqualTo("portico: port credential: which domain? give --domain D\n");
        assertThat(unknownSubcommand.exitCode()).isEqualTo(1);
        assertThat(unknownSubcommand.stderr()).contains("portico: port: unknown command 'launch' (one of init, up,"
                + " serve, credential, check, publish, retire)");
        assertThat(oldServe.exitCode()).isEqualTo(1);
        assertThat(oldServe.stderr()).contains("portico: port: starting a port is 'port serve' now: ./portico port"
                + " serve --demo sales");
        assertThat(badClaim.exitCode()).isEqualTo(1);
        assertThat(badClaim.stderr()).isEqualTo("portico: token: --claim takes name=value, got 'region'\n");
        assertThat(unknownTokenOption.exitCode()).isEqualTo(1);
        assertThat(unknownTokenOption.stderr()).contains("Usage: portico token", "Unknown option: '--bogus'");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.stderr()).contains("must be http:// or https://");
    }

    @Test
    void withoutATokenOrAGatewayNothingIsAsked(@TempDir Path directory) throws Exception {
        Path contract = Files.writeString(directory.resolve("c.odcs.yaml"), "id: x\n");
        int nobody = FakeGateway.freePort();

        Run noToken = portico(Map.of(), "port", "publish", contract.toString());
        Run emptyToken = portico(Map.of("PORTICO_TOKEN", ""), "port", "credential", "--domain", "sales");
        Run noGateway = portico(Map.of("PORTICO_TOKEN", "t"), "port", "publish", contract.toString(), "--url",
                "http://127.0.0.1:" + nobody);
        Run noDemo = portico(Map.of("PORTICO_URL", "http://127.0.0.1:" + nobody), "token");
        Run noSchema = portico(Map.of(), "schema", "--url", "http://127.0.0.1:" + nobody + "/");

        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.stderr()).contains("portico: port publish: needs a bearer token whose 'domains' claim");
        assertThat(emptyToken.exitCode()).isEqualTo(2);
        assertThat(emptyToken.stderr()).contains("needs a bearer token whose 'domains' claim names 'sales'");
        assertThat(noGateway.exitCode()).isEqualTo(2);
        assertThat(noGateway.stdout()).isEmpty();
        assertThat(noGateway.stderr()).isEqualTo("portico: port publish: no gateway answers at http://127.0.0.1:"
                + nobody + " (connection refused); start it (./portico demo) or point --url at it\n");
        assertThat(noDemo.exitCode()).isEqualTo(1);
        assertThat(noDemo.stderr()).startsWith("portico: token: no gateway answers at http://127.0.0.1:" + nobody
                + " (connection refused).\nStart the demo first");
        assertThat(noSchema.exitCode()).isEqualTo(2);
        assertThat(noSchema.stderr()).contains("portico: schema: no gateway answers at http://127.0.0.1:" + nobody
                + " (");
    }

    @Test
    void aContractFromStandardInputIsSentAsIsAndTheAnswerPrintedAsJqPrintsIt() throws Exception {
        String answer = FakeGateway.result("ACCEPTED", "CHECKED", "the contract can be published", "[]");
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(200, answer))) {
            Run check = PorticoCommand.runWithInput(Map.of("PORTICO_TOKEN", "secret", "PORTICO_URL",
                    gateway.url() + "/"), "id: lab\nversion: 1.0.0\n", "port", "check", "-");

            Request request = gateway.next();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/ports/check");
            assertThat(request.header("Authorization")).isEqualTo("Bearer secret");
            assertThat(request.header("Content-Type")).isEqualTo("application/yaml");
            assertThat(request.body()).isEqualTo("id: lab\nversion: 1.0.0\n");
            assertThat(check.exitCode()).isZero();
            assertThat(check.stdout()).isEqualTo("""
                    {
                      "status": "ACCEPTED",
                      "outcome": "CHECKED",
                      "message": "the contract can be published",
                      "problems": [],
                      "warnings": []
                    }
                    """);
            assertThat(check.stderr()).isEqualTo("portico: port check: CHECKED (HTTP 200): the contract can be"
                    + " published\n");
        }
    }

    @Test
    void retireEncodesTheIdAndAsksForOneMajor() throws Exception {
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(200, "{\"outcome\":\"RETIRED\"}"))) {
            Run retire = portico(Map.of("PORTICO_TOKEN", "t"), "port", "retire", "lab port/1", "--major", "1",
                    "--url", gateway.url().toString());

            Request request = gateway.next();
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.path()).as("decoded by the server").isEqualTo("/api/ports/lab port/1");
            assertThat(retire.exitCode()).isZero();
            assertThat(retire.stderr()).isEqualTo("portico: port retire: RETIRED (HTTP 200): accepted\n");
        }
    }

    @Test
    void theSchemaGoesToStandardOutputOrWholeIntoAFile(@TempDir Path directory) throws Exception {
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(200, SDL))) {
            Run printed = portico(Map.of("PORTICO_URL", gateway.url().toString()), "schema");
            Path file = Files.writeString(directory.resolve("portico.graphql"), "an older schema\n");
            Run written = portico(Map.of("PORTICO_URL", gateway.url().toString(), "PORTICO_TOKEN", "t"), "schema",
                    "--out", file.toString());

            Request first = gateway.next();
            assertThat(first.method()).isEqualTo("GET");
            assertThat(first.path()).isEqualTo("/graphql/schema.graphql");
            assertThat(first.header("Authorization")).as("no token, none sent").isNull();
            assertThat(gateway.next().header("Authorization")).isEqualTo("Bearer t");
            assertThat(printed.exitCode()).isZero();
            assertThat(printed.stdout()).isEqualTo(SDL);
            assertThat(written.exitCode()).isZero();
            assertThat(written.stdout()).isEmpty();
            assertThat(Files.readString(file)).isEqualTo(SDL);
            assertThat(written.stderr()).startsWith("portico: schema: wrote " + file + " (3 lines)");
            try (var leftovers = Files.list(directory)) {
                assertThat(leftovers).as("no temporary file left").containsExactly(file);
            }
        }
    }
}
