package io.portico.gateway.registry;

import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.RegistrySnapshot;

/**
 * Turns a composed schema into the executable GraphQL schema that serves requests. Called by the
 * {@link SchemaReloader} only, one call at a time, never on a request thread.
 */
public interface SchemaInstaller {

    /**
     * Builds the executable schema of {@code schema} and makes it the one new requests run on. Requests already
     * running finish on the schema they started with.
     *
     * @param snapshot the registry snapshot {@code schema} was composed from (where each port is)
     * @param schema   the composed schema
     * @throws RuntimeException when the schema cannot be built; the previous schema then keeps serving
     */
    void install(RegistrySnapshot snapshot, ComposedSchema schema);
}
