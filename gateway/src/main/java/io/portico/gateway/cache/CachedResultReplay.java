package io.portico.gateway.cache;

import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.PortFailure;
import io.portico.schema.error.ErrorCode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Hands a cached answer to a reader's consumer as the port had: the same schema, then the same batches, each valid
 * during its call, read from the cached IPC stream into a child allocator of the read (named
 * {@code cache replay <port> #n}) that is closed when the replay ends, so a leak shows up per read. The schema is
 * the one the entry keeps ({@link CachedResult#schema()}, decoded once), so a replay reads only the batches. The
 * consumer masks as it does for the port's own batches: the cache never holds a masked value.
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
             ArrowStreamReader reader = new BatchesReader(result, replayAllocator)) {
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

    /**
     * Arrow's stream reader over the entry's batches (from {@link CachedResult#batchesOffset()} on), whose schema
     * is the entry's instead of a decoding of its schema message: the root, the loading of each batch and the
     * release of its buffers are Arrow's own.
     */
    private static final class BatchesReader extends ArrowStreamReader {

        private final Schema schema;

        BatchesReader(CachedResult result, BufferAllocator allocator) throws IOException {
            super(new ByteArrayReadableSeekableByteChannel(result.ipc()).position(result.batchesOffset()), allocator);
            this.schema = result.schema();
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
