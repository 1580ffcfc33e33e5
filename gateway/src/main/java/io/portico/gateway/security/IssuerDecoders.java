package io.portico.gateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Builds the decoder of one trusted issuer: signature checked with its keys (a JWK set, a fixed RSA public key, or
 * the keys its OpenID Connect discovery document names), then lifetime and audience validated. Each is an
 * {@link IssuerDecoder}, whose verified tokens the {@link VerifiedTokenCache} can reuse.
 */
public final class IssuerDecoders {

    /** The signature algorithms accepted from a JWK set; never {@code none}, never a shared secret (HS*). */
    private static final Set<SignatureAlgorithm> ASYMMETRIC = Set.of(SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);

    private IssuerDecoders() {
    }

    /** The decoder of {@code portico.security.issuer}, as configured. */
    static JwtDecoder configured(SecurityProperties security, ResourceLoader resources, Clock clock) {
        OAuth2TokenValidator<Jwt> validator = validator(security, clock);
        if (security.jwkSetUri() != null) {
            SigningKeys keys = new SigningKeys();
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri().toString())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ASYMMETRIC))
                    .validateType(false)
                    .jwtProcessorCustomizer(keys::install)
                    .build();
            decoder.setJwtValidator(validator);
            return new IssuerDecoder(decoder, validator, keys);
        }
        if (security.publicKeyLocation() != null) {
            return withPublicKey(readPublicKey(security.publicKeyLocation(), resources), validator);
        }
        String issuer = security.issuer();
        SigningKeys keys = new SigningKeys();
        return new IssuerDecoder(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ASYMMETRIC))
                    .validateType(false)
                    .jwtProcessorCustomizer(keys::install)
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }), validator, keys);
    }

    /** A decoder of RS256 tokens signed with the private half of {@code key}. */
    public static JwtDecoder withPublicKey(RSAPublicKey key, OAuth2TokenValidator<Jwt> validator) {
        SigningKeys keys = new SigningKeys();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key)
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .validateType(false)
                .jwtProcessorCustomizer(keys::install)
                .build();
        decoder.setJwtValidator(validator);
        return new IssuerDecoder(decoder, validator, keys);
    }

    /** Lifetime (with the configured clock skew) and, when configured, audience. */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties security, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new TokenLifetimeValidator(clock, security.clockSkew(), security.maxTokenLifetime()));
        if (!security.audiences().isEmpty()) {
            validators.add(new AudienceValidator(security.audiences()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Lifetime only: the demo issuer's tokens carry no audience. */
    static OAuth2TokenValidator<Jwt> lifetimeOnly(SecurityProperties security, Clock clock) {
        return new TokenLifetimeValidator(clock, security.clockSkew(), security.maxTokenLifetime());
    }

    static RSAPublicKey readPublicKey(String location, ResourceLoader resources) {
        Resource resource = location.contains(":") ? resources.getResource(location) : new FileSystemResource(location);
        try (InputStream pem = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("portico.security.public-key-location " + location + " cannot be read: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("portico.security.public-key-location " + location + " is not a PEM"
                    + " RSA public key ('-----BEGIN PUBLIC KEY-----'): " + e.getMessage(), e);
        }
    }
}
