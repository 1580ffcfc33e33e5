package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import io.portico.policies.audit.AuditOperation;
import org.junit.jupiter.api.Test;

class AuditOperationInstrumentationTest {

    @Test
    void queriesThatDifferOnlyInLiteralsHashAlikeAndTheOnlyOperationNamesThem() {
        AuditOperation smb = operation("query Segment { crm { customers(where: {segment: {eq: \"SMB\"}}) { totalCount } } }", null);
        AuditOperation consumer = operation("query Segment { crm { customers(where: {segment: {eq: \"CONSUMER\"}}) { totalCount } } }", null);

        assertThat(smb.name()).isEqualTo("Segment");
        assertThat(smb.hash()).matches("[0-9a-f]{64}").isEqualTo(consumer.hash());
        assertThat(operation("{ schemaVersion }", null).hash()).isNotEqualTo(smb.hash());
    }

    @Test
    void inADocumentOfSeveralOperationsTheRequestedOneIsNamedAndHashed() {
        String document = "query A { schemaVersion } query B { crm { customers { totalCount } } }";

        AuditOperation a = operation(document, "A");
        AuditOperation b = operation(document, "B");

        assertThat(a.name()).isEqualTo("A");
        assertThat(b.name()).isEqualTo("B");
        assertThat(a.hash()).isNotEqualTo(b.hash());
    }

    private static AuditOperation operation(String document, String name) {
        return AuditOperationInstrumentation.operation(Parser.parse(document), name).orElseThrow();
    }
}
