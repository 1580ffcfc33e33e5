package io.portico.gateway.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * The documents clients registered by the APQ protocol, by their SHA-256 (lowercase hex): bounded by a number of
 * documents and of characters (each document weighs its length, and at least {@code maxCharacters / maxDocuments}),
 * Caffeine choosing which go. It holds document texts only, never a result, so what it serves cannot differ by who
 * asks; a client whose document was evicted is answered {@code PERSISTED_QUERY_NOT_FOUND} and sends it again.
 */
public final class PersistedQueryStore {

    private final Cache<String, String> documents;

    public PersistedQueryStore(int maxDocuments, long maxCharacters) {
        if (maxDocuments < 1 || maxCharacters < 1) {
            throw new IllegalArgumentException("maxDocuments and maxCharacters must be at least 1, were "
                    + maxDocuments + " and " + maxCharacters);
        }
        int lightest = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(maxCharacters, maxDocuments));
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxCharacters)
                .weigher((String hash, String document) -> Math.max(lightest, document.length()))
                .recordStats()
                .build();
    }

    /** The document registered under {@code sha256}, if it is still held. */
    public Optional<String> document(String sha256) {
        return Optional.ofNullable(documents.getIfPresent(sha256));
    }

    /** Keeps {@code document} under its {@code sha256}, which the caller has checked. */
    public void register(String sha256, String document) {
        documents.put(sha256, document);
    }

    /** The underlying cache, for metrics. */
    public Cache<String, String> cache() {
        return documents;
    }
}
