package io.portico.gateway.plan;

/**
 * How a page orders rows by the dataset's primary key, the tie-breaker every connection appends to its
 * {@code orderBy} so that paging is stable.
 */
public enum KeyOrder {

    /** By the key's own values: the caller may see the key as it is. */
    PLAIN,

    /**
     * By a keyed hash of the key, then the key: the caller may not see the key as it is (a policy denies or masks
     * it), so the order of the rows must not follow the key's raw values. The hash is computed at the port with a
     * per-deployment secret ({@link KeyOrderHash}); cursors hold the hash and the key, sealed.
     */
    KEYED_HASH
}
