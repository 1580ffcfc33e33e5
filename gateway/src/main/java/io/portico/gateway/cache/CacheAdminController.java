package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.security.SubjectAuthentication;
import io.portico.schema.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The result cache of this gateway, for the platform team (a token with a platform role,
 * {@code portico.security.platform-roles}; 403 {@code FORBIDDEN} for any other, 401 without a token):
 * <ul>
 *   <li>{@code GET /api/admin/cache}: whether it is on, its byte bound, and per port: answers held, their bytes,
 *       hits and misses since start;</li>
 *   <li>{@code DELETE /api/admin/cache}: drops every answer of every port, here;</li>
 *   <li>{@code DELETE /api/admin/cache/{portId}}: drops every answer of one port, here.</li>
 * </ul>
 * These act on this replica only; the owning domain's {@code POST /api/ports/{id}/invalidate} reaches every one.
 */
@RestController
@RequestMapping(path = "/api/admin/cache", produces = MediaType.APPLICATION_JSON_VALUE)
public class CacheAdminController {

    private final ResultCache cache;
    private final ResultCacheProperties properties;

    public CacheAdminController(ResultCache cache, ResultCacheProperties properties) {
        this.cache = requireNonNull(cache, "cache is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    @GetMapping
    public ResponseEntity<Map<String, Object>> inspect() {
        return platformOnly(() -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("enabled", properties.enabled());
            answer.put("maxBytes", properties.maxBytes().toBytes());
            answer.put("ports", cache.holdings());
            return answer;
        });
    }

    @DeleteMapping
    public ResponseEntity<Map<String, Object>> clear() {
        return platformOnly(() -> Map.of("droppedEntries", cache.clear()));
    }

    @DeleteMapping("/{portId}")
    public ResponseEntity<Map<String, Object>> clearPort(@PathVariable("portId") String portId) {
        return platformOnly(() -> Map.of("portId", portId, "droppedEntries", cache.invalidate(portId)));
    }

    private static ResponseEntity<Map<String, Object>> platformOnly(
            java.util.function.Supplier<Map<String, Object>> action) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean platform = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> SubjectAuthentication.PLATFORM.equals(authority.getAuthority()));
        if (!platform) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("code", ErrorCode.FORBIDDEN.name());
            refusal.put("message", "the result cache's administration needs a token with a platform role"
                    + " (portico.security.platform-roles)");
            return ResponseEntity.status(ErrorCode.FORBIDDEN.httpStatus()).cacheControl(CacheControl.noStore())
                    .body(refusal);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(action.get());
    }
}
