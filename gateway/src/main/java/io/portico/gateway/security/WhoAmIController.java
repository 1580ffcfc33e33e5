package io.portico.gateway.security;

import io.portico.policies.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/whoami}: the subject the gateway reads from the caller's bearer token, to debug a token or a
 * claim mapping. Like everything under {@code /api}, it needs a valid token.
 *
 * <p>Answer: {@code {"id", "roles", "groups", "domains", "attributes", "issuer", "expiresAt"}}.
 */
@RestController
public class WhoAmIController {

    @GetMapping(path = "/api/whoami", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> whoami() {
        Subject subject = CurrentSubject.get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", subject.id());
        answer.put("roles", subject.roles());
        answer.put("groups", subject.groups());
        answer.put("domains", subject.domains());
        answer.put("attributes", subject.attributes());
        CurrentSubject.token().ifPresent(token -> {
            answer.put("issuer", token.getClaimAsString("iss"));
            answer.put("expiresAt", token.getExpiresAt() == null ? null : token.getExpiresAt().toString());
        });
        return answer;
    }
}
