package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import io.portico.gateway.registry.store.H2WriteGate;
import io.portico.schema.compose.Urns;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Usage in the registry database ({@code db/migration/V3__dataset_usage.sql}): one row per UTC day, dataset, field
 * and subject. A flush adds a replica's counts to the rows in one transaction (update, else insert); when another
 * replica inserted the same row meanwhile, the whole flush is tried again, so no count is lost or added twice and
 * the rows hold the sum over replicas. Portable SQL only (H2 and PostgreSQL).
 */
public final class UsageStore {

    private static final Table<Record> USAGE = table(unquotedName("dataset_usage"));
    private static final Field<LocalDate> DAY = field(unquotedName("usage_day"), SQLDataType.LOCALDATE);
    private static final Field<String> URN = field(unquotedName("dataset_urn"), SQLDataType.VARCHAR);
    private static final Field<String> FIELD = field(unquotedName("field_name"), SQLDataType.VARCHAR);
    private static final Field<String> SUBJECT = field(unquotedName("subject_id"), SQLDataType.VARCHAR);
    private static final Field<String> DOMAIN = field(unquotedName("domain_name"), SQLDataType.VARCHAR);
    private static final Field<String> DATASET = field(unquotedName("dataset_name"), SQLDataType.VARCHAR);
    private static final Field<Long> READS = field(unquotedName("reads"), SQLDataType.BIGINT);
    private static final Field<OffsetDateTime> LAST_SEEN =
            field(unquotedName("last_seen"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<String> ROLES = field(unquotedName("subject_roles"), SQLDataType.VARCHAR);
    private static final Field<String> GROUPS = field(unquotedName("subject_groups"), SQLDataType.VARCHAR);
    private static final Field<String> DOMAINS = field(unquotedName("subject_domains"), SQLDataType.VARCHAR);
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_NAMES_LENGTH = 4000;
    private static final int ATTEMPTS = 3;

    private final DSLContext dsl;

    public UsageStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /**
     * Adds reads to the stored counts, committed when this returns.
     *
     * @throws PorticoException {@code INTERNAL} when the database fails
     */
    public void add(List<UsageDelta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                // Through the gate: on H2 a kill must not leave this transaction half-written (H2WriteGate).
                database("add usage", () -> H2WriteGate.write(dsl, () -> {
                    dsl.transaction(configuration -> deltas.forEach(delta -> add(configuration.dsl(), delta)));
                    return null;
                }));
                return;
            } catch (PorticoException e) {
                if (attempt >= ATTEMPTS || !(e.getCause() instanceof IntegrityConstraintViolationException)) {
                    throw e;
                }
            }
        }
    }

    private static void add(DSLContext transaction, UsageDelta delta) {
        UsageKey key = delta.key();
        OffsetDateTime seen = delta.lastSeen().atOffset(ZoneOffset.UTC);
        String subject = truncate(key.subjectId(), MAX_NAME_LENGTH);
        int updated = transaction.update(USAGE)
                .set(READS, READS.plus(delta.reads()))
                .set(LAST_SEEN, greatest(LAST_SEEN, DSL.val(seen, LAST_SEEN)))
                .set(ROLES, names(delta.roles())).set(GROUPS, names(delta.groups()))
                .set(DOMAINS, names(delta.domains()))
                .where(DAY.eq(key.day()), URN.eq(key.datasetUrn()), FIELD.eq(key.field()), SUBJECT.eq(subject))
                .execute();
        if (updated > 0) {
            return;
        }
        Urns.Urn urn = Urns.parse(key.datasetUrn());
        transaction.insertInto(USAGE)
                .set(DAY, key.day()).set(URN, key.datasetUrn()).set(FIELD, key.field()).set(SUBJECT, subject)
                .set(DOMAIN, truncate(urn.domain(), MAX_NAME_LENGTH))
                .set(DATASET, truncate(urn.dataset() == null ? "" : urn.dataset(), MAX_NAME_LENGTH))
                .set(READS, delta.reads()).set(LAST_SEEN, seen)
                .set(ROLES, names(delta.roles())).set(GROUPS, names(delta.groups()))
                .set(DOMAINS, names(delta.domains()))
                .execute();
    }

    /** The stored rows of one dataset (by domain and dataset name, every product and major version) since a day. */
    public List<StoredUsage> read(String domain, String dataset, LocalDate since) {
        return read(DOMAIN.eq(segment(domain)).and(DATASET.eq(segment(dataset))).and(DAY.ge(since)));
    }

    /** The stored rows of one field of one dataset since a day. */
    public List<StoredUsage> read(String domain, String dataset, String field, LocalDate since) {
        return read(DOMAIN.eq(segment(domain)).and(DATASET.eq(segment(dataset))).and(FIELD.eq(field))
                .and(DAY.ge(since)));
    }

    private List<StoredUsage> read(Condition condition) {
        return database("read usage", () -> dsl.select(URN, FIELD, SUBJECT, DAY, READS, LAST_SEEN, ROLES, GROUPS,
                DOMAINS).from(USAGE).where(condition).orderBy(URN, FIELD, SUBJECT, DAY)
                .fetch(row -> new StoredUsage(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6().toInstant(), split(row.value7()), split(row.value8()), split(row.value9()))));
    }

    /** Deletes the days before {@code firstKept}; returns the rows deleted. */
    public int deleteBefore(LocalDate firstKept) {
        return database("delete old usage", () -> H2WriteGate.write(dsl,
                () -> dsl.deleteFrom(USAGE).where(DAY.lt(firstKept)).execute()));
    }

    /** URNs hold names in lower case, so a name matches the URN's domain and dataset whatever its case. */
    private static String segment(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String names(List<String> names) {
        return truncate(String.join(",", names), MAX_NAMES_LENGTH);
    }

    private static List<String> split(String names) {
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
    }

    private static String truncate(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }

    private static <T> T database(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (org.jooq.exception.DataAccessException | org.springframework.dao.DataAccessException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "the registry database could not " + action + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
