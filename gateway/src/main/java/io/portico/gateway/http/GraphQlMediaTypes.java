package io.portico.gateway.http;

import java.util.List;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Content negotiation of GraphQL over HTTP: a client that accepts {@code application/graphql-response+json}
 * gets it (with the spec's status codes); anyone else gets {@code application/json} (status 200 for every
 * well-formed request).
 */
final class GraphQlMediaTypes {

    static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");
    static final MediaType LEGACY_GRAPHQL = MediaType.parseMediaType("application/graphql");

    private GraphQlMediaTypes() {
    }

    /**
     * The response type for an {@code Accept} header (null or blank means anything).
     *
     * @return empty when the client accepts neither JSON type (answer 406)
     */
    static Optional<MediaType> responseType(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(MediaType.APPLICATION_JSON);
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return Optional.of(MediaType.APPLICATION_JSON);
        }
        accepted = new java.util.ArrayList<>(accepted);
        accepted.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType() || type.isWildcardSubtype() && type.getType().equals("application")) {
                return Optional.of(MediaType.APPLICATION_JSON);
            }
            if (type.equalsTypeAndSubtype(GRAPHQL_RESPONSE)) {
                return Optional.of(GRAPHQL_RESPONSE);
            }
            if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return Optional.of(MediaType.APPLICATION_JSON);
            }
        }
        return Optional.empty();
    }

    /** Whether a POST body of this content type is a GraphQL request Portico reads. */
    static boolean readable(MediaType contentType) {
        return contentType.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)
                || contentType.equalsTypeAndSubtype(LEGACY_GRAPHQL)
                || contentType.getSubtype().equals("graphql+json");
    }
}
