package io.portico.gateway.graphql;

import graphql.execution.instrumentation.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cache of parsed and validated documents: DGS hands the {@code PreparsedDocumentProvider} bean to every
 * {@code GraphQL} it builds and chains every {@code Instrumentation} bean into it. Its hits, misses and evictions
 * are the {@code cache.*} meters tagged {@code cache=graphql-documents}.
 */
@Configuration(proxyBeanMethods = false)
public class DocumentCacheConfiguration {

    /** The meters' {@code cache} tag. */
    public static final String METERS_NAME = "graphql-documents";

    @Bean
    public DocumentCache documentCache(DocumentCacheProperties properties, ObjectProvider<MeterRegistry> meters) {
        DocumentCache cache = new DocumentCache(properties.maxDocuments(), properties.maxCharacters());
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            cache.cache().ifPresent(documents -> CaffeineCacheMetrics.monitor(registry, documents, METERS_NAME));
        }
        return cache;
    }

    /** Tells the document cache which schema each request executes against. */
    @Bean
    public Instrumentation documentCacheSchemaInstrumentation(DocumentCache documentCache) {
        return documentCache.instrumentation();
    }
}
