package io.portico.gateway.cache;

import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.PortFailure;
import io.portico.schema.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Hands a cached answer to a reader's consumer as the port had: the same schema, then the same batches, each valid
 * during its call, read from the cached IPC stream into a child allocator of the read (named
 * {@code cache replay <port> #n}) that is closed when the replay ends, so a leak shows up per read. The consumer
 * masks as it does for the port's own batches: the cache never holds a masked value.
 */
final class CachedResultReplay {

    private final BufferAllocator allocator;
    private final AtomicLong replays = new AtomicLong();

    /** @param allocator the cache's allocator; each replay takes a child of it */
    CachedResultReplay(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    <T> T replay(String portId, CachedResult result, BatchConsumer<T> consumer) {
        if (result.ipc() == null) {
            return consumer.finish();
        }
        String name = "cache replay " + portId + " #" + replays.incrementAndGet();
        try (BufferAllocator replayAllocator = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(result.ipc()),
                     replayAllocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            consumer.start(root.getSchema(), replayAllocator);
            while (reader.loadNextBatch()) {
                consumer.accept(root);
            }
            return consumer.finish();
        } catch (IOException e) {
            throw new PortFailure(ErrorCode.INTERNAL, portId, "the gateway could not read its cached answer of port '"
                    + portId + "' (" + e.getMessage() + "); see the gateway log", e);
        }
    }
}
