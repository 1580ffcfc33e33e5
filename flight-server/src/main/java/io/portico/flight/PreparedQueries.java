package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.portico.flight.StatementGuard.GuardedStatement;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The port's open prepared statements, by handle.
 *
 * <p>Binding parameters returns a new handle for that binding (Flight SQL's {@code DoPutPreparedStatementResult}), so
 * two executions of one prepared statement with different parameters never see each other's values. Clients that
 * ignore the new handle execute with the statement's most recent binding. Bounded: a port keeps at most
 * {@value #MAX_OPEN_STATEMENTS} open statements and {@value #MAX_BINDINGS_PER_STATEMENT} bindings per statement.
 */
final class PreparedQueries {

    static final int MAX_OPEN_STATEMENTS = 10_000;
    static final int MAX_BINDINGS_PER_STATEMENT = 64;
    private static final char BINDING_SEPARATOR = '/';

    /**
     * A prepared statement.
     *
     * @param handle          the handle clients use
     * @param statement       the accepted statement
     * @param datasetSchema   the schema of its result
     * @param parameterSchema the parameters it expects, {@code p1..pn}
     */
    record PreparedQuery(String handle, GuardedStatement statement, Schema datasetSchema, Schema parameterSchema) {

        PreparedQuery {
            requireNonNull(handle, "handle is null");
            requireNonNull(statement, "statement is null");
            requireNonNull(datasetSchema, "datasetSchema is null");
            requireNonNull(parameterSchema, "parameterSchema is null");
        }

        int parameterCount() {
            return parameterSchema.getFields().size();
        }
    }

    /** What a handle denotes: a statement and the parameter values to run it with. */
    record Execution(PreparedQuery query, List<Object> parameters) {

        Execution {
            requireNonNull(query, "query is null");
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }

    private static final class Entry {
        final PreparedQuery query;
        final AtomicLong bindingIds = new AtomicLong();
        final Map<String, List<Object>> bindings = new LinkedHashMap<>();
        List<Object> latest = List.of();

        Entry(PreparedQuery query) {
            this.query = query;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    PreparedQuery register(GuardedStatement statement, Schema datasetSchema, Schema parameterSchema) {
        if (entries.size() >= MAX_OPEN_STATEMENTS) {
            throw new PorticoException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the port has " + MAX_OPEN_STATEMENTS
                    + " open prepared statements; close some before preparing more");
        }
        PreparedQuery query = new PreparedQuery(UUID.randomUUID().toString(), statement, datasetSchema, parameterSchema);
        entries.put(query.handle(), new Entry(query));
        return query;
    }

    /**
     * Records a binding of parameter values.
     *
     * @return the handle that denotes the statement with exactly these values
     */
    String bind(String handle, List<Object> parameters) {
        Entry entry = entry(handle);
        List<Object> values = Collections.unmodifiableList(new ArrayList<>(parameters));
        String bindingHandle = entry.query.handle() + BINDING_SEPARATOR + entry.bindingIds.incrementAndGet();
        synchronized (entry) {
            if (entry.bindings.size() >= MAX_BINDINGS_PER_STATEMENT) {
                entry.bindings.remove(entry.bindings.keySet().iterator().next());
            }
            entry.bindings.put(bindingHandle, values);
            entry.latest = values;
        }
        return bindingHandle;
    }

    /** @throws PorticoException {@link ErrorCode#NOT_FOUND} for a handle that is unknown or closed */
    Execution resolve(String handle) {
        Entry entry = entry(handle);
        synchronized (entry) {
            if (handle.equals(entry.query.handle())) {
                return new Execution(entry.query, entry.latest);
            }
            List<Object> values = entry.bindings.get(handle);
            if (values == null) {
                throw notFound(handle);
            }
            return new Execution(entry.query, values);
        }
    }

    void close(String handle) {
        entries.remove(statementHandle(handle));
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private Entry entry(String handle) {
        Entry entry = entries.get(statementHandle(handle));
        if (entry == null) {
            throw notFound(handle);
        }
        return entry;
    }

    private static String statementHandle(String handle) {
        int separator = handle.indexOf(BINDING_SEPARATOR);
        return separator < 0 ? handle : handle.substring(0, separator);
    }

    private static PorticoException notFound(String handle) {
        return new PorticoException(ErrorCode.NOT_FOUND, "no open prepared statement with handle '" + handle
                + "'; it was closed or never prepared on this port");
    }
}
