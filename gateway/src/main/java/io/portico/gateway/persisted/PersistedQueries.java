package io.portico.gateway.persisted;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which document a GraphQL request runs, under the {@link PersistedQueryMode}, decided before anything is parsed:
 * the Apollo APQ protocol's {@code extensions.persistedQuery {version: 1, sha256Hash}} on POST and GET alike.
 *
 * <p><b>APQ.</b> A hash alone runs the document registered under it, else is answered
 * {@code PERSISTED_QUERY_NOT_FOUND} (message {@code PersistedQueryNotFound}, as Apollo clients expect); a hash with
 * its {@code query} must be the query's SHA-256 ({@code PERSISTED_QUERY_HASH_MISMATCH} otherwise), and the document
 * is registered once it parsed and validated ({@link #register}, called by the front door after execution). A
 * request without the extension runs its {@code query}.
 *
 * <p><b>Allow-list.</b> Only the manifest's documents run: by id (the {@code sha256Hash} names the manifest's
 * {@code id}), or sent as their identical text, with or without the hash. An unlisted id, an unlisted text, and a
 * listed id sent with any other text are {@code PERSISTED_QUERY_NOT_IN_LIST}; nothing is ever registered, and the
 * document run is always the manifest's own text, never the client's.
 *
 * <p><b>Off.</b> A request with the extension is {@code PERSISTED_QUERY_NOT_SUPPORTED} (message
 * {@code PersistedQueryNotSupported}; Apollo clients then send plain queries); others run their {@code query}.
 */
public final class PersistedQueries {

    /** The request extension of the APQ protocol. */
    public static final String EXTENSION = "persistedQuery";

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int LONGEST_ID = 256;

    private final PersistedQueryMode mode;
    private final PersistedQueryStore store;
    private final PersistedQueryManifest manifest;

    /**
     * @param store    the registered documents (APQ mode)
     * @param manifest the listed documents; required in allow-list mode, else null
     */
    public PersistedQueries(PersistedQueryMode mode, PersistedQueryStore store, PersistedQueryManifest manifest) {
        this.mode = requireNonNull(mode, "mode is null");
        this.store = requireNonNull(store, "store is null");
        if (mode == PersistedQueryMode.ALLOW_LIST) {
            requireNonNull(manifest, "an allow-list needs a manifest");
        }
        this.manifest = manifest;
    }

    public PersistedQueryMode mode() {
        return mode;
    }

    /**
     * The document to run for a request's {@code query} (null when absent) and {@code extensions} (null when
     * absent), or why not.
     */
    public Resolution resolve(String query, Map<String, Object> extensions) {
        Object extension = extensions == null ? null : extensions.get(EXTENSION);
        if (extension == null) {
            return plain(query);
        }
        if (mode == PersistedQueryMode.OFF) {
            return Refused.notSupported();
        }
        if (!(extension instanceof Map<?, ?> persisted) || !isVersionOne(persisted.get("version"))) {
            return new Refused(ErrorCode.BAD_REQUEST, "Unsupported persisted query version: send"
                    + " extensions.persistedQuery as {\"version\": 1, \"sha256Hash\": \"<SHA-256 of the query>\"}", 400);
        }
        if (!(persisted.get("sha256Hash") instanceof String hash) || hash.isBlank() || hash.length() > LONGEST_ID) {
            return new Refused(ErrorCode.BAD_REQUEST, "extensions.persistedQuery.sha256Hash must be the SHA-256 of"
                    + " the query as 64 hexadecimal characters", 400);
        }
        return mode == PersistedQueryMode.ALLOW_LIST ? listed(query, hash) : automatic(query, hash);
    }

    /** Registers a document that was sent with its hash and ran ({@link Run#register}); APQ mode only. */
    public void register(Run run) {
        if (mode == PersistedQueryMode.APQ && run.register().isPresent()) {
            store.register(run.register().get(), run.document());
        }
    }

    /** The SHA-256 of a document's UTF-8 bytes, in lowercase hexadecimal, as Apollo clients compute it. */
    public static String sha256(String document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private Resolution plain(String query) {
        if (mode != PersistedQueryMode.ALLOW_LIST || query == null) {
            return Run.of(query);
        }
        return manifest.lists(query) ? Run.of(query) : Refused.notInList();
    }

    private Resolution automatic(String query, String hash) {
        if (!SHA_256_HEX.matcher(hash).matches()) {
            return new Refused(ErrorCode.BAD_REQUEST, "extensions.persistedQuery.sha256Hash must be the SHA-256 of"
                    + " the query as 64 hexadecimal characters", 400);
        }
        String key = hash.toLowerCase(Locale.ROOT);
        if (query == null) {
            return store.document(key).<Resolution>map(Run::of).orElseGet(Refused::notFound);
        }
        if (!sha256(query).equals(key)) {
            return Refused.mismatch();
        }
        return new Run(query, Optional.of(key));
    }

    private Resolution listed(String query, String id) {
        Optional<String> document = manifest.document(id);
        if (query == null) {
            return document.<Resolution>map(Run::of).orElseGet(Refused::notInList);
        }
        if (!manifest.lists(query)) {
            return Refused.notInList();
        }
        boolean sameDocument = document.map(query::equals).orElse(false)
                || sha256(query).equals(id.toLowerCase(Locale.ROOT));
        return sameDocument ? Run.of(query) : Refused.mismatch();
    }

    private static boolean isVersionOne(Object version) {
        return version instanceof Number number && number.doubleValue() == 1.0;
    }

    /** What a request runs, or why it does not. */
    public sealed interface Resolution permits Run, Refused {
    }

    /**
     * Run {@code document} (null when the request has none: the front door refuses it as it always has).
     *
     * @param register the hash to register the document under once it ran (APQ, hash and query sent)
     */
    public record Run(String document, Optional<String> register) implements Resolution {

        public Run {
            requireNonNull(register, "register is null");
        }

        static Run of(String document) {
            return new Run(document, Optional.empty());
        }
    }

    /**
     * Refused before parsing.
     *
     * @param httpStatus the status to answer with: 200 for "not found" and "not supported", which Apollo clients
     *                   read as "send the query", 400 otherwise
     */
    public record Refused(ErrorCode code, String message, int httpStatus) implements Resolution {

        public Refused {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }

        static Refused notFound() {
            return new Refused(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound", 200);
        }

        static Refused notSupported() {
            return new Refused(ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, "PersistedQueryNotSupported", 200);
        }

        static Refused mismatch() {
            return new Refused(ErrorCode.PERSISTED_QUERY_HASH_MISMATCH, "provided sha does not match query: the"
                    + " sha256Hash must be the SHA-256 (hexadecimal) of the query's UTF-8 text", 400);
        }

        static Refused notInList() {
            return new Refused(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, "this gateway runs only the operations of its"
                    + " allow-list, sent by their id or as their listed text; this one is not listed", 400);
        }
    }
}
