package io.portico.schema.compose;

import java.util.Comparator;
import java.util.List;

/**
 * An immutable view of every registered port at one registry version: the only input of
 * {@link SchemaComposer#compose(RegistrySnapshot)}. Ports are kept sorted by domain, contract id, then major
 * version (newest first), so the
 * same set of ports always composes to the same schema whatever order they were registered in.
 *
 * @param version monotonically increasing registry version
 * @param ports   the registered ports
 */
public record RegistrySnapshot(long version, List<PortSnapshot> ports) {

    private static final Comparator<PortSnapshot> PORT_ORDER =
            Comparator.comparing((PortSnapshot port) -> port.contract().domain())
                    .thenComparing(port -> port.contract().id())
                    .thenComparing(Comparator.comparingInt(PortSnapshot::majorVersion).reversed())
                    .thenComparing(PortSnapshot::portKey);

    public RegistrySnapshot {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
        ports = ports.stream().sorted(PORT_ORDER).toList();
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(0, List.of());
    }
}
