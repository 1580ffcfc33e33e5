package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The hand-written part of the GraphQL schema: every classpath resource {@value #LOCATION}, merged into the
 * composed schema of every build ({@link PorticoSchemaDefinitions}). The composed schema owns {@code Query}'s
 * domain fields and every data type; a static file adds its own types, may define {@code type Mutation { ... }}
 * (one file, or {@code extend type Mutation} in the others) and adds query fields with
 * {@code extend type Query { ... }}. Files are read once and merged in file-name order, so the schema text stays
 * deterministic. Their fetchers are ordinary DGS components ({@code @DgsQuery}, {@code @DgsMutation},
 * {@code @DgsData}).
 *
 * <p>Port registration checks a candidate contract against {@link #typeNames()} and {@link #queryFieldNames()}:
 * a dataset whose GraphQL type would collide with a static type is refused.
 */
public final class StaticSchemaFiles {

    /** Where static schema files are found. */
    public static final String LOCATION = "classpath*:portico-graphql/*.graphqls";

    private final List<String> names;
    private final TypeDefinitionRegistry definitions;

    private StaticSchemaFiles(List<String> names, TypeDefinitionRegistry definitions) {
        this.names = List.copyOf(names);
        this.definitions = definitions;
    }

    /** The files at {@value #LOCATION} on the classpath of {@code resolver}. */
    public static StaticSchemaFiles load(ResourcePatternResolver resolver) {
        requireNonNull(resolver, "resolver is null");
        try {
            List<Resource> resources = new ArrayList<>(List.of(resolver.getResources(LOCATION)));
            resources.sort(Comparator.comparing((Resource resource) -> String.valueOf(resource.getFilename()))
                    .thenComparing(resource -> resource.getDescription()));
            List<String> names = new ArrayList<>();
            TypeDefinitionRegistry definitions = new TypeDefinitionRegistry();
            for (Resource resource : resources) {
                String text = resource.getContentAsString(StandardCharsets.UTF_8);
                try {
                    definitions.merge(new SchemaParser().parse(text));
                } catch (SchemaProblem e) {
                    throw new IllegalStateException("the static GraphQL schema file " + resource.getDescription()
                            + " is not valid: " + e.getMessage(), e);
                }
                names.add(resource.getFilename());
            }
            return new StaticSchemaFiles(names, definitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static GraphQL schema files " + LOCATION, e);
        }
    }

    /** The files on this class's class path. */
    public static StaticSchemaFiles load() {
        return load(new PathMatchingResourcePatternResolver(StaticSchemaFiles.class.getClassLoader()));
    }

    /** The file names, in merge order. */
    public List<String> fileNames() {
        return names;
    }

    /**
     * Merges the static definitions into {@code composed} and returns it.
     *
     * @throws SchemaProblem when a static definition collides with a composed one (e.g. a type of the same name)
     */
    public TypeDefinitionRegistry mergeInto(TypeDefinitionRegistry composed) {
        return composed.merge(definitions);
    }

    /** Every type, input, enum, scalar, interface and union name the static files define. */
    public Set<String> typeNames() {
        Set<String> types = new TreeSet<>(definitions.types().keySet());
        types.addAll(definitions.scalars().keySet());
        return types;
    }

    /** The fields the static files add to {@code Query}. */
    public Set<String> queryFieldNames() {
        Set<String> fields = new TreeSet<>();
        definitions.objectTypeExtensions().getOrDefault("Query", List.of())
                .forEach(extension -> extension.getFieldDefinitions().forEach(field -> fields.add(field.getName())));
        definitions.getType("Query").ifPresent(query -> {
            if (query instanceof graphql.language.ObjectTypeDefinition object) {
                object.getFieldDefinitions().forEach(field -> fields.add(field.getName()));
            }
        });
        return fields;
    }
}
