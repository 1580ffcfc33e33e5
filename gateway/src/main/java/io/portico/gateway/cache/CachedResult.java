package io.portico.gateway.cache;

/**
 * One port answer as the cache keeps it: the port's unmasked Arrow batches as one Arrow IPC stream on the heap
 * (no off-heap memory is held between reads, so nothing needs closing on eviction), or no stream at all when the
 * port answered without one.
 *
 * @param ipc      the Arrow IPC stream (schema, batches, end of stream); null when the port sent no stream
 * @param rows     how many rows it holds
 * @param ttlNanos how long it may be served, from when it was loaded
 */
record CachedResult(byte[] ipc, long rows, long ttlNanos) {

    /** The bytes it holds. */
    int bytes() {
        return ipc == null ? 0 : ipc.length;
    }
}
