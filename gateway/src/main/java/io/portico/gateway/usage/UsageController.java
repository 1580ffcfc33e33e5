package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.security.CurrentSubject;
import io.portico.schema.error.PorticoException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/usage/{domain}/{dataset}?days=N}: who read each field of a dataset over the last N UTC days
 * (default 30), as {@code {"domain", "dataset", "days", "fields": [FieldUsage...]}}. 200 for the owning domain's
 * token or a platform role; 401 without a token; 403 {@code FORBIDDEN} for any other; 400 {@code BAD_USER_INPUT}
 * for a window outside 1 to {@code portico.usage.retention-days}. A refusal's body is
 * {@code {"code": ..., "message": ...}}.
 */
@RestController
@RequestMapping(path = "/api/usage", produces = MediaType.APPLICATION_JSON_VALUE)
public class UsageController {

    private final UsageService usage;

    public UsageController(UsageService usage) {
        this.usage = requireNonNull(usage, "usage is null");
    }

    @GetMapping("/{domain}/{dataset}")
    public ResponseEntity<Map<String, Object>> report(@PathVariable("domain") String domain,
            @PathVariable("dataset") String dataset,
            @RequestParam(name = "days", defaultValue = "" + UsageService.DEFAULT_DAYS) int days) {
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("domain", domain);
            answer.put("dataset", dataset);
            answer.put("days", days);
            answer.put("fields", usage.report(CurrentSubject.get(), domain, dataset, days));
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
        } catch (PorticoException e) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("code", e.code().name());
            refusal.put("message", e.getMessage());
            return ResponseEntity.status(e.code().httpStatus()).cacheControl(CacheControl.noStore()).body(refusal);
        }
    }
}
