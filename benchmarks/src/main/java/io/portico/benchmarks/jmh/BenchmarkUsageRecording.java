package io.portico.benchmarks.jmh;

import io.portico.gateway.usage.UsageAggregator;
import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditField;
import io.portico.policies.audit.AuditOperation;
import io.portico.policies.audit.AuditOutcome;
import io.portico.policies.audit.AuditSubject;
import io.portico.policies.model.Effect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What usage recording costs one audited request, in CPU: the request thread's part ({@code offer}: the event
 * offered to the recorder's bounded queue, and taken off it again by the recorder's thread, uncontended) and the
 * recorder thread's part ({@code aggregate}: the event counted into the {@link UsageAggregator}, per (day, dataset,
 * field, subject) key). Both run on the gateway's cores, so their sum is the CPU a request pays for usage; compare
 * it with a small query's CPU (the machine's cores divided by its requests per second, {@code ./portico bench
 * small}). The flush to the registry database (one batched statement per {@code flush-interval}, keys aggregated
 * per day) is amortized over every request of the interval and left out.
 *
 * <p>The event is a small dashboard query's: one dataset, {@code fields} fields read (one of them masked), the
 * subject one of {@code subjects} distinct callers, so the aggregator holds {@code fields x subjects} keys.
 *
 * <p>Run: {@code ./portico bench jmh BenchmarkUsageRecording}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BenchmarkUsageRecording {

    /** Fields the request read from its dataset. */
    @Param({"4", "12"})
    public int fields;

    /** Distinct subjects asking, in turn. */
    @Param({"1", "1000"})
    public int subjects;

    private final ArrayBlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(10_000);
    private UsageAggregator aggregator;
    private AuditEvent[] events;
    private int next;

    @Setup
    public void setUp() {
        aggregator = new UsageAggregator(100_000);
        Instant now = Instant.now();
        List<AuditField> read = new ArrayList<>();
        for (int field = 0; field < fields; field++) {
            read.add(field == 1
                    ? new AuditField("field" + field, Effect.MASK, "mask-personal-data", "redact")
                    : new AuditField("field" + field, Effect.ALLOW, "default", null));
        }
        AuditDataset dataset = new AuditDataset("urn:odcs:sales:orders:orders", read, List.of(), List.of(), 10);
        events = new AuditEvent[subjects];
        for (int subject = 0; subject < subjects; subject++) {
            events[subject] = new AuditEvent(now, "request-" + subject, null,
                    new AuditSubject("subject-" + subject, List.of("analyst"), List.of("finance"), List.of()),
                    new AuditOperation("Dashboard", "0".repeat(64)), "graphql", List.of(dataset),
                    Duration.ofMillis(1), AuditOutcome.OK, List.of());
        }
    }

    private AuditEvent nextEvent() {
        AuditEvent event = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        return event;
    }

    /** The request thread's part: the event into the recorder's queue, and out again as its thread takes it. */
    @Benchmark
    public AuditEvent offer() {
        queue.offer(nextEvent());
        return queue.poll();
    }

    /** The recorder thread's part: the event's reads counted. */
    @Benchmark
    public int aggregate() {
        aggregator.add(nextEvent());
        return aggregator.pendingKeys();
    }
}
