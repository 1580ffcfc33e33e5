package io.portico.gateway.security;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** A token's {@code aud} must name at least one of the configured audiences. */
final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

    private final List<String> audiences;

    AudienceValidator(List<String> audiences) {
        this.audiences = List.copyOf(audiences);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<String> tokenAudiences = token.getAudience() == null ? List.of() : token.getAudience();
        if (tokenAudiences.stream().anyMatch(audiences::contains)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "the bearer token's audience " + tokenAudiences + " names none of " + audiences
                        + ", the audiences this gateway accepts (portico.security.audiences)", null));
    }
}
