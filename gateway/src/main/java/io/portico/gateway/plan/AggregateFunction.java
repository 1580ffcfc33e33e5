package io.portico.gateway.plan;

/**
 * An aggregate over one field of a group's rows, by its name in the GraphQL aggregate types. Nulls are not counted
 * or summed, as in SQL. Which fields take which function is the schema's rule: {@link #SUM} and {@link #AVG} over
 * numbers, {@link #MIN} and {@link #MAX} over orderable values, {@link #COUNT_DISTINCT} over any filterable field.
 */
public enum AggregateFunction {
    /** The sum; over decimals exact, at the field's scale. */
    SUM("sum"),
    /** The mean; over decimals exact (the exact sum divided by the count, 34 significant digits). */
    AVG("avg"),
    /** The smallest value. */
    MIN("min"),
    /** The largest value. */
    MAX("max"),
    /** How many distinct non-null values. */
    COUNT_DISTINCT("countDistinct");

    private final String argumentName;

    AggregateFunction(String argumentName) {
        this.argumentName = argumentName;
    }

    /** The function's name in the GraphQL aggregate types and {@code orderBy}. */
    public String argumentName() {
        return argumentName;
    }

    /** The function named {@code argumentName} in the GraphQL aggregate types, or null. */
    public static AggregateFunction named(String argumentName) {
        for (AggregateFunction function : values()) {
            if (function.argumentName.equals(argumentName)) {
                return function;
            }
        }
        return null;
    }
}
