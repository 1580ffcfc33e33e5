package io.portico.schema.types;

import org.apache.arrow.vector.FieldVector;

/**
 * Reads one slot of an Arrow vector as the Java value its GraphQL scalar serializes. The gateway's hot path:
 * implementations read the typed vector directly and allocate only the value they return.
 */
@FunctionalInterface
public interface ColumnReader {

    /**
     * @param vector a vector of the field this reader was made for ({@link ArrowTypeMapping#forField})
     * @param row    the slot index
     * @return null when the slot is null, else the value (see {@link ArrowTypeMapping} for the Java type per Arrow type)
     */
    Object read(FieldVector vector, int row);
}
