package io.portico.gateway.tracing;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.PortReader;
import io.portico.gateway.port.PortReaders;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;

/**
 * The readers of the read path with a {@link TracingPortReader} outermost, so a port call's span covers the result
 * cache too (and records whether it answered); the readers of {@code delegate} as they are when tracing is off.
 */
public final class TracingPortReaders implements PortReaders {

    private final PortReaders delegate;
    private final GatewayTracing tracing;

    public TracingPortReaders(PortReaders delegate, GatewayTracing tracing) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
    }

    @Override
    public PortReader of(PortSnapshot port, PortReader reader) {
        PortReader read = delegate.of(port, reader);
        return tracing.enabled() ? new TracingPortReader(read, tracing) : read;
    }

    @Override
    public void serving(RegistrySnapshot snapshot) {
        delegate.serving(snapshot);
    }
}
