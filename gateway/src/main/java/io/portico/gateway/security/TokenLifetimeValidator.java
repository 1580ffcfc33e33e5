package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must carry an expiry ({@code exp}) that has not passed and, if it has one, a not-before ({@code nbf})
 * that has, both give or take the clock skew. The messages name the instant, so a caller sees at once whether the
 * token is stale or its clock is off.
 */
final class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Clock clock;
    private final Duration clockSkew;

    TokenLifetimeValidator(Clock clock, Duration clockSkew) {
        this.clock = requireNonNull(clock, "clock is null");
        this.clockSkew = requireNonNull(clockSkew, "clockSkew is null");
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant now = clock.instant();
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt == null) {
            return failure("the bearer token has no expiry (exp claim); Portico accepts only tokens that expire");
        }
        if (now.minus(clockSkew).isAfter(expiresAt)) {
            return failure("the bearer token expired at " + expiresAt + " (now " + now + "); get a new token");
        }
        Instant notBefore = token.getNotBefore();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
            return failure("the bearer token is not valid before " + notBefore + " (now " + now + ")");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String message) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, message, null));
    }
}
