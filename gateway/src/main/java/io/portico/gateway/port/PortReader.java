package io.portico.gateway.port;

import io.portico.gateway.plan.PortQuery;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Runs one planned statement at one port and hands its Arrow batches to a {@link BatchConsumer} as they arrive.
 * The seam between the read path and the Flight client ({@link FlightPortClient}, which guards each call with its
 * port's bulkhead, circuit breaker and deadline): whatever wraps a port reader, a result cache say, sits outside
 * those guards. Collecting the values for a GraphQL answer is one consumer ({@link #read}); forwarding the batches
 * undecoded to another Flight client is another.
 */
public interface PortReader {

    /**
     * Streams the statement's result through a consumer.
     *
     * @param portId          the port's contract id, for errors and metrics
     * @param query           the statement, values inlined by jOOQ
     * @param expectedColumns the columns the statement must return, or null to accept whatever it returns
     * @param consumers       a new consumer for each attempt of the read
     * @throws PortFailure a {@code PORT_*} or {@code STATEMENT_REFUSED} error, or {@code PORT_SCHEMA_DRIFT} when the
     *                     result does not have the expected columns
     */
    <T> T stream(String portId, PortQuery query, List<Field> expectedColumns,
            Supplier<? extends BatchConsumer<T>> consumers);

    /**
     * Streams a whole result, however long it takes, for a front door that forwards batches to a client as they
     * arrive (the Flight SQL endpoint): the port's call timeout bounds the call up to its stream, and
     * {@code streamTimeout} the stream itself, so a large result or a slow client (whose backpressure slows the
     * port) is not cut at the port's call timeout. The guards (bulkhead, breaker, retry before any batch) are those
     * of {@link #stream}.
     *
     * @param streamTimeout how long the stream may take, from its first request to its last batch
     * @throws PortFailure as {@link #stream}
     */
    default <T> T pull(String portId, PortQuery query, List<Field> expectedColumns, java.time.Duration streamTimeout,
            Supplier<? extends BatchConsumer<T>> consumers) {
        return stream(portId, query, expectedColumns, consumers);
    }

    /**
     * Collects the statement's rows, columns masked as {@code masks} says on each batch before any value is read.
     *
     * @param expectedRows a hint for how many rows come back (e.g. the LIMIT), or 0
     * @param masks        the masks by column position; {@link ColumnMasks#NONE} for none
     * @throws PortFailure as {@link #stream}
     */
    default ColumnarResult read(String portId, PortQuery query, List<Field> expectedColumns, int expectedRows,
            ColumnMasks masks) {
        return stream(portId, query, expectedColumns, () -> ColumnarResultCollector.consumer(expectedRows, masks));
    }
}
