package io.portico.gateway.port;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;

/**
 * What the read path reads each served port through: the port's own client, or something in front of it (the
 * result cache). Asked once per schema build for every port the new schema serves.
 */
public interface PortReaders {

    /** The port's own client, nothing in front. */
    PortReaders DIRECT = (port, reader) -> reader;

    /**
     * The reader of the port served as {@code port}.
     *
     * @param reader the port's client (guarded by its bulkhead, breaker and timeout)
     */
    PortReader of(PortSnapshot port, PortReader reader);

    /** Told the snapshot of each schema build, before {@link #of} is asked for its ports. */
    default void serving(RegistrySnapshot snapshot) {
    }
}
