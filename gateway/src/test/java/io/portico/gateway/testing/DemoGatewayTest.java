package io.portico.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway over HTTP on a random port with the embedded demo mesh at a small scale (2,000 orders, 200
 * customers): real Flight SQL ports over DuckDB on loopback, and the gateway's own Flight SQL endpoint on a free
 * port ({@code FlightSqlEndpoint#port()}). Every test class with this annotation shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=500ms",
        "portico.flight-sql.enabled=true",
        "portico.ports.max-memory=" + DemoGatewayTest.MAX_ARROW_MEMORY,
        "portico.policies.audit-log=" + DemoGatewayTest.AUDIT_LOG})
public @interface DemoGatewayTest {

    /**
     * The bound on the Arrow memory of the gateway's port reads ({@code portico.ports.max-memory}): far more than
     * the demo's answers need, far less than the largest stream the Flight SQL tests pull through it.
     */
    String MAX_ARROW_MEMORY = "128MB";

    /** Where the demo gateway of the tests appends its audit events (JSON lines; older runs' events stay). */
    String AUDIT_LOG = "target/demo-gateway-audit.jsonl";
}
