package io.portico.gateway.persisted;

/** Which documents the GraphQL endpoint runs, and how clients may send them by hash. */
public enum PersistedQueryMode {

    /**
     * Automatic persisted queries (the Apollo APQ protocol): any document runs; a client may send a document's
     * SHA-256 instead of its text once the gateway holds it, and registers it by sending both.
     */
    APQ,

    /**
     * Only the operations of the configured manifest run, sent by their id or as their identical text; nothing can
     * be registered, and any other document is refused before it is parsed.
     */
    ALLOW_LIST,

    /** No persisted queries: a request with the {@code persistedQuery} extension is answered "not supported". */
    OFF
}
