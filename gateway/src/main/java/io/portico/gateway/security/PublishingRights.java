package io.portico.gateway.security;

import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;

/**
 * The per-domain publishing right: a subject may publish, change and retire the output ports of a domain only when
 * its token's domains claim names that domain ({@link Subject#canPublish(String)}). Registration (REST and GraphQL
 * mutations) calls {@link #require(Subject, String)} before it touches the registry.
 */
public final class PublishingRights {

    private PublishingRights() {
    }

    /**
     * Passes when {@code subject} may publish ports of {@code domain}.
     *
     * @throws PorticoException {@link ErrorCode#UNAUTHENTICATED} for the anonymous subject,
     *                          {@link ErrorCode#FORBIDDEN} for a subject whose token does not name the domain
     */
    public static void require(Subject subject, String domain) {
        if (subject.isAnonymous()) {
            throw new PorticoException(ErrorCode.UNAUTHENTICATED, "publishing ports of domain '" + domain
                    + "' needs a bearer token whose 'domains' claim names '" + domain + "'; send 'Authorization:"
                    + " Bearer <token>'");
        }
        if (!subject.canPublish(domain)) {
            throw new PorticoException(ErrorCode.FORBIDDEN, "'" + subject.id() + "' may not publish ports of domain '"
                    + domain + "': the token's 'domains' claim names " + namedDomains(subject)
                    + "; ask for a token that names '" + domain + "'");
        }
    }

    private static String namedDomains(Subject subject) {
        if (subject.domains().isEmpty()) {
            return "no domain";
        }
        return "only " + String.join(", ", subject.domains().stream().map(domain -> "'" + domain + "'").toList());
    }
}
