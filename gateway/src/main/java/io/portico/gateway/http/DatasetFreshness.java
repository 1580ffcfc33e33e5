package io.portico.gateway.http;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How stale each dataset's data may be, by dataset URN: the freshness its port's contract states
 * ({@link io.portico.schema.contract.OutputPortContract#freshness()}), indexed once per registry snapshot (the
 * newest one asked about is kept).
 */
final class DatasetFreshness {

    private final AtomicReference<Indexed> latest = new AtomicReference<>();

    /** The freshness the contract of the port serving dataset {@code urn} in {@code snapshot} states, if any. */
    Optional<Duration> of(RegistrySnapshot snapshot, String urn) {
        Indexed indexed = latest.get();
        if (indexed == null || indexed.snapshot() != snapshot) {
            indexed = Indexed.of(snapshot);
            latest.set(indexed);
        }
        return indexed.byUrn().getOrDefault(urn, Optional.empty());
    }

    private record Indexed(RegistrySnapshot snapshot, Map<String, Optional<Duration>> byUrn) {

        static Indexed of(RegistrySnapshot snapshot) {
            Map<String, Optional<Duration>> byUrn = new HashMap<>();
            for (PortSnapshot port : snapshot.ports()) {
                Optional<Duration> freshness = port.contract().freshness();
                for (DatasetContract dataset : port.contract().datasets()) {
                    byUrn.put(Urns.dataset(port.contract(), dataset.name()), freshness);
                }
            }
            return new Indexed(snapshot, byUrn);
        }
    }
}
