package io.portico.gateway.graphql;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses composed schemas definition by definition ({@code ComposedSchema.definitions()}), reusing what the
 * previous build parsed. A registration changes a handful of definitions (its own types, its domain's type,
 * {@code Query}); every other definition's text is the same as in the schema before, so its syntax tree (immutable
 * in graphql-java) is taken from the previous build instead of parsing megabytes of SDL again.
 *
 * <p>Keeps exactly the definitions of the last build, so memory stays one schema's worth. Not thread-safe: only the
 * schema reloader's thread builds schemas.
 */
final class SdlDefinitionCache {

    private static final ParserOptions SDL_OPTIONS = ParserOptions.getDefaultSdlParserOptions();

    private Map<String, Definition<?>> lastBuild = Map.of();

    /** The type definitions of {@code definitions}, each top-level definition parsed alone or reused. */
    TypeDefinitionRegistry parse(List<String> definitions) {
        Map<String, Definition<?>> thisBuild = new HashMap<>(definitions.size() * 2);
        List<Definition> parsed = new ArrayList<>(definitions.size());
        for (String text : definitions) {
            Definition<?> definition = thisBuild.get(text);
            if (definition == null) {
                definition = lastBuild.get(text);
            }
            if (definition == null) {
                definition = parseOne(text);
            }
            thisBuild.put(text, definition);
            parsed.add(definition);
        }
        TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(
                Document.newDocument().definitions(parsed).build());
        lastBuild = thisBuild;
        return registry;
    }

    /** How many definitions the last build kept for the next one. */
    int size() {
        return lastBuild.size();
    }

    private static Definition<?> parseOne(String text) {
        Document document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                .document(text)
                .parserOptions(SDL_OPTIONS)
                .build());
        if (document.getDefinitions().size() != 1) {
            throw new IllegalArgumentException("a composed schema definition must hold exactly one definition, not "
                    + document.getDefinitions().size() + ": " + text);
        }
        return document.getDefinitions().getFirst();
    }
}
