package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

/**
 * Something in a port that composition had to leave out of the schema, and why. Composition never fails as a
 * whole because of one port: the rest of the mesh stays queryable.
 *
 * @param portId  the contract id of the port
 * @param path    where in the contract, e.g. {@code $.schema[0].properties[3]} or a dataset name
 * @param message what was left out and why
 */
public record CompositionProblem(String portId, String path, String message) {

    public CompositionProblem {
        requireNonNull(portId, "portId is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return portId + " " + path + ": " + message;
    }
}
