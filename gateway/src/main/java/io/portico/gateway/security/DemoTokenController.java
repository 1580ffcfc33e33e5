package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /demo/token}: mints a demo token (only in the demo, only for callers on this machine). The body is
 * optional JSON:
 * <pre>{"subject": "demo-user", "roles": ["analyst"], "groups": [], "domains": ["sales"],
 *  "claims": {"region": "EU"}, "lifetime": "8h"}</pre>
 * The answer is {@code {"token", "expiresAt", "issuer"}}, or the bare token with {@code Accept: text/plain}
 * ({@code ./portico token} asks for that). Errors are 400 {@code BAD_REQUEST} and 403 {@code FORBIDDEN} in the
 * usual {@code {"errors": [...]}} shape.
 */
@RestController
@ConditionalOnProperty(name = "portico.demo.enabled", havingValue = "true")
public class DemoTokenController {

    public static final String PATH = "/demo/token";

    private final DemoTokenIssuer issuer;
    private final SecurityProperties.Claims claimNames;
    private final Duration maxLifetime;
    private final JsonMapper json;

    public DemoTokenController(DemoTokenIssuer issuer, SecurityProperties security, JsonMapper json) {
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.claimNames = security.claims();
        this.maxLifetime = security.maxTokenLifetime();
        this.json = requireNonNull(json, "json is null");
    }

    @PostMapping(path = PATH)
    public ResponseEntity<?> mint(@RequestBody(required = false) String body,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        return mint(body, request, wantsPlainText(accept));
    }

    private ResponseEntity<?> mint(String body, HttpServletRequest request, boolean plain) {
        if (!isLoopback(request.getRemoteAddr())) {
            return error(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "the demo token endpoint answers only callers on"
                    + " the gateway's own machine; run ./portico token there");
        }
        DemoTokenRequest tokenRequest;
        try {
            tokenRequest = parse(body);
        } catch (JacksonException e) {
            return error(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, "the body is not the JSON this endpoint"
                    + " reads (" + e.getOriginalMessage() + "); send {\"roles\": [...], \"domains\": [...],"
                    + " \"claims\": {...}, \"lifetime\": \"8h\"}");
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, e.getMessage());
        }
        if (tokenRequest.lifetime().compareTo(maxLifetime) > 0) {
            return error(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, "the lifetime " + tokenRequest.lifetime()
                    + " is longer than this gateway accepts (portico.security.max-token-lifetime: " + maxLifetime
                    + "); ask for a shorter one");
        }
        DemoTokenIssuer.MintedToken minted = issuer.mint(tokenRequest, claimNames);
        if (plain) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(minted.token() + "\n");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", minted.token());
        answer.put("expiresAt", minted.expiresAt().toString());
        answer.put("issuer", DemoTokenIssuer.ISSUER);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    private DemoTokenRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new DemoTokenRequest(DemoTokenRequest.DEFAULT_SUBJECT, Set.of(), Set.of(), Set.of(), Map.of(),
                    DemoTokenRequest.DEFAULT_LIFETIME);
        }
        Body fields = json.readValue(body, Body.class);
        Duration lifetime = fields.lifetime() == null || fields.lifetime().isBlank()
                ? DemoTokenRequest.DEFAULT_LIFETIME
                : parseLifetime(fields.lifetime());
        String subject = fields.subject() == null ? DemoTokenRequest.DEFAULT_SUBJECT : fields.subject();
        return new DemoTokenRequest(subject, names(fields.roles()), names(fields.groups()), names(fields.domains()),
                fields.claims() == null ? Map.of() : fields.claims(), lifetime);
    }

    private static Duration parseLifetime(String text) {
        try {
            return DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the lifetime '" + text + "' is not a duration; write e.g. 8h, 30m,"
                    + " 2d or PT8H");
        }
    }

    private static Set<String> names(List<String> names) {
        return names == null ? Set.of() : new LinkedHashSet<>(names);
    }

    /** Whether the client prefers the bare token: its first acceptable type is {@code text/plain}. */
    private static boolean wantsPlainText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
            accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            return !accepted.isEmpty() && accepted.getFirst().equalsTypeAndSubtype(MediaType.TEXT_PLAIN);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Whether the peer address (an IP literal, as the servlet container reports it) is a loopback address. */
    private static boolean isLoopback(String remoteAddress) {
        if (remoteAddress == null) {
            return false;
        }
        try {
            return InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code.name()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("errors", List.of(error)));
    }

    /** The request body as JSON binds it. */
    record Body(String subject, List<String> roles, List<String> groups, List<String> domains,
            Map<String, String> claims, String lifetime) {
    }
}
