package io.portico.policies.audit;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an {@link AuditEvent} as one line of JSON, field by field, so that the format is explicit and stable (it
 * is a contract with whoever reads the audit trail; docs/policies.md documents it).
 */
final class AuditEventJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditEventJson() {
    }

    static String write(AuditEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("timestamp", event.timestamp().toString());
        root.put("requestId", event.requestId());
        if (event.traceId() != null) {
            root.put("traceId", event.traceId());
        }
        ObjectNode subject = root.putObject("subject");
        subject.put("id", event.subject().id());
        ArrayNode roles = subject.putArray("roles");
        event.subject().roles().forEach(roles::add);
        ObjectNode operation = root.putObject("operation");
        operation.put("name", event.operation().name());
        operation.put("hash", event.operation().hash());
        root.put("path", event.path());
        ArrayNode datasets = root.putArray("datasets");
        event.datasets().forEach(dataset -> writeDataset(dataset, datasets.addObject()));
        root.put("durationMs", Math.round(event.duration().toNanos() / 1_000.0) / 1_000.0);
        root.put("outcome", event.outcome().name());
        ArrayNode errorCodes = root.putArray("errorCodes");
        event.errorCodes().forEach(errorCodes::add);
        return JSON.writeValueAsString(root);
    }

    private static void writeDataset(AuditDataset dataset, ObjectNode node) {
        node.put("urn", dataset.urn());
        writeFields(dataset.fields(), node.putArray("fields"));
        writeFields(dataset.joinFields(), node.putArray("joinFields"));
        ArrayNode rowFilters = node.putArray("rowFilters");
        for (AuditRowFilter rowFilter : dataset.rowFilters()) {
            ObjectNode rowFilterNode = rowFilters.addObject();
            rowFilterNode.put("rule", rowFilter.rule());
            rowFilterNode.put("predicate", rowFilter.template());
        }
        node.put("rowsReturned", dataset.rowsReturned());
    }

    private static void writeFields(List<AuditField> fields, ArrayNode array) {
        for (AuditField field : fields) {
            ObjectNode fieldNode = array.addObject();
            fieldNode.put("field", field.field());
            fieldNode.put("effect", field.effect().policyName());
            fieldNode.put("rule", field.rule());
            if (field.mask() != null) {
                fieldNode.put("mask", field.mask());
            }
        }
    }
}
