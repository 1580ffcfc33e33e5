package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL error as a client reads it (GraphQL over HTTP): {@code message}, {@code locations} only when there are
 * any, {@code path} only when there is one, and {@code extensions} with Portico's {@code code} but without
 * graphql-java's {@code classification} (an implementation class name such as {@code DataFetchingException}, which
 * tells a client nothing the code does not). The classification stays readable in the JVM through
 * {@link #getErrorType()}.
 */
record ClientGraphQlError(String message, List<SourceLocation> locations, List<Object> path,
        Map<String, Object> extensions, ErrorClassification errorType) implements GraphQLError {

    private static final String CLASSIFICATION = "classification";

    ClientGraphQlError {
        requireNonNull(message, "message is null");
        locations = locations == null ? List.of() : List.copyOf(locations);
        extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
        extensions.remove(CLASSIFICATION);
    }

    /** {@code error} as a client reads it. */
    static ClientGraphQlError of(GraphQLError error) {
        if (error instanceof ClientGraphQlError client) {
            return client;
        }
        return new ClientGraphQlError(error.getMessage(), error.getLocations(), error.getPath(),
                error.getExtensions(), error.getErrorType());
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public ErrorClassification getErrorType() {
        return errorType;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> specification = new LinkedHashMap<>();
        specification.put("message", message);
        if (!locations.isEmpty()) {
            List<Map<String, Object>> places = new ArrayList<>(locations.size());
            for (SourceLocation location : locations) {
                places.add(Map.of("line", location.getLine(), "column", location.getColumn()));
            }
            specification.put("locations", places);
        }
        if (path != null) {
            specification.put("path", path);
        }
        if (!extensions.isEmpty()) {
            specification.put("extensions", extensions);
        }
        return specification;
    }
}
