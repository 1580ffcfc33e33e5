package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.AggregateRequest;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one subject may see of one dataset, and how a connection field's request is shaped by it:
 *
 * <ul>
 *   <li>no inference: a {@code where} or {@code orderBy} on a denied or masked field is refused before any port is
 *       called ({@link #checkArguments}), and so is an aggregate that filters, groups, aggregates or sorts on one
 *       ({@link #checkAggregate}; counting rows is allowed);</li>
 *   <li>denied fields are not fetched ({@link #visible}); a denied field a cursor needs is fetched but withheld
 *       ({@link #withheld}): null in every row, each selected one reported to the caller
 *       ({@link #deniedFields});</li>
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

    /**
     * Refuses an aggregate request that reads a field the subject may not see as it is (denied or masked) in any
     * way: filtering ({@code where}), grouping ({@code groupBy}), aggregating ({@code sum}, {@code avg}, {@code min},
     * {@code max}, {@code countDistinct}) or sorting groups ({@code orderBy}) on it would reveal its values, or
     * single them out. Counting rows reads no field and is allowed.
     *
     * @throws PorticoException {@code FORBIDDEN}, naming the argument, the field and the rule
     */
    public void checkAggregate(AggregateRequest request) {
        for (String field : request.where().fields()) {
            refuseIfHidden("where", field);
        }
        for (AggregateRequest.GroupKey key : request.groupBy()) {
            refuseIfHidden("groupBy", key.field());
        }
        for (AggregateRequest.Measure measure : request.measures()) {
            refuseIfHidden(measure.function().argumentName(), measure.field());
        }
        for (String field : request.fieldsRead()) {
            refuseIfHidden("orderBy", field);
        }
    }

    /**
     * Refuses a join that uses a field the subject may not see as it is (denied or masked) to join on
     * ({@code argument} {@code on}), filter ({@code where}) or sort ({@code orderBy}): which rows match or pair up
     * would reveal its values (a join on a hidden column tells which values are equal).
     *
     * @throws PorticoException {@code FORBIDDEN}, naming the argument, the field and the rule
     */
    public void checkJoinUse(String argument, String field) {
        refuseIfHidden(argument, field);
    }

    /**
     * The masks of the masked fields among a result's columns that come from this dataset (a join's result holds
     * columns of several), by position in the result.
     *
     * @param columns the result's columns of this dataset: position to GraphQL name
     */
    public ColumnMasks masks(Map<Integer, String> columns) {
        Map<Integer, Mask> masks = new HashMap<>();
        columns.forEach((column, name) -> {
            FieldDecision decision = decision(name);
            if (decision.isMasked()) {
                masks.put(column, decision.mask());
            }
        });
        return masks.isEmpty() ? ColumnMasks.NONE : new ColumnMasks(masks, Set.of(), hashKey);
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
     * The denied fields among {@code graphQLNames} (e.g. the fields a request selected), with the deciding rules:
     * withheld, for the caller to report once per selection, not per row.
     */
    public List<DeniedField> deniedFields(Collection<String> graphQLNames) {
        List<DeniedField> denied = new ArrayList<>();
        for (String field : new LinkedHashSet<>(graphQLNames)) {
            FieldDecision decision = decision(field);
            if (decision.isDenied()) {
                denied.add(new DeniedField(field, target.label() + "." + field, decision.rule()));
            }
        }
        return denied;
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
                + " to you: " + verb(argument) + " on it would reveal its values. Leave it out of '" + argument
                + "'");
    }

    private static String verb(String argument) {
        return switch (argument) {
            case "where" -> "filtering";
            case "orderBy" -> "sorting";
            case "groupBy" -> "grouping";
            case "on" -> "joining";
            default -> "aggregating";
        };
    }
}
