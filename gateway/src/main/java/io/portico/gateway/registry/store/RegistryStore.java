package io.portico.gateway.registry.store;

import static io.portico.gateway.registry.store.RegistryTables.CONTRACT_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.CONTRACT_VERSION_COLUMNS;
import static io.portico.gateway.registry.store.RegistryTables.DATA_PRODUCT;
import static io.portico.gateway.registry.store.RegistryTables.DOCUMENT;
import static io.portico.gateway.registry.store.RegistryTables.DOMAIN;
import static io.portico.gateway.registry.store.RegistryTables.ENDED_AT;
import static io.portico.gateway.registry.store.RegistryTables.ENDED_BY;
import static io.portico.gateway.registry.store.RegistryTables.ENDED_REGISTRY_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.MAJOR_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.MAX_NAME_LENGTH;
import static io.portico.gateway.registry.store.RegistryTables.PORT_ID;
import static io.portico.gateway.registry.store.RegistryTables.REGISTERED_AT;
import static io.portico.gateway.registry.store.RegistryTables.REGISTERED_BY;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION_CHANGED_AT;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION_ID;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION_OF_ROW;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION_ROW;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.REVISION;
import static io.portico.gateway.registry.store.RegistryTables.SEMANTIC_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.STATUS;
import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable port registry: every version of every contract ever registered, in a relational database (H2 or
 * PostgreSQL; tables in {@code db/migration}, created by Flyway), through jOOQ.
 *
 * <p>Every change (a registration or a retirement) is one transaction that also bumps the registry-wide
 * {@link #registryVersion() registry version}, and the methods return only after that transaction committed: a
 * returned result is durable (an <em>acknowledged</em> change), an exception means the change is not acknowledged
 * (after a lost connection during the commit it may still have been stored; {@link #history} tells). Writers lock
 * the registry version row first, so changes from any number of threads and gateway processes sharing the
 * database are serialized: registry versions are strictly increasing and never reused, and no change is lost.
 * Do not call the writing methods inside an outer transaction: they would commit only with it.
 *
 * <p>On H2 the store switches off the database's write delay ({@code SET WRITE_DELAY 0}) when it is created:
 * with H2's default of 500 ms a process killed right after a commit loses that commit. And its writing transactions
 * go through the {@link H2WriteGate}, one at a time in this JVM through their commit: H2 could otherwise write a
 * transaction that commits while another session saves the file half to it, which a kill then leaves half-applied.
 */
public final class RegistryStore {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);

    /** How long an H2 writer waits for the registry version lock held by another writer. */
    private static final int H2_LOCK_TIMEOUT_MILLIS = 30_000;

    private final DSLContext dsl;
    private final Clock clock;
    private final boolean h2;

    /**
     * @param dsl   a jOOQ context over the registry database, migrated ({@code db/migration}); its dialect must be
     *              {@link SQLDialect#H2} or {@link SQLDialect#POSTGRES}
     * @param clock the time of registrations and retirements
     */
    public RegistryStore(DSLContext dsl, Clock clock) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.clock = requireNonNull(clock, "clock is null");
        SQLDialect family = dsl.dialect().family();
        if (family != SQLDialect.H2 && family != SQLDialect.POSTGRES) {
            throw new IllegalArgumentException("the registry database must be H2 or PostgreSQL, was " + dsl.dialect());
        }
        this.h2 = family == SQLDialect.H2;
        if (h2) {
            database("make H2 commits durable", () -> dsl.execute("SET WRITE_DELAY 0"));
            database("reconcile the registry after a crash", this::reconcileAfterCrash);
        }
    }

    /**
     * Repairs what a process killed right after commits could leave in an H2 file written without the
     * {@link H2WriteGate} (by a gateway before it, or a writer that bypasses the store). After {@code kill -9},
     * RegistryCrashTest saw H2's MVStore (about one run in six) keep the rows of the last committed
     * registrations but lose the last updates of the one-row registry version (the version then reads lower than
     * registrations that were acknowledged, and the next registration of such a port broke its constraints), and
     * keep some writes of the unacknowledged registration in flight at the kill but not others: H2 had saved a
     * transaction half, as it committed during another session's save. This repairs what SQL can see; it cannot
     * mend a table whose index disagrees with it (the gate prevents that). The contract rows
     * are the truth (every acknowledged registration was always found among them), so, under the version lock: a
     * version superseded by a registration whose row was lost is active again; the registry version is raised to
     * the highest version any row was registered or ended at (so versions are never reused; a lost unacknowledged
     * change may leave a gap); and where two versions of one port and major are active, the older ones are ended
     * by the newest, as its registration had done. PostgreSQL's write-ahead log keeps every committed change and
     * none of an uncommitted one, so this runs on H2 only.
     *
     * @return how many repairs were made
     */
    private int reconcileAfterCrash() {
        return writeTransaction(configuration -> {
            DSLContext transaction = configuration.dsl();
            long version = lockRegistryVersion(transaction);
            var superseding = CONTRACT_VERSION.as(DSL.unquotedName("superseding"));
            int orphans = transaction.update(CONTRACT_VERSION)
                    .set(STATUS, RegistrationStatus.ACTIVE.column())
                    .set(ENDED_REGISTRY_VERSION, (Long) null)
                    .set(ENDED_BY, (String) null)
                    .set(ENDED_AT, (java.time.OffsetDateTime) null)
                    .where(STATUS.eq(RegistrationStatus.SUPERSEDED.column()))
                    .andNotExists(DSL.selectOne().from(superseding).where(
                            DSL.field(DSL.unquotedName("superseding", "registry_version"), Long.class).eq(DSL.field(
                                    DSL.unquotedName("contract_version", "ended_registry_version"), Long.class))))
                    .execute();
            if (orphans > 0) {
                LOG.warn("{} registration(s) were superseded by a registration the database lost in a crash (it was"
                        + " never acknowledged); they are active again", orphans);
            }
            Long highestRow = transaction.select(DSL.max(REGISTRY_VERSION_OF_ROW)).from(CONTRACT_VERSION)
                    .fetchOne(0, Long.class);
            Long highestEnd = transaction.select(DSL.max(ENDED_REGISTRY_VERSION)).from(CONTRACT_VERSION)
                    .fetchOne(0, Long.class);
            long highest = Math.max(version, Math.max(highestRow == null ? 0 : highestRow,
                    highestEnd == null ? 0 : highestEnd));
            int repairs = orphans;
            if (highest > version) {
                setRegistryVersion(transaction, highest, clock.instant());
                LOG.warn("the registry version read {} but registrations reach {}: the database lost its last"
                        + " version update(s) in a crash; the version is {} again", version, highest, highest);
                repairs++;
            }
            var duplicates = transaction.select(PORT_ID, MAJOR_VERSION, DSL.max(REGISTRY_VERSION_OF_ROW))
                    .from(CONTRACT_VERSION)
                    .where(STATUS.eq(RegistrationStatus.ACTIVE.column()))
                    .groupBy(PORT_ID, MAJOR_VERSION)
                    .having(DSL.count().gt(1))
                    .fetch();
            for (var duplicate : duplicates) {
                long newest = duplicate.value3();
                StoredContract newestVersion = transaction.select(CONTRACT_VERSION_COLUMNS).from(CONTRACT_VERSION)
                        .where(REGISTRY_VERSION_OF_ROW.eq(newest)).fetchOne(RegistryStore::storedContract);
                repairs += transaction.update(CONTRACT_VERSION)
                        .set(STATUS, RegistrationStatus.SUPERSEDED.column())
                        .set(ENDED_REGISTRY_VERSION, newest)
                        .set(ENDED_BY, newestVersion.registeredBy())
                        .set(ENDED_AT, timestamp(newestVersion.registeredAt()))
                        .where(PORT_ID.eq(duplicate.value1()), MAJOR_VERSION.eq(duplicate.value2()),
                                STATUS.eq(RegistrationStatus.ACTIVE.column()), REGISTRY_VERSION_OF_ROW.lt(newest))
                        .execute();
                LOG.warn("port '{}' major {} had more than one active version after a crash; the versions before"
                        + " registry version {} are superseded by it again", duplicate.value1(), duplicate.value2(),
                        newest);
            }
            return repairs;
        });
    }

    /**
     * Stores a new version of a port's contract and makes it the active one of its major version (the previous
     * active version of that port and major version becomes superseded; other major versions stay as they are).
     *
     * @param contract     the parsed {@code document}
     * @param document     the contract document as registered, kept verbatim
     * @param registeredBy who registers it
     * @return the stored version, committed
     * @throws PorticoException {@code INVALID_CONTRACT} when a name is longer than the database holds or the
     *                          version has no numeric major part; {@code INTERNAL} when the database fails
     */
    public StoredContract register(OutputPortContract contract, String document, String registeredBy) {
        return register(contract, document, registeredBy, OptionalLong.empty());
    }

    /**
     * {@link #register(OutputPortContract, String, String)} if the port is still as its writer last saw it: a
     * compare-and-set on the port's {@link #lastChange last change}, checked in the transaction that writes, under
     * the registry version lock. Of several writers (threads or gateway processes sharing the database) that read
     * the port at the same change and decided to publish from it, exactly one stores its version; the others get
     * a {@link StalePortStateException} and nothing of theirs is stored.
     *
     * @param expectedLastChange the port's last change as the decision to publish saw it ({@link #lastChange} of
     *                           the history it read: 0 for a port never registered); empty to store unconditionally
     * @throws StalePortStateException when the port changed since (nothing stored)
     */
    public StoredContract register(OutputPortContract contract, String document, String registeredBy,
            OptionalLong expectedLastChange) {
        requireNonNull(contract, "contract is null");
        requireNonNull(expectedLastChange, "expectedLastChange is null");
        requireNonNull(document, "document is null");
        requireName(registeredBy, "registeredBy");
        requireFits(contract.id(), "id", contract);
        requireFits(contract.domain(), "domain", contract);
        requireFits(contract.dataProduct(), "dataProduct", contract);
        requireFits(contract.version(), "version", contract);
        int major = contract.majorVersion();
        return database("store the registration of port '" + contract.id() + "'", () -> writeTransaction(
                configuration -> {
                    DSLContext transaction = configuration.dsl();
                    Instant now = now();
                    long version = nextRegistryVersion(transaction, now);
                    if (expectedLastChange.isPresent()) {
                        long found = lastChange(transaction, contract.id());
                        if (found != expectedLastChange.getAsLong()) {
                            throw new StalePortStateException(contract.id(), expectedLastChange.getAsLong(), found);
                        }
                    }
                    Integer lastRevision = transaction.select(DSL.max(REVISION))
                            .from(CONTRACT_VERSION)
                            .where(PORT_ID.eq(contract.id()))
                            .fetchOne(0, Integer.class);
                    int revision = lastRevision == null ? 1 : lastRevision + 1;
                    end(transaction, activeVersions(contract.id()).and(MAJOR_VERSION.eq(major)),
                            RegistrationStatus.SUPERSEDED, version, registeredBy, now);
                    transaction.insertInto(CONTRACT_VERSION)
                            .set(REGISTRY_VERSION_OF_ROW, version)
                            .set(PORT_ID, contract.id())
                            .set(REVISION, revision)
                            .set(DOMAIN, contract.domain())
                            .set(DATA_PRODUCT, contract.dataProduct())
                            .set(SEMANTIC_VERSION, contract.version())
                            .set(MAJOR_VERSION, major)
                            .set(STATUS, RegistrationStatus.ACTIVE.column())
                            .set(DOCUMENT, document)
                            .set(REGISTERED_BY, registeredBy)
                            .set(REGISTERED_AT, timestamp(now))
                            .execute();
                    return new StoredContract(version, contract.id(), revision, contract.domain(),
                            contract.dataProduct(), contract.version(), major, RegistrationStatus.ACTIVE, document,
                            registeredBy, now, null);
                }));
    }

    /**
     * Retires every active version of a port.
     *
     * @return the registry version of the retirement, committed; empty when the port has no active version
     *         (nothing changes then, and the registry version stays)
     */
    public OptionalLong retire(String portId, String retiredBy) {
        requireNonNull(portId, "portId is null");
        return retire(activeVersions(portId), "port '" + portId + "'", retiredBy);
    }

    /**
     * Retires the active version of one major version of a port; its other major versions stay active.
     *
     * @return the registry version of the retirement, committed; empty when that major version is not active
     */
    public OptionalLong retire(String portId, int majorVersion, String retiredBy) {
        requireNonNull(portId, "portId is null");
        return retire(activeVersions(portId).and(MAJOR_VERSION.eq(majorVersion)),
                "major version " + majorVersion + " of port '" + portId + "'", retiredBy);
    }

    /** The active versions, read consistently with the registry version they are of. */
    public RegistryState active() {
        // Locking the version row stores a row lock in H2: a write.
        return database("read the active registrations", () -> writeTransaction(configuration -> {
            DSLContext transaction = configuration.dsl();
            // Locking the version row keeps writers out while the rows are read, so they match the version.
            long version = lockRegistryVersion(transaction);
            List<StoredContract> active = transaction.select(CONTRACT_VERSION_COLUMNS)
                    .from(CONTRACT_VERSION)
                    .where(STATUS.eq(RegistrationStatus.ACTIVE.column()))
                    .orderBy(PORT_ID, MAJOR_VERSION)
                    .fetch(RegistryStore::storedContract);
            return new RegistryState(version, active);
        }));
    }

    /** Every stored version of a port, oldest first; empty when the port was never registered. */
    public List<StoredContract> history(String portId) {
        requireNonNull(portId, "portId is null");
        return database("read the history of port '" + portId + "'", () -> dsl.select(CONTRACT_VERSION_COLUMNS)
                .from(CONTRACT_VERSION)
                .where(PORT_ID.eq(portId))
                .orderBy(REVISION)
                .fetch(RegistryStore::storedContract));
    }

    /**
     * The registry version of a port's last change (a registration, a supersession or a retirement of any of its
     * versions) in a history read from {@link #history}: 0 for a port never registered. Pass it to
     * {@link #register(OutputPortContract, String, String, OptionalLong)} to store only if nothing changed since.
     */
    public static long lastChange(List<StoredContract> history) {
        long last = 0;
        for (StoredContract version : history) {
            last = Math.max(last, version.registryVersion());
            if (version.ended() != null) {
                last = Math.max(last, version.ended().registryVersion());
            }
        }
        return last;
    }

    private static long lastChange(DSLContext transaction, String portId) {
        var last = transaction.select(DSL.max(REGISTRY_VERSION_OF_ROW), DSL.max(ENDED_REGISTRY_VERSION))
                .from(CONTRACT_VERSION)
                .where(PORT_ID.eq(portId))
                .fetchOne();
        long registered = last == null || last.value1() == null ? 0 : last.value1();
        long ended = last == null || last.value2() == null ? 0 : last.value2();
        return Math.max(registered, ended);
    }

    /** The registry version: 0 before the first change, then bumped by every committed change. */
    public long registryVersion() {
        return database("read the registry version", () -> dsl.select(REGISTRY_VERSION_VERSION)
                .from(REGISTRY_VERSION)
                .where(REGISTRY_VERSION_ID.eq(REGISTRY_VERSION_ROW))
                .fetchSingle(REGISTRY_VERSION_VERSION));
    }

    private OptionalLong retire(Condition versions, String what, String retiredBy) {
        requireName(retiredBy, "retiredBy");
        return database("retire " + what, () -> writeTransaction(configuration -> {
            DSLContext transaction = configuration.dsl();
            long current = lockRegistryVersion(transaction);
            if (!transaction.fetchExists(CONTRACT_VERSION, versions)) {
                return OptionalLong.empty();
            }
            Instant now = now();
            long version = current + 1;
            setRegistryVersion(transaction, version, now);
            end(transaction, versions, RegistrationStatus.RETIRED, version, retiredBy, now);
            return OptionalLong.of(version);
        }));
    }

    /**
     * Runs {@code work} in a transaction that writes, committed when this returns; on H2 through the
     * {@link H2WriteGate}, so that a kill cannot leave it half-written in the file.
     */
    private <T> T writeTransaction(TransactionalCallable<T> work) {
        return H2WriteGate.write(dsl, () -> dsl.transactionResult(work));
    }

    private static Condition activeVersions(String portId) {
        return PORT_ID.eq(portId).and(STATUS.eq(RegistrationStatus.ACTIVE.column()));
    }

    private static void end(DSLContext transaction, Condition versions, RegistrationStatus status, long version,
            String by, Instant now) {
        transaction.update(CONTRACT_VERSION)
                .set(STATUS, status.column())
                .set(ENDED_REGISTRY_VERSION, version)
                .set(ENDED_BY, by)
                .set(ENDED_AT, timestamp(now))
                .where(versions)
                .execute();
    }

    private long nextRegistryVersion(DSLContext transaction, Instant now) {
        long version = lockRegistryVersion(transaction) + 1;
        setRegistryVersion(transaction, version, now);
        return version;
    }

    /** Locks the registry version row until the transaction ends (other writers wait) and reads it. */
    private long lockRegistryVersion(DSLContext transaction) {
        if (h2) {
            // H2's default lock timeout (a second or two) is shorter than a burst of concurrent writers may take.
            transaction.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MILLIS);
        }
        Long version = transaction.select(REGISTRY_VERSION_VERSION)
                .from(REGISTRY_VERSION)
                .where(REGISTRY_VERSION_ID.eq(REGISTRY_VERSION_ROW))
                .forUpdate()
                .fetchOne(REGISTRY_VERSION_VERSION);
        if (version == null) {
            throw new IllegalStateException("the registry database has no registry_version row; was it migrated?");
        }
        return version;
    }

    private static void setRegistryVersion(DSLContext transaction, long version, Instant now) {
        transaction.update(REGISTRY_VERSION)
                .set(REGISTRY_VERSION_VERSION, version)
                .set(REGISTRY_VERSION_CHANGED_AT, timestamp(now))
                .where(REGISTRY_VERSION_ID.eq(REGISTRY_VERSION_ROW))
                .execute();
    }

    private static StoredContract storedContract(Record row) {
        RegistrationStatus status = RegistrationStatus.fromColumn(row.get(STATUS));
        StoredContract.Ending ended = status == RegistrationStatus.ACTIVE ? null : new StoredContract.Ending(
                row.get(ENDED_REGISTRY_VERSION), row.get(ENDED_BY), row.get(ENDED_AT).toInstant());
        return new StoredContract(row.get(REGISTRY_VERSION_OF_ROW), row.get(PORT_ID), row.get(REVISION),
                row.get(DOMAIN), row.get(DATA_PRODUCT), row.get(SEMANTIC_VERSION), row.get(MAJOR_VERSION), status,
                row.get(DOCUMENT), row.get(REGISTERED_BY), row.get(REGISTERED_AT).toInstant(), ended);
    }

    /** Microseconds: what PostgreSQL keeps, so a stored time reads back equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void requireName(String value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(name + " must have 1 to " + MAX_NAME_LENGTH + " characters, was '"
                    + value + "'");
        }
    }

    private static void requireFits(String value, String property, OutputPortContract contract) {
        if (value.length() > MAX_NAME_LENGTH) {
            throw new PorticoException(ErrorCode.INVALID_CONTRACT, "contract '" + abbreviate(contract.id()) + "': "
                    + property + " has " + value.length() + " characters; the registry keeps at most "
                    + MAX_NAME_LENGTH);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    private static <T> T database(String action, DatabaseCall<T> call) {
        try {
            return call.run();
        } catch (org.jooq.exception.DataAccessException | org.springframework.dao.DataAccessException e) {
            LOG.warn("the registry database could not {}: {}", action, e.getMessage());
            throw new PorticoException(ErrorCode.INTERNAL, "the registry database could not " + action + " ("
                    + rootMessage(e) + ")", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @FunctionalInterface
    private interface DatabaseCall<T> {
        T run();
    }
}
