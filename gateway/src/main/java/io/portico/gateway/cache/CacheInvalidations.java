package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import io.portico.gateway.registry.store.H2WriteGate;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The result cache's invalidations in the registry database ({@code db/migration/V2__cache_invalidation.sql}),
 * so that an invalidation made through one gateway replica reaches every replica: each invalidation raises the
 * one-row invalidation epoch and records it as the port's last invalidation, in one transaction; replicas poll the
 * epoch ({@link #epoch()}: one row by primary key) and read the ports invalidated since ({@link #since}) only when
 * it moved. Writers lock the epoch row first, so epochs commit in order and a poller never skips one.
 */
public final class CacheInvalidations {

    private static final Table<Record> CACHE_EPOCH = table(unquotedName("cache_epoch"));
    private static final org.jooq.Field<Integer> EPOCH_ID = field(unquotedName("id"), SQLDataType.INTEGER);
    private static final org.jooq.Field<Long> EPOCH = field(unquotedName("epoch"), SQLDataType.BIGINT);
    private static final int EPOCH_ROW = 1;
    private static final Table<Record> CACHE_INVALIDATION = table(unquotedName("cache_invalidation"));
    private static final org.jooq.Field<String> PORT_ID = field(unquotedName("port_id"), SQLDataType.VARCHAR);
    private static final org.jooq.Field<String> INVALIDATED_BY =
            field(unquotedName("invalidated_by"), SQLDataType.VARCHAR);
    private static final org.jooq.Field<OffsetDateTime> INVALIDATED_AT =
            field(unquotedName("invalidated_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final int MAX_NAME_LENGTH = 255;

    private final DSLContext dsl;
    private final Clock clock;

    public CacheInvalidations(DSLContext dsl, Clock clock) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Records an invalidation of a port, committed when this returns.
     *
     * @return the invalidation's epoch
     * @throws PorticoException {@code INTERNAL} when the database fails
     */
    public long invalidate(String portId, String invalidatedBy) {
        requireNonNull(portId, "portId is null");
        String by = invalidatedBy.length() > MAX_NAME_LENGTH ? invalidatedBy.substring(0, MAX_NAME_LENGTH)
                : invalidatedBy;
        // Through the gate: on H2 a kill must not leave this transaction half-written (H2WriteGate).
        return database("record the invalidation of port '" + portId + "'", () -> H2WriteGate.write(dsl,
                () -> dsl.transactionResult(configuration -> {
                    DSLContext transaction = configuration.dsl();
                    Long current = transaction.select(EPOCH).from(CACHE_EPOCH).where(EPOCH_ID.eq(EPOCH_ROW))
                            .forUpdate().fetchOne(EPOCH);
                    if (current == null) {
                        throw new IllegalStateException("the registry database has no cache_epoch row; was it"
                                + " migrated?");
                    }
                    long epoch = current + 1;
                    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
                    transaction.update(CACHE_EPOCH).set(EPOCH, epoch).where(EPOCH_ID.eq(EPOCH_ROW)).execute();
                    int updated = transaction.update(CACHE_INVALIDATION)
                            .set(EPOCH, epoch).set(INVALIDATED_BY, by).set(INVALIDATED_AT, now)
                            .where(PORT_ID.eq(portId)).execute();
                    if (updated == 0) {
                        transaction.insertInto(CACHE_INVALIDATION)
                                .set(PORT_ID, portId).set(EPOCH, epoch).set(INVALIDATED_BY, by)
                                .set(INVALIDATED_AT, now).execute();
                    }
                    return epoch;
                })));
    }

    /** The current invalidation epoch: 0 before the first invalidation. */
    public long epoch() {
        return database("read the cache invalidation epoch", () -> {
            Long epoch = dsl.select(EPOCH).from(CACHE_EPOCH).where(EPOCH_ID.eq(EPOCH_ROW)).fetchOne(EPOCH);
            return epoch == null ? 0 : epoch;
        });
    }

    /** A port's last invalidation: the epoch it was recorded at. */
    public record PortInvalidation(String portId, long epoch) {
    }

    /** The ports invalidated after {@code epoch}, each with the epoch of its last invalidation, in epoch order. */
    public List<PortInvalidation> since(long epoch) {
        return database("read the cache invalidations", () -> dsl.select(PORT_ID, EPOCH).from(CACHE_INVALIDATION)
                .where(EPOCH.gt(epoch)).orderBy(EPOCH)
                .fetch(row -> new PortInvalidation(row.value1(), row.value2())));
    }

    private static <T> T database(String action, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (org.jooq.exception.DataAccessException | org.springframework.dao.DataAccessException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "the registry database could not " + action + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
