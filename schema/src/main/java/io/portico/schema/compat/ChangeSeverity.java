package io.portico.schema.compat;

/**
 * How much a contract change can hurt the GraphQL clients of the composed schema, most severe first (the natural
 * order of the constants).
 */
public enum ChangeSeverity {

    /** Queries that work today can fail, or return a type or a null their client does not expect. Needs a new major version. */
    BREAKING,

    /**
     * Queries keep working and the GraphQL schema accepts the same operations, but clients may see other values
     * (narrower, less precise, at another offset) or be treated differently (access policies, relationships).
     */
    DANGEROUS,

    /** No client is affected; reported so the team sees everything it publishes. */
    SAFE;

    /** True when this severity is worse than {@code other}. */
    public boolean isWorseThan(ChangeSeverity other) {
        return ordinal() < other.ordinal();
    }
}
