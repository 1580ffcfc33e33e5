package io.portico.gateway.answers;

import static java.util.Objects.requireNonNull;

import graphql.schema.GraphQLSchema;
import io.portico.policies.Subject;
import io.portico.policies.store.LoadedPolicySet;
import java.util.Map;
import java.util.Objects;

/**
 * What a whole answer depends on besides the data it was made of: the very schema object the request ran on and
 * the very policy set it was decided under (both by identity: a reload makes new ones), who asked (the whole
 * subject: every claim a policy may read), and what was asked (document text, operation name and variables, all
 * exactly).
 */
final class AnswerKey {

    private final GraphQLSchema schema;
    private final LoadedPolicySet policies;
    private final Subject subject;
    private final String document;
    private final String operationName;
    private final Map<String, Object> variables;
    private final int hash;

    AnswerKey(GraphQLSchema schema, LoadedPolicySet policies, Subject subject, String document, String operationName,
            Map<String, Object> variables) {
        this.schema = requireNonNull(schema, "schema is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.subject = requireNonNull(subject, "subject is null");
        this.document = requireNonNull(document, "document is null");
        this.operationName = operationName;
        this.variables = requireNonNull(variables, "variables is null");
        this.hash = Objects.hash(System.identityHashCode(schema), System.identityHashCode(policies), subject,
                document, operationName, variables);
    }

    GraphQLSchema schema() {
        return schema;
    }

    String document() {
        return document;
    }

    String operationName() {
        return operationName;
    }

    /** The characters the key holds, for the cache's weight. */
    int characters() {
        return document.length() + (operationName == null ? 0 : operationName.length())
                + String.valueOf(variables).length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnswerKey key && hash == key.hash && schema == key.schema
                && policies == key.policies && subject.equals(key.subject) && document.equals(key.document)
                && Objects.equals(operationName, key.operationName) && variables.equals(key.variables);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
