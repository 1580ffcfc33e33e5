package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.store.RegistryState;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.contract.ContractValidationException;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active registrations of the registry database, parsed, for the catalog. Reading them costs one small query
 * (the registry version) while nothing changed; they are read and parsed again only when the registry version
 * moved, and a stored version already parsed is not parsed again. When the database cannot be read, the last
 * registrations read are used (and the failure logged).
 */
final class ActiveRegistrations {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveRegistrations.class);

    private final RegistryStore store;
    private volatile Read last = new Read(-1, List.of());

    /** @param store the registry database; null for a gateway without one (then there are none) */
    ActiveRegistrations(RegistryStore store) {
        this.store = store;
    }

    /** Every active stored version whose document parses, ordered by port id then major version. */
    List<Registration> current() {
        if (store == null) {
            return List.of();
        }
        Read known = last;
        try {
            if (store.registryVersion() == known.registryVersion()) {
                return known.registrations();
            }
            RegistryState state = store.active();
            Read read = new Read(state.registryVersion(), parse(state.active(), known));
            last = read;
            return read.registrations();
        } catch (PorticoException e) {
            LOG.warn("the catalog lists the registrations of registry version {}: {}", known.registryVersion(),
                    e.getMessage());
            return known.registrations();
        }
    }

    private static List<Registration> parse(List<StoredContract> active, Read known) {
        Map<Long, Registration> parsed = new HashMap<>();
        known.registrations().forEach(registration -> parsed.put(registration.stored().registryVersion(), registration));
        List<Registration> registrations = new ArrayList<>(active.size());
        for (StoredContract stored : active) {
            Registration registration = parsed.get(stored.registryVersion());
            if (registration != null) {
                registrations.add(registration);
                continue;
            }
            try {
                registrations.add(new Registration(stored, stored.contract()));
            } catch (ContractValidationException | PorticoException e) {
                LOG.warn("the stored contract of port '{}' (registry version {}) does not parse and is left out of"
                        + " the catalog: {}", stored.portId(), stored.registryVersion(), e.getMessage());
            }
        }
        return List.copyOf(registrations);
    }

    /**
     * One active stored version and its parsed contract.
     *
     * @param stored   the stored version
     * @param contract its document, parsed
     */
    record Registration(StoredContract stored, OutputPortContract contract) {

        Registration {
            requireNonNull(stored, "stored is null");
            requireNonNull(contract, "contract is null");
        }
    }

    private record Read(long registryVersion, List<Registration> registrations) {
    }
}
