package io.portico.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one GraphQL query to the gateway over HTTP repeatedly, one request at a time, and measures each request
 * from sending it to having read the whole response body.
 *
 * <p>The first response is parsed and checked (no errors, the expected number of rows); measured responses are only
 * read, so that parsing JSON on the client does not compete with the gateway for the machine's cores.
 */
final class GraphqlWorkload {

    /**
     * What one query measured.
     *
     * @param name          short label of the workload
     * @param rows          rows per response
     * @param responseBytes bytes of one response body
     * @param latency       every measured request
     */
    record Result(String name, int rows, long responseBytes, LatencySummary latency) {

        double rowsPerSecondAtMedian() {
            return rows / (latency.percentileMillis(50) / 1000.0);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;

    GraphqlWorkload(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Waits until the gateway answers a trivial query, or fails after the timeout. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String lastProblem = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<byte[]> response = send("{ __typename }", Map.of());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "HTTP " + response.statusCode();
            } catch (IOException notYet) {
                lastProblem = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the gateway at " + endpoint + " did not answer within " + timeout
                + " (" + lastProblem + ")");
    }

    /**
     * Runs the query {@code warmups} times unmeasured, then {@code iterations} times measured.
     *
     * @param dataPath     the response path to the connection, e.g. {@code data.sales.orders}
     * @param expectedRows how many {@code nodes} each response must hold
     */
    Result run(String name, String query, Map<String, Object> variables, String dataPath, int expectedRows,
            int warmups, int iterations) throws IOException, InterruptedException {
        HttpResponse<byte[]> first = send(query, variables);
        verify(first, dataPath, expectedRows);
        for (int warmup = 1; warmup < warmups; warmup++) {
            requireOk(send(query, variables));
        }

        long[] nanos = new long[iterations];
        long responseBytes = first.body().length;
        for (int iteration = 0; iteration < iterations; iteration++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = send(query, variables);
            nanos[iteration] = System.nanoTime() - start;
            requireOk(response);
            responseBytes = response.body().length;
        }
        return new Result(name, expectedRows, responseBytes, new LatencySummary(nanos));
    }

    private HttpResponse<byte[]> send(String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void verify(HttpResponse<byte[]> response, String dataPath, int expectedRows) {
        requireOk(response);
        JsonNode answer = JSON.readTree(response.body());
        if (answer.has("errors")) {
            throw new IllegalStateException("the gateway answered errors: " + answer.get("errors"));
        }
        JsonNode connection = answer;
        for (String step : dataPath.split("\\.")) {
            connection = connection.path(step);
        }
        int rows = connection.path("nodes").size();
        if (rows != expectedRows) {
            throw new IllegalStateException("expected " + expectedRows + " rows at " + dataPath + ".nodes, got " + rows
                    + " (is the demo data large enough? see portico.demo.scale)");
        }
    }

    /** A cheap check for measured responses: HTTP 200 and no top-level "errors" key at the start of the body. */
    private static void requireOk(HttpResponse<byte[]> response) {
        String head = new String(response.body(), 0, Math.min(64, response.body().length), StandardCharsets.UTF_8);
        if (response.statusCode() != 200 || head.contains("\"errors\"")) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + head);
        }
    }
}
