package io.portico.gateway.registration;

/** Which registration check found a {@link RegistrationProblem}. */
public enum ProblemKind {
    /** The request body is not usable: empty, not text, larger than the limit. */
    DOCUMENT,
    /** The document is not a valid ODCS output port contract (parser problems). */
    STRUCTURE,
    /** A name does not yield a usable GraphQL name, or two names map to the same one. */
    GRAPHQL_NAME,
    /** A GraphQL type or field name is taken by another port or by the gateway's own schema. */
    NAME_COLLISION,
    /** The contract names no Flight SQL endpoint. */
    ENDPOINT,
    /** The contract's domain does not own the endpoint it names (or the gateway could not establish it). */
    ENDPOINT_OWNERSHIP,
    /** The Flight SQL endpoint does not answer. */
    PORT_UNREACHABLE,
    /** A declared dataset's table is not served by the port. */
    DATASET_MISSING,
    /** A declared field's column is not in the port's table. */
    FIELD_MISSING,
    /** A column's Arrow type does not fit the field's logical or physical type. */
    FIELD_TYPE,
    /** A required field's column is nullable at the port. */
    NULLABILITY,
    /** A relationship's target dataset is nowhere in the contract or the registry (a warning). */
    DANGLING_RELATIONSHIP,
    /**
     * A foreign key points at a classified field that is not its dataset's primary key: refused for the
     * candidate's own foreign keys, a warning for other ports' foreign keys into fields the candidate classifies.
     */
    CLASSIFIED_KEY,
    /** The version does not fit the changes from the live version. */
    VERSION,
    /** The port id is taken: configured at the gateway, or owned by another domain. */
    PORT_ID,
    /** The subject may not publish or retire ports of the domain. */
    AUTHORIZATION,
    /** The gateway failed. */
    GATEWAY
}
