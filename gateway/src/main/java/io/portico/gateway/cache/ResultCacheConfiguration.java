package io.portico.gateway.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.store.RegistryStore;
import java.time.Clock;
import java.util.concurrent.ForkJoinPool;
import org.apache.arrow.memory.BufferAllocator;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The result cache ({@code portico.cache.*}): the cache itself, which the schema wiring reads every port through,
 * its invalidations in the registry database and their poller, and the invalidation service behind the REST and
 * GraphQL endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class ResultCacheConfiguration {

    @Bean(destroyMethod = "close")
    public ResultCache resultCache(ResultCacheProperties properties, BufferAllocator rootAllocator,
            ObjectProvider<MeterRegistry> meters) {
        return new ResultCache(properties, rootAllocator, meters.getIfUnique(SimpleMeterRegistry::new),
                Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    @Bean
    public CacheInvalidations cacheInvalidations(DSLContext dsl) {
        return new CacheInvalidations(dsl, Clock.systemUTC());
    }

    @Bean
    public CacheInvalidationSynchronizer cacheInvalidationSynchronizer(ResultCache cache,
            CacheInvalidations invalidations, ResultCacheProperties properties) {
        return new CacheInvalidationSynchronizer(cache, invalidations, properties.invalidationPollInterval());
    }

    @Bean
    public CacheInvalidationService cacheInvalidationService(ResultCache cache, CacheInvalidations invalidations,
            PortRegistry registry, RegistryStore store, CacheInvalidationSynchronizer synchronizer) {
        return new CacheInvalidationService(cache, invalidations, registry, store, synchronizer);
    }
}
