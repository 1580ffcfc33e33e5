package io.portico.gateway.persisted;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Persisted queries: the APQ store (its hits, misses and evictions are the {@code cache.*} meters tagged
 * {@code cache=graphql-persisted-queries}) and, in allow-list mode, the manifest, read once at start (a manifest
 * that cannot be read stops the gateway).
 */
@Configuration(proxyBeanMethods = false)
public class PersistedQueriesConfiguration {

    /** The meters' {@code cache} tag. */
    public static final String METERS_NAME = "graphql-persisted-queries";

    private static final Logger LOG = LoggerFactory.getLogger(PersistedQueriesConfiguration.class);

    @Bean
    public PersistedQueries persistedQueries(PersistedQueriesProperties properties, JsonMapper json,
            ObjectProvider<MeterRegistry> meters) {
        PersistedQueryStore store = new PersistedQueryStore(properties.maxDocuments(), properties.maxCharacters());
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, store.cache(), METERS_NAME);
        }
        PersistedQueryManifest manifest = null;
        if (properties.mode() == PersistedQueryMode.ALLOW_LIST) {
            manifest = PersistedQueryManifest.read(properties.manifest(), json);
            LOG.info("GraphQL allow-list mode: only the {} operations of {} run", manifest.size(),
                    properties.manifest());
        }
        return new PersistedQueries(properties.mode(), store, manifest);
    }
}
