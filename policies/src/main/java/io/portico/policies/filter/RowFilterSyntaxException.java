package io.portico.policies.filter;

/** A row filter that is not a predicate of the row-filter language; names what was expected and where. */
public final class RowFilterSyntaxException extends RuntimeException {

    private final int column;
    private final String problem;

    public RowFilterSyntaxException(String problem, int column) {
        super("at column " + column + ": " + problem);
        this.problem = problem;
        this.column = column;
    }

    /** The 1-based column of the row filter's text where reading stopped. */
    public int column() {
        return column;
    }

    /** What is wrong, without the column. */
    public String problem() {
        return problem;
    }
}
