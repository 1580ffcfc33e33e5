package io.portico.gateway.cache;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One port answer as the cache keeps it: the port's unmasked Arrow batches as one Arrow IPC stream on the heap
 * (no off-heap memory is held between reads, so nothing needs closing on eviction), with its schema decoded once
 * when the entry was made, so a hit replays only the batches; or no stream at all when the port answered without
 * one.
 *
 * @param ipc           the Arrow IPC stream (schema, batches, end of stream); null when the port sent no stream
 * @param schema        the stream's schema as its schema message decodes; null when there is no stream
 * @param batchesOffset where the batches begin in {@code ipc}, after the schema message
 * @param rows          how many rows it holds
 * @param ttlNanos      how long it may be served, from when it was loaded
 */
record CachedResult(byte[] ipc, Schema schema, int batchesOffset, long rows, long ttlNanos) {

    CachedResult {
        if ((ipc == null) != (schema == null)) {
            throw new IllegalArgumentException("a stream and its schema are kept together");
        }
    }

    /** The bytes it holds. */
    int bytes() {
        return ipc == null ? 0 : ipc.length;
    }
}
