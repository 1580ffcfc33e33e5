package io.portico.gateway.security;

import io.portico.policies.Subject;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import reactor.core.publisher.Mono;

/**
 * Puts the request's {@link Subject} into the GraphQL context of the operation, where fetchers read it with
 * {@link CurrentSubject#of(graphql.schema.DataFetchingEnvironment)}. Every GraphQL request over HTTP goes through
 * here: {@code io.portico.gateway.http.GraphQlHttpEndpoint} executes through spring-graphql's
 * {@code WebGraphQlHandler}, which runs the interceptor chain.
 *
 * <p>The subject is read from the security context the bearer token filter stored in the request's attributes
 * (independent of the thread the chain runs on), else from this thread's security context.
 */
public final class SubjectGraphQlInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Subject subject = subjectOf(request);
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(CurrentSubject.CONTEXT_KEY, subject);
            return input;
        });
        return chain.next(request);
    }

    /** The subject of a GraphQL request over HTTP: from the security context of its bearer token, if any. */
    public static Subject subjectOf(WebGraphQlRequest request) {
        Object stored = request.getAttributes().get(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        if (stored instanceof SecurityContext context && context.getAuthentication() != null) {
            return CurrentSubject.of(context);
        }
        return CurrentSubject.get();
    }
}
