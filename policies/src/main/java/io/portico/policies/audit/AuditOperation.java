package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What was asked, without its values: the operation's name and a SHA-256 hash of its normalized document (the
 * gateway normalizes: literals and variables out, so equal queries hash alike and no value is recorded).
 *
 * @param name the operation's name; null for an anonymous operation
 * @param hash lower-case hex SHA-256 of the normalized document
 */
public record AuditOperation(String name, String hash) {

    public AuditOperation {
        requireNonNull(hash, "hash is null");
    }

    /** The operation {@code name} with the hash of {@code normalizedDocument}. */
    public static AuditOperation of(String name, String normalizedDocument) {
        return new AuditOperation(name, sha256(requireNonNull(normalizedDocument, "normalizedDocument is null")));
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
