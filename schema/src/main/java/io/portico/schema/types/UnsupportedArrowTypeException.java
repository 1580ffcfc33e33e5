package io.portico.schema.types;

/** An Arrow field whose type Portico cannot expose in GraphQL; the message names the field and the type. */
public final class UnsupportedArrowTypeException extends IllegalArgumentException {

    public UnsupportedArrowTypeException(String message) {
        super(message);
    }
}
