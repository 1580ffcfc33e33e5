package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * What one cached port answer is the answer to. Two reads share an entry only when every part is equal:
 * <ul>
 *   <li>{@code portId}: the contract id (every major version of a port shares it, so an invalidation of the port
 *       reaches them all), and {@code portKey}, the served version the statement was planned for;</li>
 *   <li>{@code generation}: the registration of that served version this gateway serves; a re-registered port gets
 *       a new one, so its old answers are never read again;</li>
 *   <li>{@code epoch}: the port's invalidation count here when the read began; an invalidation raises it;</li>
 *   <li>{@code statement}: the SQL sent, with every value inlined (filters, the subject's row filter, keyset,
 *       limit), and {@code expectedColumns}, the columns it must answer.</li>
 * </ul>
 * The hash is computed once: keys are compared on every read.
 */
final class CacheKey {

    private final String portId;
    private final String portKey;
    private final long generation;
    private final long epoch;
    private final String statement;
    private final List<Field> expectedColumns;
    private final int hash;

    CacheKey(String portId, String portKey, long generation, long epoch, String statement,
            List<Field> expectedColumns) {
        this.portId = requireNonNull(portId, "portId is null");
        this.portKey = requireNonNull(portKey, "portKey is null");
        this.generation = generation;
        this.epoch = epoch;
        this.statement = requireNonNull(statement, "statement is null");
        this.expectedColumns = expectedColumns == null ? null : List.copyOf(expectedColumns);
        this.hash = Objects.hash(portId, portKey, generation, epoch, statement, this.expectedColumns);
    }

    String portId() {
        return portId;
    }

    String portKey() {
        return portKey;
    }

    long generation() {
        return generation;
    }

    long epoch() {
        return epoch;
    }

    /** A rough count of the heap the key holds, for the cache's weight. */
    int bytes() {
        return 96 + 2 * (statement.length() + portId.length() + portKey.length())
                + (expectedColumns == null ? 0 : 64 * expectedColumns.size());
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CacheKey key
                && hash == key.hash
                && generation == key.generation
                && epoch == key.epoch
                && portKey.equals(key.portKey)
                && portId.equals(key.portId)
                && statement.equals(key.statement)
                && Objects.equals(expectedColumns, key.expectedColumns);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "CacheKey[" + portKey + " generation " + generation + " epoch " + epoch + ": " + statement + "]";
    }
}
