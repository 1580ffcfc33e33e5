package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSHeader;
import java.security.Key;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A bearer token whose signature and claims were checked.
 *
 * @param issuer the decoder of its issuer, which checked it
 * @param jwt    the decoded token
 * @param header its JWS header
 * @param keys   the issuer's keys picked to verify its signature (the one that did among them); empty when unknown,
 *               and then the token is not reused
 */
record VerifiedToken(IssuerDecoder issuer, Jwt jwt, JWSHeader header, List<Key> keys) {

    VerifiedToken {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(jwt, "jwt is null");
        requireNonNull(header, "header is null");
        keys = List.copyOf(keys);
    }
}
