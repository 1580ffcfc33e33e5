package io.portico.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ETag;
import org.springframework.http.MediaType;

/**
 * Strong entity tags of GraphQL answers: the SHA-256 of the media type and the body's bytes, so two answers share
 * a tag only when a client would receive the very same bytes as the very same type; and the {@code If-None-Match}
 * test (RFC 9110: weak comparison, {@code *} matches any answer).
 */
final class EntityTags {

    private EntityTags() {
    }

    /** The quoted strong tag of {@code body} sent as {@code type}. */
    static String of(MediaType type, byte[] body) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        digest.update(type.toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(body);
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()) + '"';
    }

    /** Whether any {@code If-None-Match} header value names {@code tag} (or is {@code *}). */
    static boolean matches(List<String> ifNoneMatch, String tag) {
        ETag ours = ETag.create(tag);
        for (String header : ifNoneMatch) {
            for (ETag candidate : ETag.parse(header)) {
                if (candidate.isWildcard() || candidate.compare(ours, false)) {
                    return true;
                }
            }
        }
        return false;
    }
}
