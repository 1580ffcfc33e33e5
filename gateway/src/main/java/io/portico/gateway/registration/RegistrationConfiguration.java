package io.portico.gateway.registration;

import io.portico.gateway.graphql.RelationshipsProperties;
import io.portico.gateway.graphql.StaticSchemaFiles;
import io.portico.gateway.port.PortChannels;
import io.portico.gateway.registry.PortAdmission;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.usage.ChangeConsumers;
import io.portico.gateway.usage.UsageProperties;
import io.portico.gateway.usage.UsageService;
import io.portico.schema.compose.RelationshipKeyRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Self-serve registration: the validator, endpoint ownership, the service, the listing.
 * {@code portico.registration.check-timeout} (default 5s) bounds how long a candidate's port may take to list its
 * tables; {@code portico.endpoints.*} says who owns which endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    public PortValidator portValidator(BufferAllocator rootAllocator, PortChannels channels,
            StaticSchemaFiles staticSchemaFiles,
            @Value("${portico.registration.check-timeout:5s}") Duration checkTimeout,
            RelationshipsProperties relationships) {
        RelationshipKeyRule keyRule = relationships.keyRule();
        return new PortValidator(rootAllocator, channels, checkTimeout,
                new GraphQlNameCheck(staticSchemaFiles, keyRule), keyRule);
    }

    /**
     * Endpoint ownership. The registry rule reads the registry's ports lazily (the registry itself admits stored
     * ports through {@link EndpointOwnership#admission()}, so it is built after this).
     */
    @Bean
    public EndpointOwnership endpointOwnership(EndpointsProperties endpoints, PortChannels channels,
            BufferAllocator rootAllocator, ObjectProvider<PortRegistry> registry) {
        return new EndpointOwnership(new EndpointBindings(endpoints.bindings()), endpoints.unbound(),
                new PortIdentityCheck(channels, rootAllocator), endpoints.verifyTime(),
                () -> addressesInUse(registry.getObject()));
    }

    /** Stored ports are served only from endpoints their domain owns, whenever they were stored. */
    @Bean
    public PortAdmission storedPortAdmission(EndpointOwnership ownership) {
        return ownership.admission();
    }

    @Bean
    public RegistrationService registrationService(PortRegistry registry, RegistryStore store, PortValidator validator,
            EndpointOwnership ownership, UsageService usage, UsageProperties usageProperties) {
        return new RegistrationService(registry, store, validator, ownership,
                new ChangeConsumers(usage, usageProperties.changeCheckDays()));
    }

    /** The endpoint addresses of every port the registry holds (local and stored, up or down), with their domains. */
    static Map<EndpointAddress, Set<String>> addressesInUse(PortRegistry registry) {
        Map<EndpointAddress, Set<String>> used = new HashMap<>();
        for (PortStatus status : registry.statuses()) {
            EndpointAddress.of(status.location()).ifPresent(address ->
                    used.computeIfAbsent(address, ignored -> new TreeSet<>()).add(status.domain()));
        }
        return used;
    }

    @Bean
    public PortListing portListing(PortRegistry registry, RegistryStore store) {
        return new PortListing(registry, store);
    }
}
