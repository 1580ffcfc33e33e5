package io.portico.gateway.http;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.introspection.GoodFaithIntrospection;
import graphql.schema.CoercingParseValueException;
import io.portico.schema.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Gives every GraphQL error of a response an {@code extensions.code} and the shape a client reads
 * ({@link ClientGraphQlError}: no empty {@code locations}, no graphql-java {@code classification}). Field errors
 * already carry a code (the data fetcher exception resolver sets it); this adds the code of errors graphql-java
 * raises before execution: {@code GRAPHQL_PARSE_FAILED}, {@code GRAPHQL_VALIDATION_FAILED}, {@code BAD_USER_INPUT}
 * for a variable value that cannot be coerced, {@code QUERY_LIMIT_EXCEEDED} for an introspection query that is not
 * in good faith, and {@code INTERNAL} for anything else.
 */
public final class ErrorCodeInterceptor implements WebGraphQlInterceptor {

    private static final String VALIDATION_HINT = " Check the query against the schema: GraphiQL at /graphiql"
            + " lists every field and argument.";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(ErrorCodeInterceptor::withCodes);
    }

    static WebGraphQlResponse withCodes(WebGraphQlResponse response) {
        List<GraphQLError> errors = response.getExecutionResult().getErrors();
        if (errors.isEmpty()) {
            return response;
        }
        List<GraphQLError> coded = errors.stream()
                .map(error -> (GraphQLError) ClientGraphQlError.of(withCode(error)))
                .toList();
        return response.transform(builder -> builder.errors(coded));
    }

    /** The code of an error graphql-java raised (not a data fetcher's). */
    static ErrorCode codeOf(GraphQLError error) {
        if (error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException) {
            return ErrorCode.BAD_USER_INPUT;
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            return ErrorCode.QUERY_LIMIT_EXCEEDED;
        }
        if (!(error.getErrorType() instanceof ErrorType type)) {
            return ErrorCode.INTERNAL;
        }
        return switch (type) {
            case InvalidSyntax -> ErrorCode.GRAPHQL_PARSE_FAILED;
            case ValidationError, OperationNotSupported -> ErrorCode.GRAPHQL_VALIDATION_FAILED;
            default -> ErrorCode.INTERNAL;
        };
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().containsKey(GraphQlErrors.CODE);
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (hasCode(error)) {
            return error;
        }
        ErrorCode code = codeOf(error);
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put(GraphQlErrors.CODE, code.name());
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(withHint(error.getMessage(), code))
                .locations(error.getLocations())
                .errorType(error.getErrorType())
                .extensions(extensions);
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }

    private static String withHint(String message, ErrorCode code) {
        String hint = hint(code);
        if (hint.isEmpty()) {
            return message;
        }
        String sentence = message.strip();
        return sentence.endsWith(".") ? sentence + hint : sentence + "." + hint;
    }

    private static String hint(ErrorCode code) {
        return switch (code) {
            case GRAPHQL_PARSE_FAILED -> " Fix the syntax of the query document.";
            case GRAPHQL_VALIDATION_FAILED -> VALIDATION_HINT;
            case BAD_USER_INPUT -> " Pass a value of the variable's declared type.";
            case QUERY_LIMIT_EXCEEDED -> " Ask for each introspection field at most once per level, as GraphiQL's"
                    + " introspection query does, or fetch the schema once and keep it.";
            default -> "";
        };
    }
}
