package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.policy.DatasetPolicyTarget;
import io.portico.gateway.port.PortReader;
import io.portico.schema.compose.DatasetBinding;

/**
 * A dataset as the read path reads it, bound when a schema is built: its binding, what policies know it by, and
 * the reader of its port.
 */
public record DatasetSource(DatasetBinding binding, DatasetPolicyTarget target, PortReader port) {

    public DatasetSource {
        requireNonNull(binding, "binding is null");
        requireNonNull(target, "target is null");
        requireNonNull(port, "port is null");
    }
}
