package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Registers the start-up contracts and installs the first schema before the web server takes requests, then
 * retries unreachable ports in the background until the gateway stops: a second after a port is found down, then
 * with the wait doubling up to {@code portico.ports.retry-interval} ({@link RetryBackoff}); every attempt that
 * leaves a port down logs one line naming the port, its address and why.
 */
public final class RegistryLifecycle implements SmartLifecycle {

    /** Before the web server (which starts in a later phase) so the first request finds a schema. */
    public static final int PHASE = 0;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryLifecycle.class);

    private final PortRegistry registry;
    private final List<PortContractSource> sources;
    private final Duration retryInterval;
    private ScheduledExecutorService retries;
    /** Used by the one retry thread only (and by start, before that thread runs). */
    private RetryBackoff backoff;

    public RegistryLifecycle(PortRegistry registry, List<PortContractSource> sources, Duration retryInterval) {
        this.registry = requireNonNull(registry, "registry is null");
        this.sources = List.copyOf(sources);
        this.retryInterval = requireNonNull(retryInterval, "retryInterval is null");
    }

    @Override
    public synchronized void start() {
        List<OutputPortContract> contracts = new ArrayList<>();
        sources.forEach(source -> contracts.addAll(source.contracts()));
        if (contracts.isEmpty()) {
            LOG.warn("no output ports configured (portico.ports.contracts is empty and the demo is off);"
                    + " serving the ports published through the registry, if any");
            registry.rebuild();
        } else {
            registry.registerAll(contracts);
        }
        retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("portico-port-retry").daemon(true).factory());
        backoff = new RetryBackoff(retryInterval, downPorts());
        schedule(retries, backoff.first());
    }

    @Override
    public synchronized void stop() {
        if (retries == null) {
            return;
        }
        retries.shutdownNow();
        try {
            retries.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retries = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return retries != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** One attempt, then the next one after the backoff's wait; until the executor is shut down. */
    private void retryDownPorts(ScheduledExecutorService executor) {
        Duration next;
        try {
            registry.retryDownPorts();
            next = backoff.next(downPorts());
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                LOG.debug("a retry of unreachable ports ended with the gateway: {}", e.getMessage());
                return;
            }
            LOG.warn("retrying unreachable ports failed: {}", e.getMessage(), e);
            next = retryInterval;
        }
        schedule(executor, next);
    }

    private void schedule(ScheduledExecutorService executor, Duration delay) {
        try {
            executor.schedule(() -> retryDownPorts(executor), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("the port retries stopped");
        }
    }

    private Set<String> downPorts() {
        return registry.statuses().stream()
                .filter(status -> !status.up())
                .map(PortStatus::portId)
                .collect(Collectors.toUnmodifiableSet());
    }
}
