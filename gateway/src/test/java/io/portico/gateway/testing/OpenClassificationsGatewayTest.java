package io.portico.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo gateway ({@link DemoGatewayTest}'s mesh and policies) configured so that registration and composition
 * accept foreign keys into fields of every demo classification ({@code portico.relationships.open-classifications}
 * lists them all): the deployment that lets an attacker's relationship into a restricted field reach the query
 * path, where only the policies stand between it and the data. Audit events go to {@link #AUDIT_LOG}. Every test
 * class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=500ms",
        "portico.relationships.open-classifications=public,internal,confidential,restricted",
        "portico.policies.audit-log=" + OpenClassificationsGatewayTest.AUDIT_LOG})
public @interface OpenClassificationsGatewayTest {

    /** The audit trail of the context, relative to the module's directory; appended to by every run. */
    String AUDIT_LOG = "target/open-classifications-audit.jsonl";
}
