package io.portico.gateway.answers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The cache of whole GraphQL answers ({@link AnswerCache}), under {@code portico.cache.answers}. It keeps answers
 * only while the result cache ({@code portico.cache.*}) keeps every port answer they were made of, so it does
 * nothing when the result cache is off.
 *
 * @param enabled        whether whole answers are kept at all
 * @param maxBytes       the most bytes of answers (their JSON) kept in all
 * @param maxEntryBytes  an answer larger than this is not kept (its port answers still are)
 */
@ConfigurationProperties("portico.cache.answers")
public record AnswerCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64MB") DataSize maxBytes,
        @DefaultValue("1MB") DataSize maxEntryBytes) {

    public AnswerCacheProperties {
        if (maxBytes.toBytes() < 0 || maxEntryBytes.toBytes() < 0) {
            throw new IllegalArgumentException(
                    "portico.cache.answers.max-bytes and max-entry-bytes must not be negative");
        }
        if (maxEntryBytes.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("portico.cache.answers.max-entry-bytes must be below 1GB, was "
                    + maxEntryBytes);
        }
    }
}
