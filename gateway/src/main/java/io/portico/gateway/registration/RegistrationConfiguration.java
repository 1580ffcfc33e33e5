package io.portico.gateway.registration;

import io.portico.gateway.config.PorticoProperties;
import io.portico.gateway.graphql.StaticSchemaFiles;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.schema.compose.RelationshipKeyRule;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Self-serve registration: the validator, the service, the listing. {@code portico.registration.check-timeout}
 * (default 5s) bounds how long a candidate's port may take to list its tables.
 */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    public PortValidator portValidator(BufferAllocator rootAllocator, StaticSchemaFiles staticSchemaFiles,
            @Value("${portico.registration.check-timeout:5s}") Duration checkTimeout, PorticoProperties properties) {
        RelationshipKeyRule keyRule = properties.relationships().keyRule();
        return new PortValidator(rootAllocator, checkTimeout, new GraphQlNameCheck(staticSchemaFiles, keyRule),
                keyRule);
    }

    @Bean
    public RegistrationService registrationService(PortRegistry registry, RegistryStore store, PortValidator validator) {
        return new RegistrationService(registry, store, validator);
    }

    @Bean
    public PortListing portListing(PortRegistry registry, RegistryStore store) {
        return new PortListing(registry, store);
    }
}
