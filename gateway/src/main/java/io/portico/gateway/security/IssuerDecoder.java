package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSHeader;
import java.security.Key;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The decoder of one trusted issuer's tokens (built by {@link IssuerDecoders}): the signature checked with the
 * issuer's keys, then the claims with its validator (lifetime, audience). Beyond decoding, it says whether a token
 * it verified earlier may be accepted again without checking its signature ({@link #stillAccepts}), which is what
 * lets {@link VerifiedTokenCache} reuse verified tokens.
 */
final class IssuerDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final SigningKeys keys;

    /**
     * @param decoder   the issuer's Nimbus decoder, its key selector installed into {@code keys}
     * @param validator the validator {@code decoder} applies to every token it decodes
     * @param keys      the keys {@code decoder} picks
     */
    IssuerDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, SigningKeys keys) {
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return decoder.decode(token);
    }

    /**
     * Decodes {@code token} and notes the keys picked to verify it.
     *
     * @param header the token's JWS header, as parsed from {@code token}
     * @throws JwtException as {@link #decode} does
     */
    VerifiedToken verify(String token, JWSHeader header) throws JwtException {
        keys.forget();
        try {
            Jwt jwt = decoder.decode(token);
            return new VerifiedToken(this, jwt, header, keys.picked());
        } finally {
            keys.forget();
        }
    }

    /**
     * Whether a token this decoder verified may be accepted now without verifying its signature again: its claims
     * pass the validator now (expiry, not-before and the maximum lifetime against the clock as it reads now;
     * audience) and every key picked to verify it is still among the issuer's keys as the gateway knows them now.
     */
    boolean stillAccepts(VerifiedToken token) {
        return token.issuer() == this
                && !validator.validate(token.jwt()).hasErrors()
                && keys.stillPicked(token.header(), token.keys());
    }
}
