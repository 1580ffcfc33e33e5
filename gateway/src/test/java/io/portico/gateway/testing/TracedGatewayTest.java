package io.portico.gateway.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The demo gateway of {@link DemoGatewayTest} with tracing on (every trace sampled, exported every 50 ms) into an
 * in-memory exporter the test reads ({@link InMemorySpanExporter} bean), and the result cache on. The demo's ports
 * run in the same JVM and trace with the gateway's tracer provider, so gateway and port spans land in the same
 * exporter. Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=500ms",
        "portico.flight-sql.enabled=true",
        "portico.cache.enabled=true",
        "portico.ports.max-memory=" + DemoGatewayTest.MAX_ARROW_MEMORY,
        "portico.policies.audit-log=" + TracedGatewayTest.AUDIT_LOG,
        "management.tracing.export.enabled=true",
        "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@Import(TracedGatewayTest.Spans.class)
public @interface TracedGatewayTest {

    /** Where this gateway appends its audit events (JSON lines; older runs' events stay). */
    String AUDIT_LOG = "target/traced-gateway-audit.jsonl";

    /** The exporter the tests read the spans from. */
    @TestConfiguration(proxyBeanMethods = false)
    class Spans {

        @Bean
        public InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
