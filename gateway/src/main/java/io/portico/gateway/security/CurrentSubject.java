package io.portico.gateway.security;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.portico.policies.Subject;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The {@link Subject} of the request being served.
 *
 * <ul>
 *   <li>In a controller or filter (the request's thread): {@link #get()}.</li>
 *   <li>In a GraphQL data fetcher (which may run on another thread): {@link #of(DataFetchingEnvironment)}; the
 *       {@link SubjectGraphQlInterceptor} puts the subject into the operation's {@link GraphQLContext} under
 *       {@link #CONTEXT_KEY} before execution.</li>
 * </ul>
 *
 * A request without a bearer token is {@link Subject#ANONYMOUS}; a request with an invalid one never gets this
 * far (it is answered 401).
 */
public final class CurrentSubject {

    /** The key of the subject in a GraphQL operation's {@link GraphQLContext}. */
    public static final Class<Subject> CONTEXT_KEY = Subject.class;

    private CurrentSubject() {
    }

    /** The subject of the current request (read from this thread's security context); anonymous if none. */
    public static Subject get() {
        return of(SecurityContextHolder.getContext());
    }

    /** The subject of the GraphQL operation a fetcher runs in; anonymous if none was put there. */
    public static Subject of(DataFetchingEnvironment environment) {
        return of(environment.getGraphQlContext());
    }

    /** The subject in a GraphQL context; anonymous if none was put there. */
    public static Subject of(GraphQLContext context) {
        Subject subject = context.get(CONTEXT_KEY);
        return subject == null ? Subject.ANONYMOUS : subject;
    }

    /** The verified token of the current request, if it carried one. */
    public static Optional<Jwt> token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof SubjectAuthentication subjectAuthentication
                ? Optional.of(subjectAuthentication.token())
                : Optional.empty();
    }

    static Subject of(SecurityContext context) {
        Authentication authentication = context == null ? null : context.getAuthentication();
        return authentication instanceof SubjectAuthentication subjectAuthentication
                ? subjectAuthentication.subject()
                : Subject.ANONYMOUS;
    }
}
