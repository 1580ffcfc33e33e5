package io.portico.gateway.security;

import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.Optional;

/**
 * The per-domain publishing right, the one owner of that decision and of its refusal: a subject may publish, change
 * and retire the output ports of a domain, and invalidate their cached answers, only when its token's domains claim
 * names that domain ({@link Subject#canPublish(String)}). Registration (REST and GraphQL mutations) asks
 * {@link #refusal(Subject, String)} before it touches the registry; cache invalidation calls
 * {@link #require(Subject, String)}.
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
        Optional<PorticoException> refusal = refusal(subject, domain);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * Why {@code subject} may not publish, retire or invalidate ports of {@code domain}; empty when it may.
     *
     * @return {@link ErrorCode#UNAUTHENTICATED} for the anonymous subject, {@link ErrorCode#FORBIDDEN} for a
     *         subject whose token does not name the domain, each with a message saying what to do
     */
    public static Optional<PorticoException> refusal(Subject subject, String domain) {
        if (subject.isAnonymous()) {
            return Optional.of(new PorticoException(ErrorCode.UNAUTHENTICATED, "publishing ports of domain '" + domain
                    + "' needs a bearer token whose 'domains' claim names '" + domain + "'; send 'Authorization:"
                    + " Bearer <token>'"));
        }
        if (!subject.canPublish(domain)) {
            return Optional.of(new PorticoException(ErrorCode.FORBIDDEN, "'" + subject.id() + "' may not publish,"
                    + " retire or invalidate ports of domain '" + domain + "': the token's 'domains' claim names "
                    + namedDomains(subject) + "; ask for a token that names '" + domain + "'"));
        }
        return Optional.empty();
    }

    private static String namedDomains(Subject subject) {
        if (subject.domains().isEmpty()) {
            return "no domain";
        }
        return "only " + String.join(", ", subject.domains().stream().map(domain -> "'" + domain + "'").toList());
    }
}
