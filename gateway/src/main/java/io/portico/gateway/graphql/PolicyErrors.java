package io.portico.gateway.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.portico.gateway.policy.DeniedField;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.WithheldRelationship;
import io.portico.gateway.security.CurrentSubject;
import io.portico.schema.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the read path's policy outcomes look like to a GraphQL client: {@code FORBIDDEN} errors at their paths, for
 * denied fields (one per selection, not per row) and withheld relationships, each naming the field and the rule in
 * its extensions. Also finds a request's {@link RequestPolicy} in its GraphQL context.
 */
final class PolicyErrors {

    private PolicyErrors() {
    }

    /**
     * The policy of the request {@code environment} belongs to: the one the HTTP layer put in its context, else one
     * begun now for the subject in the context (or the anonymous subject), and kept there for the rest of the
     * request. Never a request without policy.
     */
    static RequestPolicy requestPolicy(DataFetchingEnvironment environment, QueryPolicies engine) {
        return environment.getGraphQlContext().computeIfAbsent(RequestPolicy.CONTEXT_KEY,
                key -> engine.begin(CurrentSubject.of(environment)));
    }

    /**
     * One {@code FORBIDDEN} error per selection of a denied node field, at its path in the first row (at the
     * connection field when the page is empty).
     */
    static List<GraphQLError> deniedFieldErrors(DataFetchingEnvironment environment, List<SelectedField> selection,
            List<DeniedField> denied, int rows) {
        ResultPath connection = environment.getExecutionStepInfo().getPath();
        return deniedErrors(selection, denied,
                field -> rows == 0 ? connection.toList() : pathInFirstRow(connection, field));
    }

    /** One {@code FORBIDDEN} error per selection of a denied field under an object field (many-to-one). */
    static List<GraphQLError> deniedObjectFieldErrors(DataFetchingEnvironment environment,
            List<SelectedField> selection, List<DeniedField> denied) {
        ResultPath object = environment.getExecutionStepInfo().getPath();
        return deniedErrors(selection, denied, field -> {
            List<Object> path = new ArrayList<>(object.toList());
            path.add(field.getResultKey());
            return path;
        });
    }

    /**
     * The {@code FORBIDDEN} error of a withheld relationship field at {@code path}, with {@code extensions.field}
     * (the relationship field), {@code extensions.rule} and {@code extensions.key} (the key field that withholds it).
     */
    static GraphQLError withheldRelationship(WithheldRelationship withheld, List<Object> path) {
        Map<String, Object> extensions = forbiddenExtensions(withheld.field(), withheld.decision().rule());
        extensions.put("key", withheld.key());
        return GraphqlErrorBuilder.newError()
                .message(withheld.message())
                .path(path)
                .extensions(extensions)
                .build();
    }

    private static List<GraphQLError> deniedErrors(List<SelectedField> selection, List<DeniedField> denied,
            Function<SelectedField, List<Object>> pathOf) {
        if (denied.isEmpty()) {
            return List.of();
        }
        Map<String, DeniedField> byName = new HashMap<>();
        denied.forEach(field -> byName.put(field.field(), field));
        List<GraphQLError> errors = new ArrayList<>();
        for (SelectedField field : selection) {
            DeniedField deniedField = byName.get(field.getName());
            if (deniedField != null) {
                errors.add(GraphqlErrorBuilder.newError()
                        .message(deniedField.message())
                        .path(pathOf.apply(field))
                        .extensions(forbiddenExtensions(deniedField.qualifiedField(), deniedField.rule()))
                        .build());
            }
        }
        return errors;
    }

    /** The extensions of a {@code FORBIDDEN} error about a field: its code, the field and the deciding rule. */
    private static Map<String, Object> forbiddenExtensions(String qualifiedField, String rule) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.FORBIDDEN.name());
        extensions.put("field", qualifiedField);
        extensions.put("rule", rule);
        return extensions;
    }

    /** The path of a node field in the first row: {@code <connection>/nodes/0/<field>} or the edges form. */
    private static List<Object> pathInFirstRow(ResultPath connection, SelectedField field) {
        List<Object> path = new ArrayList<>(connection.toList());
        // The parent chain reaches above the connection field; the qualified name ("nodes/birthDate") says how
        // many of its steps lie below it.
        int depth = field.getQualifiedName().split("/").length;
        List<SelectedField> chain = new ArrayList<>();
        for (SelectedField step = field; step != null && chain.size() < depth; step = step.getParentField()) {
            chain.addFirst(step);
        }
        for (int index = 0; index < chain.size(); index++) {
            path.add(chain.get(index).getResultKey());
            if (index == 0) {
                path.add(0);
            }
        }
        return path;
    }
}
