package io.portico.policies.filter;

/** The comparison operators of the row-filter language, with the symbol the language (and SQL) writes them as. */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written, e.g. {@code <=}. */
    public String symbol() {
        return symbol;
    }
}
