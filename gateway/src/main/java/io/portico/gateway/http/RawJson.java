package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

/**
 * A value already written as JSON, which {@link GraphQlJsonWriter} copies as it is: the {@code data} of an answer
 * kept whole ({@code io.portico.gateway.answers}), written once when it was kept.
 *
 * @param json one complete JSON value
 */
public record RawJson(String json) {

    public RawJson {
        requireNonNull(json, "json is null");
    }
}
