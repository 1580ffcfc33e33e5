package io.portico.gateway.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.portico.gateway.testing.GatewayJvm;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One gateway ({@code PorticoApplication}, not the demo) as a separate OS process on the test classpath, on a free
 * loopback HTTP port, its output in {@code target/gateway-replicas/<name>-<time>.log}; REST calls carry one bearer
 * token. {@link #kill()} is SIGKILL on Unix: no shutdown hook runs.
 */
final class GatewayProcess {

    private static final Path LOGS = Path.of("target", "gateway-replicas");
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;
    private final String token;
    private final GraphQlClient graphQl;

    private GatewayProcess(String name, Process process, int httpPort, Path log, String token) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.token = token;
        this.graphQl = new GraphQlClient(httpPort);
    }

    /** Starts the process with {@code arguments} (Spring Boot's {@code --key=value}); see {@link #awaitReady()}. */
    static GatewayProcess start(String name, Path workingDirectory, List<String> arguments, String token)
            throws IOException {
        int httpPort = GatewayJvm.freePort();
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + "-" + System.currentTimeMillis() + ".log");
        Process process = GatewayJvm.start(workingDirectory, httpPort, "384m", arguments, log);
        return new GatewayProcess(name, process, httpPort, log, token);
    }

    String name() {
        return name;
    }

    GraphQlClient graphQl() {
        return graphQl;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200, at most 180 s; kills the process if not. */
    void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("replica %s exited with %d; log:%n%s", name, process.exitValue(), logTail());
            }
            try {
                if (send(request("/actuator/health/readiness").GET()).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // not listening yet
            }
            pause(Duration.ofMillis(200));
        }
        kill();
        fail("replica %s was not ready within %s; log:%n%s", name, READY_WITHIN, logTail());
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    /** POST {@code body} with {@code contentType} (none when null). */
    Response post(String path, String body, String contentType) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** SIGKILL (on Unix), and its exit value once it is gone. */
    int kill() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("replica %s gone", name).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Kills the process without waiting: for clean-up after a test, whatever state it left. */
    void stop() {
        process.destroyForcibly();
    }

    /** The last 80 lines of the process's output. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        return graphQl.send(request.build());
    }
}
