package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes a bearer token with the decoder of the issuer it names ({@code iss}), and refuses it with a message that
 * says exactly why: malformed, unsigned ({@code alg: none}), encrypted, from an issuer this gateway does not trust,
 * a signature that no key of its issuer verifies, expired, not yet valid, or for another audience.
 *
 * <p>Every refusal is a {@link BadJwtException} (so the request is answered 401, never treated as anonymous),
 * including the failure to fetch an issuer's keys.
 *
 * <p>A token verified before is reused from the {@link VerifiedTokenCache} while its issuer still accepts it (its
 * lifetime checked again against the clock, its signing keys still the issuer's); otherwise it is decoded and
 * checked as if never seen, so a refusal reads the same either way. Only tokens decoded by an
 * {@link IssuerDecoder} (every decoder {@link IssuerDecoders} builds) are kept.
 */
public final class TrustedIssuersJwtDecoder implements JwtDecoder {

    private static final int MAX_ECHOED_LENGTH = 120;

    private final Map<String, JwtDecoder> decoders;
    private final VerifiedTokenCache verified;

    /** @param decoders a decoder per trusted issuer ({@code iss} value), in the order to list them in messages */
    public TrustedIssuersJwtDecoder(Map<String, JwtDecoder> decoders) {
        this(decoders, VerifiedTokenCache.none());
    }

    /**
     * @param decoders a decoder per trusted issuer ({@code iss} value), in the order to list them in messages
     * @param verified the tokens verified before
     */
    public TrustedIssuersJwtDecoder(Map<String, JwtDecoder> decoders, VerifiedTokenCache verified) {
        this.decoders = new LinkedHashMap<>(decoders);
        this.verified = requireNonNull(verified, "verified is null");
    }

    /** The trusted issuers, in order. */
    public List<String> issuers() {
        return new ArrayList<>(decoders.keySet());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt reusable = token == null ? null : verified.reusable(token);
        if (reusable != null) {
            return reusable;
        }
        JWT parsed = parse(token);
        if (parsed instanceof PlainJWT) {
            throw rejected("the bearer token is not signed (alg: none); Portico accepts only signed tokens");
        }
        if (parsed instanceof EncryptedJWT) {
            throw rejected("the bearer token is encrypted (JWE); send a signed token (JWS)");
        }
        String issuer = issuerOf(parsed);
        JwtDecoder decoder = decoders.get(issuer);
        if (decoder == null) {
            throw rejected("the bearer token's issuer '" + echo(issuer) + "' is not trusted; " + trustedIssuers());
        }
        try {
            return decode(token, parsed, decoder);
        } catch (JwtValidationException invalid) {
            throw rejected(descriptions(invalid));
        } catch (BadJwtException bad) {
            throw rejected(explainBadToken(issuer, parsed, bad));
        } catch (JwtException | JwtDecoderInitializationException unavailable) {
            throw rejected("the keys of issuer '" + issuer + "' could not be fetched to check the bearer token ("
                    + rootMessage(unavailable) + "); try again, and if it persists check the gateway's"
                    + " portico.security settings");
        }
    }

    /** Decodes with the issuer's decoder, keeping what an {@link IssuerDecoder} verified. */
    private Jwt decode(String token, JWT parsed, JwtDecoder decoder) {
        if (decoder instanceof IssuerDecoder issuer && parsed.getHeader() instanceof JWSHeader header) {
            VerifiedToken checked = issuer.verify(token, header);
            verified.keep(token, checked);
            return checked.jwt();
        }
        return decoder.decode(token);
    }

    private static JWT parse(String token) {
        if (token == null || token.isBlank()) {
            throw rejected("the bearer token is empty");
        }
        try {
            JWT parsed = JWTParser.parse(token);
            parsed.getJWTClaimsSet();
            return parsed;
        } catch (ParseException e) {
            throw rejected("the bearer token is malformed (" + echo(e.getMessage()) + "); a JWT is three base64url"
                    + " parts separated by dots: header.claims.signature");
        }
    }

    private String issuerOf(JWT parsed) {
        String issuer;
        try {
            issuer = parsed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            issuer = null;
        }
        if (issuer == null || issuer.isBlank()) {
            throw rejected("the bearer token names no issuer (no 'iss' claim); " + trustedIssuers());
        }
        return issuer;
    }

    private String trustedIssuers() {
        if (decoders.isEmpty()) {
            return "this gateway trusts no issuer: set portico.security.issuer (in the demo, ./portico token"
                    + " prints a token the demo gateway trusts)";
        }
        return "this gateway trusts " + decoders.keySet().stream().map(name -> "'" + name + "'")
                .collect(Collectors.joining(", "));
    }

    private static String explainBadToken(String issuer, JWT parsed, BadJwtException bad) {
        Throwable cause = bad.getCause();
        if (cause instanceof BadJWSException) {
            return "the bearer token's signature is not valid: no key of issuer '" + issuer + "' verifies it";
        }
        if (cause instanceof BadJOSEException) {
            return "no key of issuer '" + issuer + "' can verify the bearer token (alg "
                    + parsed.getHeader().getAlgorithm() + keyIdOf(parsed) + ")";
        }
        return "the bearer token was refused: " + rootMessage(bad);
    }

    private static String keyIdOf(JWT parsed) {
        if (parsed.getHeader() instanceof com.nimbusds.jose.JWSHeader header && header.getKeyID() != null) {
            return ", kid '" + echo(header.getKeyID()) + "'";
        }
        return ", no kid";
    }

    private static String descriptions(JwtValidationException invalid) {
        List<String> messages = invalid.getErrors().stream().map(OAuth2Error::getDescription).distinct().toList();
        return messages.isEmpty() ? invalid.getMessage() : String.join("; ", messages);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A value taken from the token, shortened and stripped of control characters before it goes into a message. */
    private static String echo(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_ECHOED_LENGTH ? printable : printable.substring(0, MAX_ECHOED_LENGTH) + "...";
    }

    private static BadJwtException rejected(String message) {
        return new BadJwtException(message);
    }
}
