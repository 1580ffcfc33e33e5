package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.PortCredentials;
import io.portico.gateway.security.CurrentSubject;
import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a domain team gets the port credential its ports must accept: {@code GET /api/port-credentials/{domain}} with
 * the token that publishes the domain's ports (its {@code domains} claim names the domain). The answer is the
 * credential the gateway presents to the domain's ports, {@code {"domain": ..., "credential": ..., "source":
 * "derived"|"configured", "generation": n}}, never cached; {@code ?next=true} answers the credential of the next
 * generation, to add to the ports before the platform raises {@code portico.ports.credentials.generation}.
 * {@code ./portico port credential --domain D} and {@code flight-port --gateway-url} call it.
 *
 * <p>A domain's credential opens only that domain's ports, which hold that domain's data: the publishing right over
 * a domain already is the right to say what its ports serve. 401 without a token, 403 for a token that does not
 * name the domain.
 */
@RestController
@RequestMapping(path = "/api/port-credentials", produces = MediaType.APPLICATION_JSON_VALUE)
public class PortCredentialController {

    private static final Logger LOG = LoggerFactory.getLogger(PortCredentialController.class);

    private final PortCredentials credentials;

    public PortCredentialController(PortCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @GetMapping("/{domain}")
    public ResponseEntity<Map<String, Object>> credential(@PathVariable("domain") String domain,
            @RequestParam(name = "next", defaultValue = "false") boolean next) {
        Subject subject = CurrentSubject.get();
        if (!subject.canPublish(domain)) {
            ErrorCode code = subject.isAnonymous() ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("code", code.name());
            refusal.put("message", (subject.isAnonymous() ? "the port credential of domain '" + domain + "' needs a"
                    + " bearer token" : "'" + subject.id() + "' may not read the port credential of domain '" + domain
                    + "'") + ": the token's 'domains' claim must name '" + domain + "', as for publishing its ports");
            return ResponseEntity.status(code.httpStatus()).cacheControl(CacheControl.noStore()).body(refusal);
        }
        PortCredentials presented = next ? credentials.next() : credentials;
        boolean configured = presented.isConfigured(domain);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("domain", domain);
        answer.put("credential", presented.credentialOf(domain));
        answer.put("source", configured ? "configured" : "derived");
        answer.put("generation", configured ? null : presented.generation());
        LOG.info("'{}' read the {}port credential of domain '{}'", subject.id(), next ? "next " : "", domain);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }
}
