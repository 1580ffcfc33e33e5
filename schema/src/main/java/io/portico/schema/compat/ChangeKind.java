package io.portico.schema.compat;

import static io.portico.schema.compat.ChangeSeverity.BREAKING;
import static io.portico.schema.compat.ChangeSeverity.DANGEROUS;
import static io.portico.schema.compat.ChangeSeverity.SAFE;

/**
 * What kind of difference between a live port and a candidate a {@link ContractChange} is, with the severity it
 * usually has. The classification table of {@link ContractChangeChecker}, in terms of what GraphQL clients of the
 * composed schema see, and, for {@code required}, of the contract's promise (node fields are nullable in GraphQL,
 * so there the promise is all that changes).
 *
 * <p>One exception to {@link #usualSeverity()}: removing a dataset or field that the live schema never exposed
 * (composition left it out, e.g. its column was missing at the port) is {@link ChangeSeverity#SAFE}, since no
 * client can have used it.
 */
public enum ChangeKind {

    /** The port moves to another domain: its GraphQL root field, type names and URN change. It is another port. */
    DOMAIN_CHANGED(BREAKING),
    /** The port's data product changes: its URN changes. It is another port. */
    DATA_PRODUCT_CHANGED(BREAKING),
    /** The contract id changes: the registry history and the port named in GraphQL descriptions change. */
    PORT_ID_CHANGED(DANGEROUS),
    /** The contract's status changes (e.g. active to deprecated). */
    STATUS_CHANGED(SAFE),
    /** A name or description changes (port, dataset, field, relationship): documentation only. */
    DESCRIPTION_CHANGED(SAFE),
    /** Tags change: catalog search only. */
    TAGS_CHANGED(SAFE),
    /** The owning team changes. */
    TEAM_CHANGED(SAFE),
    /** A service-level property is added, removed or changed. */
    SLA_CHANGED(SAFE),
    /** The Flight SQL endpoint moves (or a Flight server is added or removed): the gateway follows it. */
    ENDPOINT_CHANGED(SAFE),
    /** The port's SQL dialect changes: the gateway renders another SQL for the same GraphQL queries. */
    DIALECT_CHANGED(SAFE),
    /** Another server entry or server property changes. */
    SERVER_CHANGED(SAFE),

    /** A dataset disappears from GraphQL: its connection field and types are gone. */
    DATASET_REMOVED(BREAKING),
    /** A dataset appears in GraphQL. */
    DATASET_ADDED(SAFE),
    /** The primary key changes: keyset cursors handed out before no longer resume, links to the key break. */
    PRIMARY_KEY_CHANGED(BREAKING),
    /** A relationship is removed. Not a GraphQL field yet; becomes breaking once relationships are fields. */
    RELATIONSHIP_REMOVED(DANGEROUS),
    /** A relationship's target fields or cardinality change. */
    RELATIONSHIP_CHANGED(DANGEROUS),
    /** A relationship is added. */
    RELATIONSHIP_ADDED(SAFE),

    /** A field disappears from GraphQL (and from the dataset's where and orderBy inputs). */
    FIELD_REMOVED(BREAKING),
    /** A field appears in GraphQL. */
    FIELD_ADDED(SAFE),
    /** A field's GraphQL type changes incompatibly (e.g. {@code Int} to {@code Long}, {@code BigDecimal} to {@code String}). */
    FIELD_TYPE_CHANGED(BREAKING),
    /** A field's GraphQL type changes compatibly (a struct gains a field, list elements become non-null). */
    FIELD_TYPE_EXTENDED(SAFE),
    /**
     * A required field becomes optional: the contract no longer promises a value, so the port may answer nulls
     * where clients (over GraphQL or reading the port's Arrow data) rely on one. The GraphQL type does not change
     * (node fields are always nullable, so policies can withhold them); only the description's promise goes.
     */
    FIELD_NOW_NULLABLE(BREAKING),
    /** An optional field becomes required: the contract promises a value; the GraphQL type stays nullable. */
    FIELD_NOW_REQUIRED(SAFE),
    /** The Arrow type narrows while the GraphQL type stays: some live values no longer fit or lose precision. */
    ARROW_TYPE_NARROWED(DANGEROUS),
    /** The Arrow type changes how values are rendered while the GraphQL type stays (time zone, interval form). */
    ARROW_VALUE_FORMAT_CHANGED(DANGEROUS),
    /** The Arrow type widens or changes encoding while the GraphQL type stays: every live value still fits. */
    ARROW_TYPE_WIDENED(SAFE),
    /** A field's classification changes: access policies key on it. */
    CLASSIFICATION_CHANGED(DANGEROUS),
    /** A table or column is renamed at the port: the gateway follows it, GraphQL does not change. */
    PHYSICAL_NAME_CHANGED(SAFE),
    /** The contract's declared {@code logicalType} or {@code physicalType} text changes; the live Arrow type decides. */
    DECLARED_TYPE_CHANGED(SAFE),
    /** A contract name changes spelling but maps to the same GraphQL name (e.g. {@code order_id} to {@code orderId}). */
    RENAMED_KEEPING_GRAPHQL_NAME(SAFE);

    private final ChangeSeverity usualSeverity;

    ChangeKind(ChangeSeverity usualSeverity) {
        this.usualSeverity = usualSeverity;
    }

    /** The severity a change of this kind has, except as noted on {@link ChangeKind}. */
    public ChangeSeverity usualSeverity() {
        return usualSeverity;
    }
}
