package io.portico.gateway.persisted;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Persisted queries at the GraphQL endpoint, under {@code portico.graphql.persisted-queries}.
 *
 * @param mode          {@code apq} (the default), {@code allow-list} or {@code off} ({@link PersistedQueryMode})
 * @param maxDocuments  the most documents the APQ store keeps (Caffeine chooses which go); at least 1
 * @param maxCharacters the most characters of document text the APQ store keeps in all; at least 1
 * @param manifest      allow-list mode: the operations that may run, a JSON file or a folder of them (every
 *                      {@code *.json} in it), each an Apollo persisted-query manifest or a JSON object of id to
 *                      document; required in that mode, ignored in the others
 */
@ConfigurationProperties("portico.graphql.persisted-queries")
public record PersistedQueriesProperties(
        @DefaultValue("apq") PersistedQueryMode mode,
        @DefaultValue("10000") int maxDocuments,
        @DefaultValue("16777216") long maxCharacters,
        Path manifest) {

    private static final String PREFIX = "portico.graphql.persisted-queries.";

    public PersistedQueriesProperties {
        if (maxDocuments < 1) {
            throw new IllegalArgumentException(PREFIX + "max-documents must be at least 1, was " + maxDocuments);
        }
        if (maxCharacters < 1) {
            throw new IllegalArgumentException(PREFIX + "max-characters must be at least 1, was " + maxCharacters);
        }
        if (mode == PersistedQueryMode.ALLOW_LIST && manifest == null) {
            throw new IllegalArgumentException(PREFIX + "mode is allow-list but " + PREFIX + "manifest is not set:"
                    + " set it to the manifest file (or folder of manifests) of the operations that may run");
        }
    }
}
