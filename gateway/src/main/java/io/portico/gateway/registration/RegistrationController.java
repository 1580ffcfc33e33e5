package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.security.CurrentSubject;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registration REST API for CI pipelines and {@code ./portico port}. Every path needs a bearer token
 * ({@code /api/**}); without one, or with an invalid one, the security filter answers 401 first.
 *
 * <ul>
 *   <li>{@code POST /api/ports}: publish the contract in the body (ODCS YAML or JSON; {@code application/yaml},
 *       {@code application/x-yaml}, {@code text/yaml}, {@code application/json}, {@code text/plain}, or no
 *       content type). 201 published, 200 unchanged (the live version again), 400 not YAML or JSON, 401 no
 *       token, 403 the token does not name the port's domain, 409 the version does not fit the changes (with the
 *       change report) or the port id is taken, 413 larger than {@link ContractParser#MAX_DOCUMENT_CHARS}
 *       characters (a body over {@link #MAX_BODY_BYTES} bytes is refused unread), 415 another media type, 422 an
 *       invalid contract or one its port does not match.</li>
 *   <li>{@code POST /api/ports/check}: the same checks, nothing stored: 200 instead of 201.</li>
 *   <li>{@code GET /api/ports}: the active ports ({@link RegisteredPortView}).</li>
 *   <li>{@code GET /api/ports/{id}}: one port with its history; 404 when unknown.</li>
 *   <li>{@code DELETE /api/ports/{id}}: retire every active version: 200, 403, 404, 409 for a port configured at
 *       the gateway. {@code DELETE /api/ports/{id}?major=N}: retire only the active version of major version N
 *       (the other majors keep being served); 404 when the port has none.</li>
 * </ul>
 *
 * The body of every answer of the POST and DELETE endpoints is a {@link RegistrationResult}; no answer is a bare
 * 500.
 */
@RestController
@RequestMapping(path = "/api/ports", produces = MediaType.APPLICATION_JSON_VALUE)
public class RegistrationController {

    /** No contract document within the character limit takes more bytes than this in UTF-8. */
    public static final long MAX_BODY_BYTES = 4L * ContractParser.MAX_DOCUMENT_CHARS;

    /** How much of a body too large to accept is still read (and dropped) before answering. */
    private static final long MAX_DISCARDED_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationController.class);
    private static final Set<String> CONTRACT_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "application/json", "text/plain");

    private final RegistrationService registrations;
    private final PortListing listing;

    public RegistrationController(RegistrationService registrations, PortListing listing) {
        this.registrations = requireNonNull(registrations, "registrations is null");
        this.listing = requireNonNull(listing, "listing is null");
    }

    @PostMapping
    public ResponseEntity<RegistrationResult> publish(HttpServletRequest request) {
        return answer(registerBody(request, false));
    }

    @PostMapping("/check")
    public ResponseEntity<RegistrationResult> check(HttpServletRequest request) {
        return answer(registerBody(request, true));
    }

    @GetMapping
    public List<RegisteredPortView> ports() {
        return listing.active();
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> port(@PathVariable("id") String id) {
        return listing.port(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(id)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<RegistrationResult> retire(@PathVariable("id") String id,
            @RequestParam(name = "major", required = false) Integer major) {
        return answer(registrations.retire(id, major, CurrentSubject.get()));
    }

    /** The last resort: a failure of the gateway itself, answered with what it was and a reference to the log. */
    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<RegistrationResult> failure(RuntimeException failure, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.error("{} {} failed (reference {})", request.getMethod(), request.getRequestURI(), reference, failure);
        String message = "the gateway failed to handle " + request.getMethod() + " " + request.getRequestURI() + " ("
                + failure.getClass().getSimpleName() + "); nothing was changed unless GET /api/ports says otherwise."
                + " Report it with the reference " + reference;
        return answer(RegistrationResult.refused(RegistrationOutcome.FAILED, ErrorCode.INTERNAL, message,
                request.getRequestURI().endsWith("/check"), List.of(RegistrationProblem.of(ErrorCode.INTERNAL,
                        ProblemKind.GATEWAY, "$", message, "a gateway that works; see its log"))));
    }

    private RegistrationResult registerBody(HttpServletRequest request, boolean dryRun) {
        String contentType = request.getContentType();
        if (contentType != null && !CONTRACT_TYPES.contains(baseType(contentType))) {
            String message = "the body's media type is " + contentType + "; send the contract as application/yaml,"
                    + " application/json or text/plain";
            return RegistrationResult.refused(RegistrationOutcome.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BAD_REQUEST,
                    message, dryRun, List.of(RegistrationProblem.of(ErrorCode.BAD_REQUEST, ProblemKind.DOCUMENT, "$",
                            message, "Content-Type: application/yaml (or application/json, text/plain)")));
        }
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            discardBody(request);
            return RegistrationService.tooLarge(declared + " bytes", dryRun);
        }
        byte[] body;
        try {
            body = readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        } catch (IOException e) {
            return RegistrationService.malformed("the request body could not be read (" + e.getMessage() + ")",
                    dryRun);
        }
        if (body == null) {
            discardBody(request);
            return RegistrationService.tooLarge("more than " + MAX_BODY_BYTES + " bytes", dryRun);
        }
        String document;
        try {
            document = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return RegistrationService.malformed("the body is not UTF-8 text", dryRun);
        }
        return dryRun ? registrations.check(document, CurrentSubject.get())
                : registrations.publish(document, CurrentSubject.get());
    }

    /** The bytes of {@code input}, or null when it has more than {@code limit}. */
    private static byte[] readAtMost(InputStream input, long limit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = input.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            bytes.write(buffer, 0, read);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #MAX_DISCARDED_BYTES}, so that the client, which
     * may still be sending it, reads the answer instead of a reset connection. Nothing of it is kept.
     */
    private static void discardBody(HttpServletRequest request) {
        try {
            InputStream input = request.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while (total < MAX_DISCARDED_BYTES && (read = input.read(buffer)) != -1) {
                total += read;
            }
        } catch (IOException e) {
            LOG.debug("the rest of a refused request body could not be read: {}", e.getMessage());
        }
    }

    private static String baseType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private static RegistrationResult notFound(String id) {
        String message = "no port '" + id + "' is registered (GET /api/ports lists the registered ports)";
        return RegistrationResult.refused(RegistrationOutcome.NOT_FOUND, ErrorCode.NOT_FOUND, message, false,
                List.of(RegistrationProblem.of(ErrorCode.NOT_FOUND, ProblemKind.PORT_ID, "$.id", message,
                        "the id of a registered port"))).withPort(id, null, null, null, List.of());
    }

    private static ResponseEntity<RegistrationResult> answer(RegistrationResult result) {
        return ResponseEntity.status(result.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(result);
    }
}
