package io.portico.benchmarks.harness;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed-loop HTTP load on the gateway's GraphQL endpoint: each client (one thread, one keep-alive HTTP/1.1
 * connection, {@link KeepAliveHttp}) sends one request, reads the whole answer, checks it, and sends the next, for a
 * fixed time. What a
 * dashboard's or an app's concurrent users look like to the gateway, at the concurrency given.
 */
final class ConcurrentLoad {

    /**
     * What one run measured.
     *
     * @param clients  concurrent clients
     * @param seconds  how long they sent requests
     * @param latency  every request's latency, from sending to having read the answer
     */
    record Result(int clients, double seconds, LatencySummary latency) {

        double requestsPerSecond() {
            return latency.count() / seconds;
        }
    }

    private final URI endpoint;
    private final String authorization;

    /**
     * @param endpoint    the GraphQL endpoint
     * @param bearerToken sent as {@code Authorization: Bearer ...}; null for anonymous requests
     */
    ConcurrentLoad(URI endpoint, String bearerToken) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    }

    /** {@code clients} clients send {@code query} back to back for {@code duration}. */
    Result run(String query, int clients, Duration duration) throws Exception {
        return run(List.of(query), clients, duration);
    }

    /**
     * {@code clients} clients send the {@code queries} back to back for {@code duration}, each client going round
     * them from its own starting point, so every query is asked about equally often and at once.
     */
    Result run(List<String> queries, int clients, Duration duration) throws Exception {
        List<byte[]> requests = queries.stream().map(this::request).toList();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<List<Long>>> results = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            for (int client = 0; client < clients; client++) {
                int first = client;
                results.add(threads.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    try (KeepAliveHttp connection = new KeepAliveHttp(endpoint)) {
                        for (int next = first; running.get(); next++) {
                            long sent = System.nanoTime();
                            checked(connection.send(requests.get(next % requests.size())));
                            latencies.add(System.nanoTime() - sent);
                        }
                    }
                    return latencies;
                }));
            }
            Thread.sleep(duration);
            running.set(false);
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> client : results) {
                all.addAll(client.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(clients, seconds, new LatencySummary(all.stream().mapToLong(Long::longValue).toArray()));
        }
    }

    /** {@code query} sent {@code iterations} times one after another, after a quarter as many unmeasured. */
    LatencySummary oneAtATime(String query, int iterations) throws Exception {
        byte[] request = request(query);
        try (KeepAliveHttp connection = new KeepAliveHttp(endpoint)) {
            for (int warmUp = 0; warmUp < Math.max(1, iterations / 4); warmUp++) {
                checked(connection.send(request));
            }
            long[] nanos = new long[iterations];
            for (int run = 0; run < iterations; run++) {
                long sent = System.nanoTime();
                checked(connection.send(request));
                nanos[run] = System.nanoTime() - sent;
            }
            return new LatencySummary(nanos);
        }
    }

    private byte[] request(String query) {
        return KeepAliveHttp.jsonPost(endpoint, authorization, body(query));
    }

    private static String body(String query) {
        return "{\"query\": \"" + query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"}";
    }

    private static void checked(KeepAliveHttp.Answer answer) {
        if (answer.status() != 200 || answer.hasErrors()) {
            String text = answer.text();
            throw new IllegalStateException("the gateway answered " + answer.status() + ": "
                    + text.substring(0, Math.min(500, text.length())));
        }
    }

    /**
     * Sends {@code query} once and answers the body.
     *
     * @throws IllegalStateException when the answer is not 200 or carries errors
     */
    String send(HttpClient client, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(query), StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("the gateway answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
