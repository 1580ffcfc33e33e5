package io.portico.flight.registration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A port registering its own contract with a Portico gateway: {@code POST <gateway>/api/ports} with the contract
 * document and a bearer token.
 *
 * <p>While the gateway cannot be reached (no connection, a timeout, or a 5xx answer such as 503 while it starts)
 * the registration is retried with exponential backoff ({@link Backoff}), without end, until it is answered or
 * superseded. An answer is final: 201 (published) and 200 (unchanged) are logged at INFO, a refusal (400, 401, 403,
 * 409, 413, 415, 422) at ERROR with every problem the gateway names, and not retried: it needs a new contract or
 * token. {@link #registerInBackground} runs registrations one after another on a thread of its own; a newer
 * document supersedes an older one that is still waiting to be retried.
 */
public final class PortSelfRegistration implements AutoCloseable {

    /** The path of the registration API on the gateway. */
    public static final String PORTS_PATH = "/api/ports";

    private static final Logger LOG = LoggerFactory.getLogger(PortSelfRegistration.class);

    private final URI endpoint;
    private final Backoff backoff;
    private final GatewayClient client;
    private final ExecutorService worker;
    private final AtomicLong generation = new AtomicLong();
    private final Object sleeper = new Object();
    private volatile boolean closed;

    /**
     * @param gatewayUrl the gateway's base URL, e.g. {@code http://gateway:8080}
     * @param token      a bearer token whose {@code domains} claim names the port's domain
     * @param backoff    how long to wait between attempts while the gateway is unreachable
     */
    public PortSelfRegistration(URI gatewayUrl, String token, Backoff backoff) {
        requireNonNull(gatewayUrl, "gatewayUrl is null");
        requireNonNull(token, "token is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the gateway token is empty");
        }
        this.client = new GatewayClient(gatewayUrl, token, backoff.requestTimeout());
        this.endpoint = client.uri(PORTS_PATH);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "port-self-registration");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Where registrations are posted: {@code <gateway>/api/ports}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Registers {@code document} on the registration thread, after the registrations submitted before it; a
     * registration still retrying when this is called gives up in favour of this one.
     *
     * @return the gateway's answer; completes with {@link Answer#superseded()} when a newer document came first,
     *         exceptionally only when the registration was closed
     */
    public CompletableFuture<Answer> registerInBackground(String document) {
        requireNonNull(document, "document is null");
        long mine = generation.incrementAndGet();
        wakeUp();
        return CompletableFuture.supplyAsync(() -> register(document, mine), worker);
    }

    /**
     * Registers {@code document} now, on this thread, retrying while the gateway is unreachable.
     *
     * @return the gateway's answer
     * @throws IllegalStateException when the registration is closed while it waits
     */
    public Answer register(String document) {
        return register(document, generation.incrementAndGet());
    }

    private Answer register(String document, long mine) {
        Duration wait = backoff.initial();
        for (int attempt = 1; ; attempt++) {
            if (generation.get() != mine) {
                LOG.info("a newer contract replaces the one waiting to be registered at {}", endpoint);
                return Answer.superseded();
            }
            if (closed) {
                throw new IllegalStateException("the self-registration was closed before the gateway answered");
            }
            Attempt result = attempt(document);
            if (result.answer() != null) {
                log(result.answer());
                return result.answer();
            }
            LOG.warn("cannot register the contract at {} (attempt {}): {}; retrying in {} ms", endpoint, attempt,
                    result.failure(), wait.toMillis());
            sleep(wait);
            wait = backoff.next(wait);
        }
    }

    /** One POST: the gateway's answer, or why it could not be had (then it is retried). */
    private Attempt attempt(String document) {
        try {
            GatewayClient.Reply reply = client.post(PORTS_PATH, "application/yaml",
                    document.getBytes(StandardCharsets.UTF_8), "application/json");
            if (reply.status() >= 500) {
                return Attempt.failed("the gateway answered " + reply.status() + " " + Answer.summary(reply.body()));
            }
            return Attempt.answered(Answer.of(reply.status(), reply.body()));
        } catch (IOException e) {
            return Attempt.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the contract at " + endpoint, e);
        }
    }

    private void sleep(Duration wait) {
        synchronized (sleeper) {
            try {
                sleeper.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to register the contract again", e);
            }
        }
    }

    private void wakeUp() {
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    private void log(Answer answer) {
        if (answer.accepted()) {
            LOG.info("registered at {}: {} {} - {}", endpoint, answer.httpStatus(), answer.outcome(), answer.message());
            answer.warnings().forEach(warning -> LOG.warn("  warning: {}", warning));
            return;
        }
        LOG.error("the gateway at {} refused the contract: {} {} - {}", endpoint, answer.httpStatus(),
                answer.outcome(), answer.message());
        answer.problems().forEach(problem -> LOG.error("  {}", problem));
    }

    /** Stops the registration thread; a registration waiting to be retried gives up. */
    @Override
    public void close() {
        closed = true;
        wakeUp();
        worker.shutdownNow();
    }

    /**
     * How long to wait between attempts while the gateway is unreachable: {@code initial}, doubled after each
     * attempt up to {@code maximum}; each attempt may take up to {@code requestTimeout}.
     */
    public record Backoff(Duration initial, Duration maximum, Duration requestTimeout) {

        /** 1 s, then 2, 4, ... up to 30 s; 30 s per attempt. */
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(30));

        public Backoff {
            requireNonNull(initial, "initial is null");
            requireNonNull(maximum, "maximum is null");
            requireNonNull(requestTimeout, "requestTimeout is null");
            if (initial.isNegative() || initial.isZero() || maximum.compareTo(initial) < 0 || requestTimeout.isZero()
                    || requestTimeout.isNegative()) {
                throw new IllegalArgumentException("a backoff needs 0 < initial <= maximum and a positive timeout");
            }
        }

        Duration next(Duration wait) {
            Duration doubled = wait.multipliedBy(2);
            return doubled.compareTo(maximum) > 0 ? maximum : doubled;
        }
    }

    /**
     * The gateway's answer to a registration.
     *
     * @param httpStatus the HTTP status; 0 for {@link #superseded()}
     * @param outcome    the result's {@code outcome} (PUBLISHED, UNCHANGED, INVALID, ...), or {@code HTTP <status>}
     *                   when the body is not a registration result (e.g. the 401 of an invalid token)
     * @param message    the result's message, or the error message of the body
     * @param problems   each problem as {@code path: problem (expected ...)}
     * @param warnings   each warning, likewise
     * @param body       the body as answered
     */
    public record Answer(int httpStatus, String outcome, String message, List<String> problems, List<String> warnings,
            String body) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        public Answer {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(message, "message is null");
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            requireNonNull(body, "body is null");
        }

        /** True for 200 and 201: the contract is live at the gateway. */
        public boolean accepted() {
            return httpStatus == 200 || httpStatus == 201;
        }

        static Answer superseded() {
            return new Answer(0, "SUPERSEDED", "a newer contract was registered instead", List.of(), List.of(), "");
        }

        /**
         * The answer of {@code status} and {@code body}: a registration result ({@code outcome}, {@code message},
         * {@code problems}, {@code warnings}), else {@code HTTP <status>} with the body's first error message.
         */
        public static Answer of(int status, String body) {
            try {
                JsonNode json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
                if (json.has("outcome")) {
                    return new Answer(status, json.path("outcome").asString(), json.path("message").asString(""),
                            problems(json.path("problems")), problems(json.path("warnings")), body);
                }
                String message = json.path("errors").path(0).path("message").asString(summary(body));
                return new Answer(status, "HTTP " + status, message, List.of(), List.of(), body);
            } catch (JacksonException e) {
                return new Answer(status, "HTTP " + status, summary(body), List.of(), List.of(), body);
            }
        }

        /** The body's first line, at most 300 characters. */
        static String summary(String body) {
            if (body == null || body.isBlank()) {
                return "(no body)";
            }
            String line = body.strip().lines().findFirst().orElse("");
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }

        private static List<String> problems(JsonNode problems) {
            List<String> lines = new ArrayList<>();
            for (JsonNode problem : problems) {
                lines.add(problem.path("path").asString("$") + ": " + problem.path("problem").asString("")
                        + " (expected " + problem.path("expected").asString("") + ")");
            }
            return lines;
        }
    }

    /** One attempt: an answer, or the failure to retry after. */
    private record Attempt(Answer answer, String failure) {

        static Attempt answered(Answer answer) {
            return new Attempt(answer, null);
        }

        static Attempt failed(String failure) {
            return new Attempt(null, failure);
        }
    }
}
