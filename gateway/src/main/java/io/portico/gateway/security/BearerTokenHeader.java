package io.portico.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer token of a request in its {@code Authorization} header, as Spring Security's
 * {@link DefaultBearerTokenResolver} does with its defaults (header only, never a query or form parameter), but
 * without its regular expression {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}: matching it case-insensitively
 * over a signed JWT cost about 10 % of the CPU time of a small GraphQL request.
 *
 * <p>A header of exactly that form gives its token. Anything else (no header, another scheme, a malformed token)
 * is left to the default resolver, so every refusal and its message stay Spring Security's own.
 * {@code BearerTokenHeaderTest} holds the two equal.
 */
final class BearerTokenHeader implements BearerTokenResolver {

    private static final String PREFIX = "bearer ";

    private final DefaultBearerTokenResolver defaults = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = wellFormedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        return token != null ? token : defaults.resolve(request);
    }

    /** The token of {@code Bearer <token>}, with ASCII case ignored in the scheme, or null if not of that form. */
    static String wellFormedToken(String header) {
        if (header == null || header.length() <= PREFIX.length()) {
            return null;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            char c = header.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != PREFIX.charAt(i)) {
                return null;
            }
        }
        int end = header.length();
        int padding = end;
        while (padding > PREFIX.length() && header.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == PREFIX.length()) {
            return null;
        }
        for (int i = PREFIX.length(); i < padding; i++) {
            if (!tokenCharacter(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(PREFIX.length());
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
