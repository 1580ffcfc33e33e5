package io.portico.gateway.limits;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.language.SourceLocation;
import graphql.schema.DataFetchingEnvironment;
import io.portico.schema.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL errors of a request over a limit: {@code extensions.code} {@code QUERY_LIMIT_EXCEEDED}, with
 * {@code extensions.limit} the property that sets the limit and {@code extensions.maximum} its value.
 */
public final class QueryLimitErrors {

    /** The extension naming the property of the limit. */
    public static final String LIMIT = "limit";
    /** The extension holding the limit's value. */
    public static final String MAXIMUM = "maximum";

    private static final String CODE = "code";

    private QueryLimitErrors() {
    }

    /** A request-level error (no path): the request is refused as a whole. */
    public static GraphQLError error(Limit limit, Object maximum, String message) {
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.ExecutionAborted)
                .message(message)
                .extensions(extensions(limit, maximum))
                .build();
    }

    /** A request-level error of a document-level failure, with its source location when known. */
    static GraphQLError error(Limit limit, Object maximum, String message, SourceLocation location) {
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .errorType(ErrorType.ExecutionAborted)
                .message(message)
                .extensions(extensions(limit, maximum));
        if (location != null) {
            builder.location(location);
        }
        return builder.build();
    }

    /** A request-level error of another code (a fragment cycle is a validation error, not a limit). */
    static GraphQLError validationError(ErrorCode code, String message, SourceLocation location) {
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .errorType(ErrorType.ValidationError)
                .message(message)
                .extensions(Map.of(CODE, code.name()));
        if (location != null) {
            builder.location(location);
        }
        return builder.build();
    }

    /** A field error at the path of {@code environment}: that field answers null. */
    static GraphQLError fieldError(DataFetchingEnvironment environment, Limit limit, Object maximum, String message) {
        return GraphqlErrorBuilder.newError(environment)
                .errorType(ErrorType.DataFetchingException)
                .message(message)
                .extensions(extensions(limit, maximum))
                .build();
    }

    /** Refuses the request with {@code error}: graphql-java answers it without data. */
    static AbortExecutionException refusal(GraphQLError error) {
        return new AbortExecutionException(List.of(error));
    }

    private static Map<String, Object> extensions(Limit limit, Object maximum) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(CODE, ErrorCode.QUERY_LIMIT_EXCEEDED.name());
        extensions.put(LIMIT, limit.property());
        extensions.put(MAXIMUM, maximum);
        return extensions;
    }
}
