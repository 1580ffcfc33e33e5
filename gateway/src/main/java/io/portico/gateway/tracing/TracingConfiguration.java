package io.portico.gateway.tracing;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.portico.gateway.cache.ResultCache;
import io.portico.gateway.port.PortReaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The gateway's tracing: on when Spring Boot made a real tracer (Micrometer Tracing over OpenTelemetry, exporting
 * by OTLP), i.e. {@code management.tracing.export.enabled=true}; off otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean
    public GatewayTracing gatewayTracing(ObjectProvider<Tracer> tracer, ObjectProvider<OpenTelemetry> openTelemetry,
            @Value("${management.tracing.export.enabled:true}") boolean exportEnabled) {
        Tracer micrometer = tracer.getIfUnique();
        OpenTelemetry otel = openTelemetry.getIfUnique();
        if (!exportEnabled || micrometer == null || micrometer == Tracer.NOOP || otel == null) {
            return GatewayTracing.OFF;
        }
        return GatewayTracing.of(otel);
    }

    /** Spans of the GraphQL phases (DGS chains every {@code Instrumentation} bean). */
    @Bean
    public GraphQlSpans graphQlSpans(GatewayTracing tracing) {
        return new GraphQlSpans(tracing);
    }

    /** What the schema wiring reads every port through: the result cache, under a span per read when tracing. */
    @Bean
    @Primary
    public PortReaders tracingPortReaders(ResultCache cache, GatewayTracing tracing) {
        return new TracingPortReaders(cache, tracing);
    }
}
