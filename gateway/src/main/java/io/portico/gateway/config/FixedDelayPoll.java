package io.portico.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A poll run every {@code interval} (after the previous one ends) on its own daemon platform thread, for the
 * gateway's readers of the shared registry database. A poll that throws is logged once per outage, at WARN, and its
 * end once, at INFO; the next poll is tried at the next interval either way.
 */
public final class FixedDelayPoll {

    private final String threadName;
    private final Duration interval;
    private final Runnable poll;
    private final Logger log;
    private final String failure;
    private final Supplier<String> recovery;
    private ScheduledExecutorService polls;
    private boolean failing;

    /**
     * @param threadName the poll thread's name
     * @param poll       one poll
     * @param log        where outages are logged
     * @param failure    the WARN message of an outage, with {@code {}} for the error's message and then the interval
     * @param recovery   the INFO message when polls succeed again
     */
    public FixedDelayPoll(String threadName, Duration interval, Runnable poll, Logger log, String failure,
            Supplier<String> recovery) {
        this.threadName = requireNonNull(threadName, "threadName is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.poll = requireNonNull(poll, "poll is null");
        this.log = requireNonNull(log, "log is null");
        this.failure = requireNonNull(failure, "failure is null");
        this.recovery = requireNonNull(recovery, "recovery is null");
    }

    /** Starts polling, the first poll one interval from now. */
    public synchronized void start() {
        polls = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(threadName).daemon(true).factory());
        polls.scheduleWithFixedDelay(this::pollOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling, waiting up to 10 s for a poll under way. */
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = polls;
            polls = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return polls != null;
    }

    private void pollOnce() {
        try {
            poll.run();
            if (failing) {
                failing = false;
                log.info(recovery.get());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn(failure, e.getMessage(), interval, e);
            }
        }
    }
}
