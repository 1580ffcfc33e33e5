package io.portico.schema.compat;

import static java.util.Objects.requireNonNull;

/**
 * One difference between a live output port and a candidate contract for it.
 *
 * @param severity how much it can hurt GraphQL clients of the composed schema
 * @param kind     what kind of difference it is
 * @param path     where in the contract, by name: {@code $.domain}, {@code $.schema[orders]},
 *                 {@code $.schema[orders].properties[total_amount]}, {@code $.servers[sales-port]}, ...
 * @param message  what changed and why it matters, naming the GraphQL coordinate clients see
 *                 (e.g. {@code SalesOrders.totalAmount}) where there is one
 * @param revert   what the domain team would do to undo it, e.g. {@code restore field 'status'}
 */
public record ContractChange(
        ChangeSeverity severity, ChangeKind kind, String path, String message, String revert) {

    public ContractChange {
        requireNonNull(severity, "severity is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
        requireNonNull(revert, "revert is null");
    }

    /** A change with its kind's {@link ChangeKind#usualSeverity() usual severity}. */
    public static ContractChange of(ChangeKind kind, String path, String message, String revert) {
        return new ContractChange(kind.usualSeverity(), kind, path, message, revert);
    }

    @Override
    public String toString() {
        return severity + " " + path + ": " + message;
    }
}
