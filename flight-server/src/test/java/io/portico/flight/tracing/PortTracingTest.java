package io.portico.flight.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A port's tracing: off unless the standard OpenTelemetry variables ask for an exporter; on, its spans continue the
 * caller's context.
 */
class PortTracingTest {

    @Test
    void offWithoutAnExporterConfigured() {
        PortTracing tracing = PortTracing.configured(Map.of("OTEL_SERVICE_NAME", "sales-port"), property -> null);

        assertThat(tracing).isSameAs(PortTracing.OFF);
        assertThat(tracing.enabled()).isFalse();
        assertThat(tracing.serverSpan("port statement", Context.root()).getSpanContext().isValid()).isFalse();
    }

    @Test
    void onWhenTheEnvironmentOrASystemPropertyNamesAnExporter() {
        assertThat(PortTracing.configured(Map.of("OTEL_TRACES_EXPORTER", "none"), property -> null).enabled())
                .isTrue();
        assertThat(PortTracing.configured(Map.of(),
                property -> property.equals("otel.traces.exporter") ? "none" : null).enabled()).isTrue();
    }

    @Test
    void aServerSpanContinuesTheCallersTrace() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build()) {
            PortTracing tracing = PortTracing.of(sdk);
            Span caller = sdk.getTracer("caller").spanBuilder("port call").startSpan();

            Span statement = tracing.serverSpan("port statement", Context.root().with(caller));
            statement.end();
            caller.end();

            SpanData exported = exporter.getFinishedSpanItems().getFirst();
            assertThat(exported.getName()).isEqualTo("port statement");
            assertThat(exported.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
            assertThat(exported.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
        }
    }
}
