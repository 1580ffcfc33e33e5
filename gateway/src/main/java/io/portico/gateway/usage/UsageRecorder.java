package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.PlatformThreads;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditSink;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who reads what, off the request path: {@link #decorate} wraps the gateway's audit sink so that every
 * audited request, after its event is recorded, is also offered to a bounded queue (no lock held, no I/O, no
 * waiting: a full queue drops the event and counts it). One thread of its own drains the queue into a
 * {@link UsageAggregator} and, every {@code flush-interval}, adds the aggregate to the registry database
 * ({@link UsageStore}) and deletes the days past {@code retention-days}. {@link #close()} flushes what is left.
 */
public final class UsageRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final Duration DRAIN_INTERVAL = Duration.ofMillis(200);

    private final UsageStore store;
    private final UsageProperties properties;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> queue;
    private final UsageAggregator aggregator;
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final ScheduledExecutorService thread;
    private long lastFlushNanos = System.nanoTime();

    public UsageRecorder(UsageStore store, UsageProperties properties, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.queue = new ArrayBlockingQueue<>(properties.maxQueuedEvents());
        this.aggregator = new UsageAggregator(properties.maxPendingKeys());
        this.thread = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("portico-usage-"));
        long drainMillis = Math.min(DRAIN_INTERVAL.toMillis(), properties.flushInterval().toMillis());
        thread.scheduleWithFixedDelay(this::drainAndMaybeFlush, drainMillis, drainMillis, TimeUnit.MILLISECONDS);
    }

    /** {@code sink}, whose every recorded event is also counted here; closing it does not close this recorder. */
    public AuditSink decorate(AuditSink sink) {
        requireNonNull(sink, "sink is null");
        return new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                sink.record(event);
                offer(event);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    /** Queues an event to be counted; drops and counts it when the queue is full. Never blocks. */
    public void offer(AuditEvent event) {
        if (!queue.offer(event)) {
            droppedEvents.incrementAndGet();
        }
    }

    /** Events dropped since start because the queue was full. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Flushes completed since start. */
    public long flushes() {
        return flushes.get();
    }

    private void drainAndMaybeFlush() {
        try {
            drain();
            if (System.nanoTime() - lastFlushNanos >= properties.flushInterval().toNanos()) {
                flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("usage: could not record usage ({}); these counts are lost", e.getMessage());
        }
    }

    private void drain() {
        AuditEvent event;
        while ((event = queue.poll()) != null) {
            aggregator.add(event);
        }
    }

    private void flush() {
        lastFlushNanos = System.nanoTime();
        long droppedBefore = aggregator.droppedReads();
        List<UsageDelta> deltas = aggregator.drain();
        store.add(deltas);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        store.deleteBefore(today.minusDays(properties.retentionDays() - 1L));
        flushes.incrementAndGet();
        if (aggregator.droppedReads() > droppedBefore || droppedEvents.get() > 0) {
            LOG.debug("usage: {} event(s) dropped (queue full), {} read(s) dropped (max-pending-keys) since start",
                    droppedEvents.get(), aggregator.droppedReads());
        }
    }

    /** Reads dropped because {@code max-pending-keys} keys were pending, since start. */
    public long droppedReads() {
        try {
            return thread.submit(aggregator::droppedReads).get();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the thread, then counts and flushes what was queued. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
                return;
            }
            drain();
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("usage: the last flush failed ({}); these counts are lost", e.getMessage());
        }
    }
}
