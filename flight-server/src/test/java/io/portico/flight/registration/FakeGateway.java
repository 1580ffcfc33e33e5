package io.portico.flight.registration;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP server (the JDK's) standing in for the gateway's {@code POST /api/ports}: it records every request
 * and answers with the statuses and bodies it is given, in order (the last one repeats).
 */
public final class FakeGateway implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    /** One canned answer. */
    public record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private volatile Reply last;

    private FakeGateway(HttpServer server, List<Reply> replies) {
        this.server = server;
        this.replies.addAll(replies);
        this.last = replies.getLast();
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            Reply reply = this.replies.poll();
            if (reply == null) {
                reply = last;
            }
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** A gateway on {@code port} (0: any free one) answering {@code replies} in order. */
    public static FakeGateway start(int port, Reply... replies) {
        try {
            return new FakeGateway(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), List.of(replies));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request, waiting up to 10 seconds; null when none came. */
    public Request next() throws InterruptedException {
        return requests.poll(10, TimeUnit.SECONDS);
    }

    /** The requests received and not taken with {@link #next()} yet. */
    public int pending() {
        return requests.size();
    }

    /** A registration result as the gateway answers it. */
    public static String result(String status, String outcome, String message, String problemsJson) {
        return "{\"status\":\"" + status + "\",\"outcome\":\"" + outcome + "\",\"message\":\"" + message
                + "\",\"problems\":" + problemsJson + ",\"warnings\":[]}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
