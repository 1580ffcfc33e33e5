package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import com.netflix.graphql.dgs.DgsCodeRegistry;
import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsRuntimeWiring;
import com.netflix.graphql.dgs.DgsTypeDefinitionRegistry;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.portico.schema.types.PorticoScalars;

/**
 * What DGS builds the GraphQL schema from: the SDL of the composed schema being installed merged with the static
 * schema files ({@link StaticSchemaFiles}), its data fetchers, and Portico's scalars. DGS calls these on every
 * build, which only the schema reloader's thread triggers; the composed SDL is parsed incrementally
 * ({@link SdlDefinitionCache}).
 */
@DgsComponent
public class PorticoSchemaDefinitions {

    private final DgsSchemaInstaller installer;
    private final SchemaWiring wiring;
    private final StaticSchemaFiles staticFiles;
    private final SdlDefinitionCache parsed = new SdlDefinitionCache();

    public PorticoSchemaDefinitions(DgsSchemaInstaller installer, SchemaWiring wiring, StaticSchemaFiles staticFiles) {
        this.installer = requireNonNull(installer, "installer is null");
        this.wiring = requireNonNull(wiring, "wiring is null");
        this.staticFiles = requireNonNull(staticFiles, "staticFiles is null");
    }

    @DgsTypeDefinitionRegistry
    public TypeDefinitionRegistry typeDefinitions() {
        return staticFiles.mergeInto(parsed.parse(installer.target().schema().definitions()));
    }

    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder dataFetchers(GraphQLCodeRegistry.Builder codeRegistry,
            TypeDefinitionRegistry typeDefinitions) {
        DgsSchemaInstaller.Target target = installer.target();
        wiring.wire(codeRegistry, target.snapshot(), target.schema());
        return codeRegistry;
    }

    @DgsRuntimeWiring
    public RuntimeWiring.Builder scalars(RuntimeWiring.Builder runtimeWiring) {
        PorticoScalars.all().forEach(runtimeWiring::scalar);
        return runtimeWiring;
    }
}
