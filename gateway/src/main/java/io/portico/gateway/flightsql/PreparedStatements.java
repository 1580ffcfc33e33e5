package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The open prepared statements of the endpoint, by handle: each the SQL text, the subject that prepared it and
 * the parameters bound last. A handle is 128 random bits and is only good for the subject that prepared it:
 * another caller presenting it is told it does not exist, as for a closed one. Bounded: the least recently used
 * statement is dropped past the maximum, and a statement unused for the idle time is dropped.
 */
final class PreparedStatements {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One prepared statement.
     *
     * @param sql             the statement as prepared
     * @param owner           the id of the subject that prepared it
     * @param datasetSchema   the schema of its answer, for that subject
     * @param parameterSchema the types of its parameters
     * @param parameters      the values bound last; empty before any bind
     */
    record Prepared(String sql, String owner, Schema datasetSchema, Schema parameterSchema, List<Object> parameters) {

        Prepared {
            requireNonNull(sql, "sql is null");
            requireNonNull(owner, "owner is null");
            parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        }

        Prepared bound(List<Object> values) {
            return new Prepared(sql, owner, datasetSchema, parameterSchema, values);
        }
    }

    private final Cache<String, Prepared> statements;

    PreparedStatements(int maxStatements, Duration idle) {
        this.statements = Caffeine.newBuilder().maximumSize(maxStatements).expireAfterAccess(idle).build();
    }

    /** Keeps {@code statement} and answers its new handle. */
    String open(Prepared statement) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        statements.put(handle, statement);
        return handle;
    }

    /**
     * The statement of {@code handle} prepared by {@code owner}.
     *
     * @throws PorticoException {@code NOT_FOUND} for a handle closed, expired, never issued, or another's
     */
    Prepared get(String handle, String owner) {
        Prepared statement = statements.getIfPresent(handle);
        if (statement == null || !statement.owner().equals(owner)) {
            throw new PorticoException(ErrorCode.NOT_FOUND, "no open prepared statement has this handle (closed,"
                    + " idle too long, or prepared by someone else); prepare the statement again");
        }
        return statement;
    }

    /** Binds {@code values} to the statement of {@code handle}, prepared by {@code owner}. */
    void bind(String handle, String owner, List<Object> values) {
        statements.put(handle, get(handle, owner).bound(values));
    }

    /** Closes the statement of {@code handle} if {@code owner} prepared it. */
    void close(String handle, String owner) {
        Prepared statement = statements.getIfPresent(handle);
        if (statement != null && statement.owner().equals(owner)) {
            statements.invalidate(handle);
        }
    }

    long size() {
        statements.cleanUp();
        return statements.estimatedSize();
    }
}
