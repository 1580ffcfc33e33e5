package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

/**
 * Something in a port that composition had to leave out of the schema, and why. Composition never fails as a
 * whole because of one port: the rest of the mesh stays queryable.
 *
 * @param portId  the contract id of the port
 * @param path    where in the contract, e.g. {@code $.schema[0].properties[3]} or a dataset name
 * @param message what was left out and why
 * @param kind    what kind of rule left it out
 */
public record CompositionProblem(String portId, String path, String message, Kind kind) {

    /** What kind of rule left something out. */
    public enum Kind {
        /** Names, types, missing columns: the schema cannot expose it. */
        SCHEMA,
        /** A foreign key into a classified field that is not its dataset's primary key ({@link RelationshipKeyRule}). */
        CLASSIFIED_KEY
    }

    public CompositionProblem {
        requireNonNull(portId, "portId is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
        requireNonNull(kind, "kind is null");
    }

    /** A problem of kind {@link Kind#SCHEMA}. */
    public CompositionProblem(String portId, String path, String message) {
        this(portId, path, message, Kind.SCHEMA);
    }

    @Override
    public String toString() {
        return portId + " " + path + ": " + message;
    }
}
