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
 * that has, both give or take the clock skew. It may not be valid longer than the maximum lifetime: neither from
 * its issue time ({@code iat}, when it has one) to its expiry, nor from now to its expiry, so a stolen token is
 * useful for a bounded time. The messages name the instants, so a caller sees at once whether the token is stale,
 * too long-lived, or its clock is off.
 */
final class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxLifetime;

    TokenLifetimeValidator(Clock clock, Duration clockSkew, Duration maxLifetime) {
        this.clock = requireNonNull(clock, "clock is null");
        this.clockSkew = requireNonNull(clockSkew, "clockSkew is null");
        this.maxLifetime = requireNonNull(maxLifetime, "maxLifetime is null");
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
        Instant issuedAt = token.getIssuedAt();
        if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
            return tooLongLived("is valid for " + Duration.between(issuedAt, expiresAt) + " (issued at " + issuedAt
                    + ", expires at " + expiresAt + ")");
        }
        if (Duration.between(now, expiresAt).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            return tooLongLived("expires at " + expiresAt + ", " + Duration.between(now, expiresAt) + " from now");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private OAuth2TokenValidatorResult tooLongLived(String why) {
        return failure("the bearer token " + why + "; this gateway accepts tokens valid for at most " + maxLifetime
                + " (portico.security.max-token-lifetime): get a shorter-lived token");
    }

    private static OAuth2TokenValidatorResult failure(String message) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, message, null));
    }
}
