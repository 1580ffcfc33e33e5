package io.portico.gateway.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache of parsed and validated GraphQL documents ({@link DocumentCache}), under
 * {@code portico.query.document-cache}.
 *
 * @param maxDocuments  the most distinct documents kept (per schema and operation name); 0 turns the cache off, so
 *                      every request is parsed and validated
 * @param maxCharacters the most characters of document text kept in all; with {@code maxDocuments} it bounds the
 *                      memory of the parsed documents (a document holds roughly 20 to 50 bytes of syntax tree per
 *                      character)
 */
@ConfigurationProperties("portico.query.document-cache")
public record DocumentCacheProperties(
        @DefaultValue("1000") int maxDocuments,
        @DefaultValue("1048576") long maxCharacters) {

    public DocumentCacheProperties {
        if (maxDocuments < 0) {
            throw new IllegalArgumentException("portico.query.document-cache.max-documents must not be negative, was "
                    + maxDocuments);
        }
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("portico.query.document-cache.max-characters must be at least 1, was "
                    + maxCharacters);
        }
    }
}
