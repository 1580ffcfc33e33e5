package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.security.CurrentSubject;
import io.portico.schema.error.PorticoException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ports/{id}/invalidate}: the owning domain drops every cached answer of its port, e.g. from its
 * pipeline after a refresh ({@link CacheInvalidationService}). 200 with a {@link CacheInvalidation}; 401 without a
 * token; 403 {@code FORBIDDEN} when the token's {@code domains} claim does not name the port's domain; 404
 * {@code NOT_FOUND} for an unknown port. A refusal's body is {@code {"code": ..., "message": ...}}.
 */
@RestController
@RequestMapping(path = "/api/ports", produces = MediaType.APPLICATION_JSON_VALUE)
public class CacheInvalidationController {

    private final CacheInvalidationService invalidations;

    public CacheInvalidationController(CacheInvalidationService invalidations) {
        this.invalidations = requireNonNull(invalidations, "invalidations is null");
    }

    @PostMapping("/{id}/invalidate")
    public ResponseEntity<?> invalidate(@PathVariable("id") String id) {
        try {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(invalidations.invalidate(id, CurrentSubject.get()));
        } catch (PorticoException e) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("code", e.code().name());
            refusal.put("message", e.getMessage());
            return ResponseEntity.status(e.code().httpStatus()).cacheControl(CacheControl.noStore()).body(refusal);
        }
    }
}
