package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.ContractValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registered ports as the REST API lists them: the registry's active versions and this gateway's configured ports. */
public final class PortListing {

    private final PortRegistry registry;
    private final RegistryStore store;

    public PortListing(PortRegistry registry, RegistryStore store) {
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** Every active port version, ordered by domain, id, then major version. */
    public List<RegisteredPortView> active() {
        Map<String, PortStatus> statuses = statuses();
        List<RegisteredPortView> ports = new ArrayList<>();
        Set<String> stored = new HashSet<>();
        for (StoredContract version : store.active().active()) {
            stored.add(version.portId());
            stored.add(PortSnapshot.olderMajorKey(version.portId(), version.majorVersion()));
            ports.add(view(version, statusOf(statuses, version)));
        }
        statuses.values().stream()
                .filter(status -> !stored.contains(status.portId()) && registry.isLocal(status.portId()))
                .map(this::configured)
                .forEach(ports::add);
        ports.sort(Comparator.comparing(RegisteredPortView::domain).thenComparing(RegisteredPortView::id)
                .thenComparing(port -> port.majorVersion() == null ? 0 : port.majorVersion()));
        return ports;
    }

    /** A port with its history; empty when neither the registry nor this gateway's configuration has it. */
    public Optional<RegisteredPortView.Detail> port(String id) {
        List<StoredContract> history = store.history(id);
        Map<String, PortStatus> statuses = statuses();
        PortStatus status = statuses.get(id);
        if (history.isEmpty()) {
            return status == null ? Optional.empty()
                    : Optional.of(new RegisteredPortView.Detail(id, List.of(configured(status)), List.of()));
        }
        List<RegisteredPortView> active = history.stream()
                .filter(version -> version.ended() == null)
                .map(version -> view(version, statusOf(statuses, version)))
                .toList();
        List<RegisteredPortView.HistoryEntry> entries = history.stream().map(PortListing::entry).toList();
        return Optional.of(new RegisteredPortView.Detail(id, active, entries));
    }

    /** The status of a stored version: under its older-major key when served beside a newer major, else its id. */
    private static PortStatus statusOf(Map<String, PortStatus> statuses, StoredContract version) {
        PortStatus older = statuses.get(PortSnapshot.olderMajorKey(version.portId(), version.majorVersion()));
        return older != null ? older : statuses.get(version.portId());
    }

    private Map<String, PortStatus> statuses() {
        return registry.statuses().stream()
                .collect(Collectors.toMap(PortStatus::portId, Function.identity(), (first, second) -> first));
    }

    private RegisteredPortView view(StoredContract version, PortStatus status) {
        return new RegisteredPortView(version.portId(), version.domain(), version.dataProduct(), version.version(),
                version.majorVersion(), RegisteredPortView.REGISTRY, version.status().name(),
                served(version, status), urns(version), version.registryVersion(), version.registeredAt(),
                version.registeredBy());
    }

    /** UP or DOWN when this gateway serves this version, NOT_SERVED when it serves another one. */
    private String served(StoredContract version, PortStatus status) {
        if (status == null) {
            return "NOT_SERVED";
        }
        boolean thisVersion = registry.snapshot().ports().stream()
                .noneMatch(port -> port.portKey().equals(status.portId())
                        && !port.contract().version().equals(version.version()));
        return thisVersion ? status.state().name() : "NOT_SERVED";
    }

    private RegisteredPortView configured(PortStatus status) {
        Optional<PortSnapshot> served = registry.snapshot().ports().stream()
                .filter(port -> port.contract().id().equals(status.portId()))
                .findFirst();
        return new RegisteredPortView(status.portId(), status.domain(),
                served.map(port -> port.contract().dataProduct()).orElse(null),
                served.map(port -> port.contract().version()).orElse(null),
                served.map(PortSnapshot::majorVersion).orElse(null),
                RegisteredPortView.CONFIGURATION, "ACTIVE", status.state().name(),
                served.map(port -> PortUrns.of(port.contract())).orElse(List.of()), null, null, null);
    }

    private static List<String> urns(StoredContract version) {
        try {
            return PortUrns.of(version.contract());
        } catch (ContractValidationException e) {
            return List.of();
        }
    }

    private static RegisteredPortView.HistoryEntry entry(StoredContract version) {
        return new RegisteredPortView.HistoryEntry(version.revision(), version.version(),
                version.status().name().toLowerCase(Locale.ROOT), version.registryVersion(), version.registeredAt(),
                version.registeredBy(), version.ended() == null ? null : version.ended().at(),
                version.ended() == null ? null : version.ended().by(), version.document());
    }
}
