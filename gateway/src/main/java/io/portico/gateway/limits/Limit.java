package io.portico.gateway.limits;

/** The limits a GraphQL request is checked against, each named by the property that sets it. */
public enum Limit {
    DEPTH("portico.limits.max-depth"),
    ALIASES("portico.limits.max-aliases"),
    FIELDS("portico.limits.max-fields"),
    COST("portico.limits.max-cost"),
    PAGE_SIZE("portico.query.max-page-size"),
    TOKENS("portico.limits.max-tokens"),
    WHITESPACE_TOKENS("portico.limits.max-whitespace-tokens"),
    BODY_SIZE("portico.limits.max-body-size"),
    REQUEST_TIMEOUT("portico.limits.request-timeout");

    private final String property;

    Limit(String property) {
        this.property = property;
    }

    /** The configuration property that sets this limit, e.g. {@code portico.limits.max-depth}. */
    public String property() {
        return property;
    }
}
