package io.portico.gateway.tracing;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.PortReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A port's reader whose every read is a {@code port call} span, current while the read runs (so the port's Flight
 * calls carry it, see {@link io.portico.flight.tracing.TraceContextClientInterceptor}), with the port id, the
 * statement's signature (its text with placeholders, never a value of the request), the rows and bytes of Arrow
 * buffers it received, and whether the result cache answered it ({@link #CACHE_HIT}, set by the cache).
 */
public final class TracingPortReader implements PortReader {

    public static final AttributeKey<String> PORT_ID = AttributeKey.stringKey("portico.port.id");
    public static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("portico.statement.signature");
    public static final AttributeKey<Long> ROWS = AttributeKey.longKey("portico.rows");
    public static final AttributeKey<Long> BYTES = AttributeKey.longKey("portico.bytes");
    /** Set on the current span by the result cache: whether it answered the read. */
    public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("portico.cache.hit");

    private final PortReader port;
    private final GatewayTracing tracing;

    public TracingPortReader(PortReader port, GatewayTracing tracing) {
        this.port = requireNonNull(port, "port is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
    }

    @Override
    public <T> T stream(String portId, PortQuery query, List<Field> expectedColumns,
            Supplier<? extends BatchConsumer<T>> consumers) {
        return traced(portId, query, consumers, counted -> port.stream(portId, query, expectedColumns, counted));
    }

    @Override
    public <T> T pull(String portId, PortQuery query, List<Field> expectedColumns, Duration streamTimeout,
            Supplier<? extends BatchConsumer<T>> consumers) {
        return traced(portId, query, consumers,
                counted -> port.pull(portId, query, expectedColumns, streamTimeout, counted));
    }

    private <T> T traced(String portId, PortQuery query, Supplier<? extends BatchConsumer<T>> consumers,
            java.util.function.Function<Supplier<? extends BatchConsumer<T>>, T> read) {
        Span span = tracing.start("port call");
        AtomicLong rows = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute(PORT_ID, portId);
            span.setAttribute(STATEMENT, query.sql());
            return read.apply(() -> new Counting<>(consumers.get(), rows, bytes));
        } catch (RuntimeException | Error e) {
            GatewayTracing.failed(span, e);
            throw e;
        } finally {
            span.setAttribute(ROWS, rows.get());
            span.setAttribute(BYTES, bytes.get());
            span.end();
        }
    }

    /** Counts what passes through to the read's consumer. */
    private record Counting<T>(BatchConsumer<T> consumer, AtomicLong rows, AtomicLong bytes)
            implements BatchConsumer<T> {

        @Override
        public void start(Schema schema, BufferAllocator allocator) {
            consumer.start(schema, allocator);
        }

        @Override
        public void accept(VectorSchemaRoot batch) {
            rows.addAndGet(batch.getRowCount());
            long size = 0;
            for (FieldVector vector : batch.getFieldVectors()) {
                size += vector.getBufferSize();
            }
            bytes.addAndGet(size);
            consumer.accept(batch);
        }

        @Override
        public T finish() {
            return consumer.finish();
        }
    }
}
