package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The usage report of a dataset: per field, which subjects (with their roles, groups and domains) read it, how
 * often and when last, over the last {@code days} UTC days (today included). Only the owning domain (a token whose
 * {@code domains} claim names it) and the platform team ({@code portico.security.platform-roles}) may read it.
 */
public final class UsageService {

    /** The window when none is given. */
    public static final int DEFAULT_DAYS = 30;
    private static final int MAX_NAME_LENGTH = 255;

    private final UsageStore store;
    private final Set<String> platformRoles;
    private final int retentionDays;
    private final Clock clock;

    public UsageService(UsageStore store, List<String> platformRoles, int retentionDays, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.platformRoles = Set.copyOf(platformRoles);
        this.retentionDays = retentionDays;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Who read each field of a dataset of a domain (every data product and major version of that name).
     *
     * @throws PorticoException {@code UNAUTHENTICATED} for the anonymous subject; {@code FORBIDDEN} for a subject
     *                          neither of the domain nor of the platform team (whether the dataset exists or not);
     *                          {@code BAD_USER_INPUT} for a blank name or a window outside 1 to retention-days
     */
    public List<FieldUsage> report(Subject subject, String domain, String dataset, int days) {
        requireNonNull(subject, "subject is null");
        requireName(domain, "domain");
        requireMayRead(subject, domain);
        requireName(dataset, "dataset");
        if (days < 1 || days > retentionDays) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "days must be between 1 and " + retentionDays
                    + " (portico.usage.retention-days), was " + days);
        }
        return UsageReports.fold(store.read(domain, dataset, firstDay(days)));
    }

    /**
     * Who read one field of a dataset (or, for a null field, any field of it) in the last {@code days}, every major
     * version together, with no right checked (for the change check, which runs for the domain's own publisher).
     */
    public List<SubjectUsage> consumers(String domain, String dataset, String field, int days) {
        List<StoredUsage> stored = field == null ? store.read(domain, dataset, firstDay(days))
                : store.read(domain, dataset, field, firstDay(days));
        List<StoredUsage> rows = stored.stream()
                .map(row -> new StoredUsage(dataset, "*", row.subjectId(), row.day(), row.reads(), row.lastSeen(),
                        row.roles(), row.groups(), row.domains()))
                .toList();
        List<FieldUsage> folded = UsageReports.fold(rows);
        return folded.isEmpty() ? List.of() : folded.getFirst().subjects();
    }

    private LocalDate firstDay(int days) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
    }

    private void requireMayRead(Subject subject, String domain) {
        if (subject.isAnonymous()) {
            throw new PorticoException(ErrorCode.UNAUTHENTICATED, "the usage of domain '" + domain + "' is for its"
                    + " owners: send 'Authorization: Bearer <token>' with a token whose 'domains' claim names it");
        }
        boolean platform = subject.roles().stream().anyMatch(platformRoles::contains);
        if (!platform && !subject.canPublish(domain)) {
            throw new PorticoException(ErrorCode.FORBIDDEN, "'" + subject.id() + "' may not read the usage of"
                    + " domain '" + domain + "': it is for a token whose 'domains' claim names '" + domain
                    + "' or with a platform role");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, what + " must be a name of 1 to " + MAX_NAME_LENGTH
                    + " characters");
        }
    }
}
