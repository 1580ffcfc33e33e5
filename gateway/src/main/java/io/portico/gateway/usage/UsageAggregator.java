package io.portico.gateway.usage;

import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditField;
import io.portico.policies.audit.AuditOutcome;
import io.portico.policies.audit.AuditSubject;
import io.portico.policies.model.Effect;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts reads per {@link UsageKey} between two flushes, bounded: a new key beyond {@code maxPendingKeys} is
 * dropped and counted ({@link #droppedReads()}), reads of keys already held still count. Not thread-safe: one
 * thread (the {@link UsageRecorder}'s) adds and drains.
 *
 * <p>What counts as a read: every field of {@link AuditDataset#fields()} and {@link AuditDataset#joinFields()}
 * that was not denied (a denied field answered nothing, so nobody depends on it), once per request even when the
 * request read the dataset twice. A refused request read nothing.
 */
public final class UsageAggregator {

    private final int maxPendingKeys;
    private final Map<UsageKey, Tally> pending = new HashMap<>();
    private long droppedReads;

    public UsageAggregator(int maxPendingKeys) {
        if (maxPendingKeys <= 0) {
            throw new IllegalArgumentException("maxPendingKeys must be above 0: " + maxPendingKeys);
        }
        this.maxPendingKeys = maxPendingKeys;
    }

    /** Counts the reads of one audited request. */
    public void add(AuditEvent event) {
        if (event.outcome() == AuditOutcome.REFUSED || event.datasets().isEmpty()) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
        AuditSubject subject = event.subject();
        Set<UsageKey> counted = new HashSet<>();
        for (AuditDataset dataset : event.datasets()) {
            addFields(dataset.urn(), dataset.fields(), day, event.timestamp(), subject, counted);
            addFields(dataset.urn(), dataset.joinFields(), day, event.timestamp(), subject, counted);
        }
    }

    private void addFields(String urn, List<AuditField> fields, LocalDate day, Instant seen, AuditSubject subject,
            Set<UsageKey> counted) {
        for (AuditField field : fields) {
            if (field.effect() == Effect.DENY) {
                continue;
            }
            UsageKey key = new UsageKey(day, urn, field.field(), subject.id());
            if (counted.add(key)) {
                count(key, seen, subject);
            }
        }
    }

    private void count(UsageKey key, Instant seen, AuditSubject subject) {
        Tally tally = pending.get(key);
        if (tally == null) {
            if (pending.size() >= maxPendingKeys) {
                droppedReads++;
                return;
            }
            tally = new Tally();
            pending.put(key, tally);
        }
        tally.reads++;
        if (tally.lastSeen == null || !seen.isBefore(tally.lastSeen)) {
            tally.lastSeen = seen;
            tally.subject = subject;
        }
    }

    /** How many keys are held until the next {@link #drain()}. */
    public int pendingKeys() {
        return pending.size();
    }

    /** Reads dropped because {@code maxPendingKeys} keys were already held, since this aggregator was made. */
    public long droppedReads() {
        return droppedReads;
    }

    /** Everything counted since the last drain, in no particular order; the aggregator is empty afterwards. */
    public List<UsageDelta> drain() {
        List<UsageDelta> deltas = new ArrayList<>(pending.size());
        pending.forEach((key, tally) -> deltas.add(new UsageDelta(key, tally.reads, tally.lastSeen,
                tally.subject.roles(), tally.subject.groups(), tally.subject.domains())));
        pending.clear();
        return deltas;
    }

    /** The running count of one key. */
    private static final class Tally {
        private long reads;
        private Instant lastSeen;
        private AuditSubject subject;
    }
}
