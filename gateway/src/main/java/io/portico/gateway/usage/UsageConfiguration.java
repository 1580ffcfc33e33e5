package io.portico.gateway.usage;

import io.portico.gateway.security.SecurityProperties;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Usage recording and reports ({@code portico.usage.*}): the store over the registry database, the recorder the
 * audit sink is decorated with ({@code io.portico.gateway.policy.PolicyConfiguration}) and the report service
 * behind the REST, GraphQL and change-check readers.
 */
@Configuration(proxyBeanMethods = false)
public class UsageConfiguration {

    @Bean
    public UsageStore usageStore(DSLContext dsl) {
        return new UsageStore(dsl);
    }

    @Bean(destroyMethod = "close")
    public UsageRecorder usageRecorder(UsageStore store, UsageProperties properties) {
        return new UsageRecorder(store, properties, Clock.systemUTC());
    }

    @Bean
    public UsageService usageService(UsageStore store, UsageProperties properties, SecurityProperties security) {
        return new UsageService(store, security.platformRoles(), properties.retentionDays(),
                Clock.systemUTC());
    }
}
