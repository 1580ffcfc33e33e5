package io.portico.gateway.port;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What one port read does with the Arrow batches it receives, in order, as they arrive: collect their values for
 * the GraphQL answer ({@link ColumnarResultCollector#consumer}), forward them to another Flight client without
 * decoding them, count them. One consumer serves one attempt of one read; a retried read gets a new one, and the
 * port's guard retries only before any batch arrived.
 *
 * @param <T> what the read answers once every batch was consumed
 */
public interface BatchConsumer<T> {

    /**
     * Called once, before any batch, with the schema of the port's stream (already checked against the columns
     * the plan expects). Not called when the port's answer has no stream at all.
     *
     * @param allocator the read's own allocator: what the consumer allocates from it must be released by the
     *                  time {@link #finish} returns (the read closes it and fails on a leak)
     */
    void start(Schema schema, BufferAllocator allocator);

    /** One batch; valid only during this call: the read releases it afterwards. */
    void accept(VectorSchemaRoot batch);

    /** The read's answer, once every batch was accepted (or when the port's answer had no stream). */
    T finish();
}
