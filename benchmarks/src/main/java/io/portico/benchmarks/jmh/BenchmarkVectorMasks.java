package io.portico.benchmarks.jmh;

import io.portico.policies.mask.HashKey;
import io.portico.policies.mask.Mask;
import io.portico.policies.mask.MaskKind;
import io.portico.policies.mask.VectorMasker;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking one string column of a port's answer before JSON, as the gateway does for each role after its cache.
 *
 * <p>Workload: one {@code VarCharVector} of 100,000 values built once in {@code @Setup} (seed 42): 5% null, the
 * rest like the demo's {@code crm.customers} confidential columns, e-mail addresses (about 25 bytes, ASCII) and
 * full names with accented letters (about 14 bytes, some 2-byte code points), alternating. Each operation is one
 * {@link VectorMasker#mask(FieldVector, Mask, HashKey, BufferAllocator)} call over the whole column: a new masked
 * vector, then closed. Not included: reading the port's answer, JSON.
 *
 * <p>{@code mask}: {@code redact}, {@code show-last-4} (counts code points, then redacts all but the last 4),
 * {@code hash} (HMAC-SHA256 per value, 64 hex digits out).
 *
 * <p>The score is values per second (one operation is one value: {@code @OperationsPerInvocation(100_000)}).
 * Run: {@code ./portico bench jmh BenchmarkVectorMasks} (JMH options follow, e.g.
 * {@code -f 1 -wi 2 -i 3 -w 1s -r 2s} for a quick look, {@code -p mask=hash} for one mask).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchmarkVectorMasks.VALUES)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BenchmarkVectorMasks {

    static final int VALUES = 100_000;
    private static final String[] FIRST_NAMES = {"Ana", "José", "Zoë", "Björn", "Chloé", "Liam", "Noémie", "Oskar"};
    private static final String[] LAST_NAMES = {"Lima", "Müller", "García", "Nowak", "Fernández", "Chen", "Ødegård"};

    @Param({"redact", "show-last-4", "hash"})
    public String mask;

    private BufferAllocator allocator;
    private VarCharVector column;
    private Mask policyMask;
    private HashKey key;

    @Setup(Level.Trial)
    public void buildTheColumn() {
        allocator = new RootAllocator();
        column = new VarCharVector("customer", allocator);
        column.allocateNew(25L * VALUES, VALUES);
        Random random = new Random(42);
        for (int index = 0; index < VALUES; index++) {
            if (random.nextInt(100) < 5) {
                continue;
            }
            column.setSafe(index, value(random, index).getBytes(StandardCharsets.UTF_8));
        }
        column.setValueCount(VALUES);
        policyMask = Mask.of(MaskKind.fromPolicyName(mask).orElseThrow());
        key = HashKey.random(new SecureRandom());
        checkOneOperation();
    }

    @TearDown(Level.Trial)
    public void closeTheColumn() {
        column.close();
        allocator.close();
    }

    /** @return the masked column's value bytes, so the work cannot be optimised away */
    @Benchmark
    public long maskTheColumn() {
        try (FieldVector masked = VectorMasker.mask(column, policyMask, key, allocator)) {
            return ((VarCharVector) masked).sizeOfValueBuffer();
        }
    }

    private static String value(Random random, int index) {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        if (index % 2 == 0) {
            return first + " " + last;
        }
        return (first + "." + last + random.nextInt(1000) + "@example.com").toLowerCase(Locale.ROOT);
    }

    /** Fails the trial unless one operation masks every value and keeps every null. */
    private void checkOneOperation() {
        try (FieldVector masked = VectorMasker.mask(column, policyMask, key, allocator)) {
            if (masked.getValueCount() != VALUES || masked.getNullCount() != column.getNullCount()) {
                throw new IllegalStateException("masked " + masked.getValueCount() + " values with "
                        + masked.getNullCount() + " nulls, expected " + VALUES + " with " + column.getNullCount());
            }
            for (int index = 0; index < VALUES; index++) {
                if (!column.isNull(index) && masked.getObject(index).equals(column.getObject(index))) {
                    throw new IllegalStateException("value " + index + " came out unmasked: " + column.getObject(index));
                }
            }
        }
    }
}
