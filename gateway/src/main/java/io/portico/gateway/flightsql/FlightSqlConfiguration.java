package io.portico.gateway.flightsql;

import io.portico.gateway.graphql.QueryProperties;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.read.ServedDatasets;
import io.portico.gateway.security.SubjectResolver;
import io.portico.gateway.security.TrustedIssuersJwtDecoder;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.policies.audit.AuditSink;
import java.time.Clock;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Flight SQL endpoint's beans, when {@code portico.flight-sql.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("portico.flight-sql.enabled")
public class FlightSqlConfiguration {

    @Bean
    public FlightSqlEndpoint flightSqlEndpoint(FlightSqlProperties properties, ServedDatasets served,
            QueryPolicies policies, AuditSink audit, TrustedIssuersJwtDecoder decoder, SubjectResolver subjects,
            ObjectProvider<Clock> clock, BufferAllocator rootAllocator, QueryProperties query,
            GatewayTracing tracing) {
        BufferAllocator allocator = rootAllocator.newChildAllocator("flight-sql-endpoint", 0, Long.MAX_VALUE);
        SqlStatementRunner runner = new SqlStatementRunner(served, policies, audit, allocator,
                properties.streamTimeout(), clock.getIfUnique(Clock::systemUTC),
                query.maxPageSize(), tracing);
        PreparedStatements prepared = new PreparedStatements(properties.maxPreparedStatements(),
                properties.preparedStatementIdle());
        return new FlightSqlEndpoint(properties, allocator,
                new GatewayFlightSqlProducer(runner, prepared, allocator),
                new FlightSqlAuthentication(decoder, subjects), tracing.ports());
    }
}
