package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.KeyOrder;
import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.plan.RequestedSort;
import io.portico.gateway.port.ColumnMasks;
import io.portico.policies.audit.AuditDataset;
import io.portico.policies.decision.DatasetDecisions;
import io.portico.policies.decision.FieldDecision;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.mask.HashKey;
import io.portico.policies.mask.Mask;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one subject may see of one dataset, and how a connection field's request is shaped by it:
 *
 * <ul>
 *   <li>no inference: a {@code where} or {@code orderBy} on a denied or masked field is refused before any port is
 *       called ({@link #checkArguments});</li>
 *   <li>denied fields are not fetched ({@link #visible}); a denied field a cursor needs is fetched but withheld
 *       ({@link #withheld}): null in every row, with one {@code FORBIDDEN} error per selection
 *       ({@link #deniedFieldErrors});</li>
 *   <li>masked fields are masked on the Arrow vectors as they arrive ({@link #masks});</li>
 *   <li>row filters become part of the SQL sent to the port ({@link #rowFilter}, rendered by
 *       {@link RowFilterConditions});</li>
 *   <li>a key the subject may not see as it is does not order the rows by its values ({@link #keyOrder}).</li>
 * </ul>
 */
public final class DatasetAccess {

    private final DatasetPolicyTarget target;
    private final DatasetDecisions decisions;
    private final HashKey hashKey;

    DatasetAccess(DatasetPolicyTarget target, DatasetDecisions decisions, HashKey hashKey) {
        this.target = requireNonNull(target, "target is null");
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.hashKey = requireNonNull(hashKey, "hashKey is null");
    }

    /** The decision on a node field, by its GraphQL name. */
    public FieldDecision decision(String graphQLName) {
        return target.contractField(graphQLName).map(decisions::field).orElse(decisions.fallback());
    }

    /**
     * Refuses a request that filters or sorts on a field the subject may not see as it is (denied or masked):
     * which rows match would reveal its values.
     *
     * @throws PorticoException {@code FORBIDDEN}, naming the argument, the field and the rule
     */
    public void checkArguments(DatasetRequest request) {
        for (String field : request.where().fields()) {
            refuseIfHidden("where", field);
        }
        for (RequestedSort sort : request.orderBy()) {
            refuseIfHidden("orderBy", sort.field());
        }
    }

    /** The request without the denied fields among its selected ones: they are not fetched at all. */
    public DatasetRequest visible(DatasetRequest request) {
        List<String> visible = request.selectedFields().stream()
                .filter(field -> !decision(field).isDenied())
                .toList();
        if (visible.size() == request.selectedFields().size()) {
            return request;
        }
        return request.withSelectedFields(visible);
    }

    /** The GraphQL names of the dataset's denied fields: null in every row, whatever was fetched. */
    public Set<String> withheld(DatasetBinding binding) {
        Set<String> withheld = new HashSet<>();
        for (FieldBinding field : binding.fields()) {
            if (decision(field.graphQLName()).isDenied()) {
                withheld.add(field.graphQLName());
            }
        }
        return withheld;
    }

    /**
     * How pages order rows by the dataset's key: by a keyed hash of it when any key field is denied or masked to
     * the subject (raw-key order would tell the subject how the hidden values sort), else by the key itself.
     */
    public KeyOrder keyOrder(DatasetBinding binding) {
        for (String keyField : binding.keyFields()) {
            if (!decision(keyField).isAllowed()) {
                return KeyOrder.KEYED_HASH;
            }
        }
        return KeyOrder.PLAIN;
    }

    /**
     * The rows the subject may see: the row filter bound and resolved, {@code true} when rows are not filtered;
     * {@link RowFilterConditions} renders it for the port.
     */
    public RowPredicate rowFilter() {
        return decisions.rowFilter();
    }

    /**
     * The masks of the plan's masked columns; cursor columns and join columns keep their unmasked values, for
     * cursors and joins only.
     */
    public ColumnMasks masks(QueryPlan plan) {
        Map<Integer, Mask> masks = new HashMap<>();
        Set<Integer> keepUnmasked = new HashSet<>();
        Set<String> cursorFields = new HashSet<>(plan.joinFields());
        plan.cursorFields().forEach(field -> cursorFields.add(field.graphQLName()));
        for (int column = 0; column < plan.columns().size(); column++) {
            String name = plan.columns().get(column).graphQLName();
            if (plan.binding().field(name).isEmpty()) {
                continue; // a column the port computes for the plan (a key-order hash), not a dataset field
            }
            FieldDecision decision = decision(name);
            if (decision.isMasked()) {
                masks.put(column, decision.mask());
                if (cursorFields.contains(name)) {
                    keepUnmasked.add(column);
                }
            }
        }
        return masks.isEmpty() ? ColumnMasks.NONE : new ColumnMasks(masks, keepUnmasked, hashKey);
    }

    /**
     * One {@code FORBIDDEN} error per selection of a denied node field, at its path in the first row (at the
     * connection field when the page is empty), naming the field and the rule. One error per selection, not per
     * row: a page of 10,000 rows does not carry 10,000 copies.
     */
    public List<GraphQLError> deniedFieldErrors(DataFetchingEnvironment environment, List<SelectedField> selection,
            int rows) {
        ResultPath connection = environment.getExecutionStepInfo().getPath();
        return deniedErrors(selection, field -> rows == 0 ? connection.toList() : pathInFirstRow(connection, field));
    }

    /**
     * One {@code FORBIDDEN} error per selection of a denied field under an object field (a many-to-one
     * relationship), at its path under {@code environment}'s field.
     */
    public List<GraphQLError> deniedObjectFieldErrors(DataFetchingEnvironment environment,
            List<SelectedField> selection) {
        ResultPath object = environment.getExecutionStepInfo().getPath();
        return deniedErrors(selection, field -> {
            List<Object> path = new ArrayList<>(object.toList());
            path.add(field.getResultKey());
            return path;
        });
    }

    /** A {@code FORBIDDEN} error for each denied field of {@code selection}, at the path {@code pathOf} gives. */
    private List<GraphQLError> deniedErrors(List<SelectedField> selection,
            Function<SelectedField, List<Object>> pathOf) {
        List<GraphQLError> errors = new ArrayList<>();
        for (SelectedField field : selection) {
            FieldDecision decision = decision(field.getName());
            if (!decision.isDenied()) {
                continue;
            }
            String qualified = target.label() + "." + field.getName();
            Map<String, Object> extensions = forbiddenExtensions(qualified, decision.rule());
            errors.add(GraphqlErrorBuilder.newError()
                    .message("%s is withheld: policy rule '%s' denies it to you; it is null in every row",
                            qualified, decision.rule())
                    .path(pathOf.apply(field))
                    .extensions(extensions)
                    .build());
        }
        return errors;
    }

    /** The extensions of a {@code FORBIDDEN} error about a field: its code, the field and the deciding rule. */
    static Map<String, Object> forbiddenExtensions(String qualifiedField, String rule) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.FORBIDDEN.name());
        extensions.put("field", qualifiedField);
        extensions.put("rule", rule);
        return extensions;
    }

    /** The audit entry of this dataset: the decision on each field read (contract names) and the rows returned. */
    public AuditDataset audit(List<String> selectedFields, long rowsReturned) {
        return audit(selectedFields, List.of(), rowsReturned);
    }

    /**
     * The audit entry of this dataset: the decision on each field read for the subject and on each field read
     * only to join on it (GraphQL names in, contract names out), and the rows returned.
     */
    public AuditDataset audit(List<String> selectedFields, List<String> joinFields, long rowsReturned) {
        return AuditDataset.of(decisions, contractNames(selectedFields), contractNames(joinFields), rowsReturned);
    }

    private List<String> contractNames(List<String> graphQLNames) {
        Set<String> fields = new LinkedHashSet<>();
        for (String field : graphQLNames) {
            fields.add(target.contractField(field).orElse(field));
        }
        return List.copyOf(fields);
    }

    private void refuseIfHidden(String argument, String field) {
        FieldDecision decision = decision(field);
        if (decision.isAllowed()) {
            return;
        }
        throw new PorticoException(ErrorCode.FORBIDDEN, "'" + argument + "' uses " + target.label() + "." + field
                + ", which policy rule '" + decision.rule() + "' " + (decision.isDenied() ? "denies" : "masks")
                + " to you: " + ("where".equals(argument) ? "filtering" : "sorting") + " on it would reveal its"
                + " values. Leave it out of '" + argument + "'");
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
