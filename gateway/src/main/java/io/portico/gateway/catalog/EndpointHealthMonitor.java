package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.PlatformThreads;
import io.portico.gateway.port.FlightErrors;
import io.portico.gateway.registry.RegistryLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the health of every catalog endpoint current: every {@code interval} it pings each Flight SQL endpoint
 * the catalog names ({@link FlightSqlPing}: {@code GetSqlInfo}, bounded by {@code timeout}), all in parallel, and
 * records when it checked, whether the endpoint answered and how long the round trip took.
 *
 * <p>The first round runs when the monitor starts, right after the start-up ports are registered
 * ({@link #PHASE}). {@link #health} and {@link #all} are what the catalog (and anything else, e.g. an Actuator
 * endpoint) reads; they never call an endpoint.
 */
public final class EndpointHealthMonitor implements SmartLifecycle, AutoCloseable {

    /** After the start-up ports are registered and the stored ones loaded ({@code RegistrySynchronizer}). */
    public static final int PHASE = RegistryLifecycle.PHASE + 2;

    private static final Logger LOG = LoggerFactory.getLogger(EndpointHealthMonitor.class);

    private final Supplier<? extends Map<String, String>> endpoints;
    private final FlightSqlPing ping;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final Consumer<String> answered;
    private final Map<String, EndpointHealth> healthByUrl = new ConcurrentHashMap<>();
    private final Object rounds = new Object();
    private ScheduledExecutorService schedule;

    /**
     * @param endpoints the Flight SQL URLs to check, each with the domain whose credential it is asked with;
     *                  asked before every round
     * @param ping      how to check one
     * @param interval  the pause between two rounds
     * @param timeout   the most one check may take
     * @param clock     the time of checks
     */
    EndpointHealthMonitor(Supplier<? extends Map<String, String>> endpoints, FlightSqlPing ping, Duration interval,
            Duration timeout, Clock clock) {
        this(endpoints, ping, interval, timeout, clock, url -> { });
    }

    /**
     * @param answered told the URL of every endpoint that answered a check, after its health is recorded (the
     *                 gateway's port clients: a port that answers gets its circuit breaker closed and its failed
     *                 channel dropped, so queries agree with what the catalog and the health endpoint say)
     */
    EndpointHealthMonitor(Supplier<? extends Map<String, String>> endpoints, FlightSqlPing ping, Duration interval,
            Duration timeout, Clock clock, Consumer<String> answered) {
        this.answered = requireNonNull(answered, "answered is null");
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
        this.ping = requireNonNull(ping, "ping is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The last check of an endpoint; empty when it was not checked yet. */
    public Optional<EndpointHealth> health(String url) {
        return Optional.ofNullable(healthByUrl.get(url));
    }

    /** The last check of every endpoint checked, by URL, sorted. */
    public Map<String, EndpointHealth> all() {
        return Collections.unmodifiableMap(new TreeMap<>(healthByUrl));
    }

    /** Checks every endpoint now, in parallel, and returns when all are checked (at most about the timeout). */
    public void checkNow() {
        synchronized (rounds) {
            Map<String, String> domains = new TreeMap<>(endpoints.get());
            Set<String> urls = domains.keySet();
            ping.retainOnly(domains);
            healthByUrl.keySet().retainAll(urls);
            List<Future<EndpointHealth>> checks = new ArrayList<>(urls.size());
            try (ExecutorService threads = Executors.newFixedThreadPool(PlatformThreads.PARALLEL_PROBES,
                PlatformThreads.named("endpoint-health-"))) {
                for (Map.Entry<String, String> endpoint : domains.entrySet()) {
                    checks.add(threads.submit(() -> check(endpoint.getKey(), endpoint.getValue())));
                }
                int index = 0;
                for (String url : urls) {
                    EndpointHealth health = checks.get(index++).get();
                    record(url, health);
                    if (health.state() == EndpointHealth.State.UP) {
                        answered.accept(url);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("an endpoint health check failed unexpectedly: {}", e.getCause().toString(), e.getCause());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (schedule != null) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("portico-endpoint-health").daemon(true).factory());
        schedule.scheduleWithFixedDelay(this::checkLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (schedule == null) {
            return;
        }
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        schedule = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Stops checking and closes the endpoint clients. */
    @Override
    public void close() {
        stop();
        synchronized (rounds) {
            ping.close();
        }
    }

    private void checkLogged() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warn("checking the health of the catalog's endpoints failed: {}", e.getMessage(), e);
        }
    }

    /**
     * Checks one endpoint. The health's message names neither the endpoint nor what it answered beyond its status
     * (an answer may name addresses); the log has the details.
     */
    private EndpointHealth check(String url, String domain) {
        Instant at = clock.instant();
        try {
            Duration latency = ping.ping(url, domain, timeout);
            return new EndpointHealth(EndpointHealth.State.UP, at, latency, String.format(Locale.ROOT,
                    "answered Flight SQL GetSqlInfo in %.1f ms", latency.toNanos() / 1_000_000.0));
        } catch (FlightRuntimeException e) {
            LOG.debug("endpoint {} did not answer the health check: {} {}", url, e.status().code(),
                    FlightErrors.messageOf(e.status()));
            return new EndpointHealth(EndpointHealth.State.DOWN, at, null, "did not answer the health check"
                    + " (Flight SQL GetSqlInfo, at most " + timeout.toMillis() + " ms): " + e.status().code() + ". Queries"
                    + " to its datasets fail until it answers; ask the team that owns the port to check that it runs.");
        } catch (RuntimeException e) {
            LOG.debug("endpoint {} cannot be checked: {}", url, e.getMessage());
            return new EndpointHealth(EndpointHealth.State.DOWN, at, null, "cannot be checked: its Flight SQL URL is"
                    + " not usable. Use a Flight SQL URL such as grpc+tcp://host:31337.");
        }
    }

    private void record(String url, EndpointHealth health) {
        EndpointHealth previous = healthByUrl.put(url, health);
        EndpointHealth.State before = previous == null ? EndpointHealth.State.UNKNOWN : previous.state();
        if (before == health.state()) {
            return;
        }
        if (health.state() == EndpointHealth.State.UP) {
            LOG.info("endpoint {} {}", url, health.message());
        } else {
            LOG.warn("endpoint {} is down: {}", url, health.message());
        }
    }
}
