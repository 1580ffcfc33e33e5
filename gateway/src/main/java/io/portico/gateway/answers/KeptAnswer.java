package io.portico.gateway.answers;

import io.portico.gateway.port.CachedReads;
import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditOperation;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.List;
import java.util.Map;

/**
 * A whole answer as the answer cache keeps it: its {@code data} as JSON, what its request recorded for its audit
 * event and its HTTP freshness (replayed into every request it answers), and the cached port answers it was made
 * of, without which it is not served.
 *
 * @param dataJson          the answer's {@code data}, as JSON
 * @param datasetsRead      the datasets its request read, as audited (fields, decisions, row filters, rows)
 * @param datasetsConsulted the datasets it depends on, for its {@code Cache-Control}
 * @param operation         its operation, as audited
 * @param sources           the cached port answers it was made of
 */
record KeptAnswer(String dataJson, List<AuditDataset> datasetsRead, Map<String, RegistrySnapshot> datasetsConsulted,
        AuditOperation operation, List<CachedReads.Source> sources) {

    KeptAnswer {
        datasetsRead = List.copyOf(datasetsRead);
        datasetsConsulted = Map.copyOf(datasetsConsulted);
        sources = List.copyOf(sources);
    }

    /** Whether every port answer it was made of is still the one the result cache serves. */
    boolean stillValid() {
        for (CachedReads.Source source : sources) {
            if (!source.stillServed()) {
                return false;
            }
        }
        return true;
    }

    /** The shortest time to live of its port answers: it is never kept longer. */
    long ttlNanos() {
        return sources.stream().mapToLong(CachedReads.Source::ttlNanos).min().orElse(0);
    }
}
