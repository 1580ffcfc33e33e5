package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** {@link BearerTokenHeader} gives the same token, or the same refusal, as Spring Security's default resolver. */
class BearerTokenHeaderTest {

    private static final String ALPHABET = "abzAZ09-._~+/=  \t\"',;:!%\\é\u0000Bb";

    private final BearerTokenHeader resolver = new BearerTokenHeader();
    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void aSignedJwtIsReadWithoutTheExpression() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl-_";
        assertThat(BearerTokenHeader.wellFormedToken("Bearer " + jwt)).isEqualTo(jwt);
        assertThat(BearerTokenHeader.wellFormedToken("bEaReR " + jwt + "==")).isEqualTo(jwt + "==");
        assertThat(BearerTokenHeader.wellFormedToken("Bearer =")).isNull();
        assertThat(BearerTokenHeader.wellFormedToken("Bearer a=b")).isNull();
        assertThat(BearerTokenHeader.wellFormedToken("Basic dXNlcjpwYXNz")).isNull();
    }

    @Test
    void malformedTokensAreRefusedWithSpringSecuritysOwnMessage() {
        assertThatThrownBy(() -> resolver.resolve(request("Bearer not a token")))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessage("Bearer token is malformed");
        assertThat(resolver.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
        assertThat(resolver.resolve(request(null))).isNull();
    }

    @Test
    void sameOutcomeAsTheDefaultResolverForGeneratedHeaders() {
        SplittableRandom random = new SplittableRandom(7);
        for (String header : headers(random)) {
            assertThat(outcome(resolver, header)).as("header [%s]", header).isEqualTo(outcome(spring, header));
        }
    }

    private static List<String> headers(SplittableRandom random) {
        List<String> headers = new ArrayList<>(List.of("Bearer", "Bearer ", "bearer x", "BEARER x=", "Bearerx",
                "Bearer  x", "Bearer x ", "Bearer x\n", "Bearer x==y", "Bearer ==", "Token x"));
        for (String prefix : List.of("Bearer ", "bearer ", "BeArEr ", "Bearer", "Bearer  ", "Bearer\t", "")) {
            for (int i = 0; i < 3_000; i++) {
                StringBuilder token = new StringBuilder(prefix);
                int length = random.nextInt(12);
                for (int j = 0; j < length; j++) {
                    token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                headers.add(token.toString());
            }
        }
        return headers;
    }

    private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
            String header) {
        try {
            return "token:" + resolver.resolve(request(header));
        } catch (OAuth2AuthenticationException refused) {
            return "refused:" + refused.getError().getErrorCode() + ":" + refused.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
