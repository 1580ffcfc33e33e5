package io.portico.policies.mask;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deployment's secret for the {@link MaskKind#HASH hash} mask: the key of the HMAC-SHA256 that
 * {@link VectorMasker} computes over each value. One key per deployment makes equal values hash alike in every
 * dataset (hashed columns still join); without the key, nobody can rebuild the hashes of a dictionary of likely
 * values (names, e-mail addresses, phone numbers).
 *
 * <p>The key is at least {@value #MINIMUM_LENGTH} bytes ({@value #GENERATED_LENGTH} for generated keys: the length of
 * a SHA-256 digest, the least RFC 2104 recommends). It is copied in and out, compared by content in constant time, and
 * {@link #toString()} never shows it, not even in part, so a key can sit in a configuration record that gets logged.
 *
 * @param bytes the key; at least {@value #MINIMUM_LENGTH} bytes
 */
public record HashKey(byte[] bytes) {

    /** The shortest key accepted, in bytes. */
    public static final int MINIMUM_LENGTH = 16;

    /** The length of the keys {@link #random(SecureRandom)} generates, in bytes. */
    public static final int GENERATED_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    public HashKey {
        requireNonNull(bytes, "bytes is null");
        if (bytes.length < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("a hash key needs at least " + MINIMUM_LENGTH + " bytes, this one has "
                    + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * The key written in standard Base64 (RFC 4648, padding optional), as a deployment configures it, e.g. the
     * output of {@code openssl rand -base64 32}. The error for a malformed text never repeats the text.
     *
     * @throws IllegalArgumentException when the text is not Base64 or decodes to fewer than
     *                                  {@value #MINIMUM_LENGTH} bytes
     */
    public static HashKey fromBase64(String base64) {
        requireNonNull(base64, "base64 is null");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the hash key is not valid Base64");
        }
        try {
            return new HashKey(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** A new random key of {@value #GENERATED_LENGTH} bytes, e.g. for a deployment that configured none. */
    public static HashKey random(SecureRandom random) {
        requireNonNull(random, "random is null");
        byte[] generated = new byte[GENERATED_LENGTH];
        random.nextBytes(generated);
        try {
            return new HashKey(generated);
        } finally {
            Arrays.fill(generated, (byte) 0);
        }
    }

    /** A copy of the key. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The key's length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** A new HMAC-SHA256 keyed with this key. A {@link Mac} is not thread-safe: one per call, never shared. */
    Mac newHmac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(bytes, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, unavailable);
        }
    }

    /** Equal when the keys have the same bytes (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof HashKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Says only that this is a hash key and its length; never the key. */
    @Override
    public String toString() {
        return "HashKey[" + bytes.length + " bytes, redacted]";
    }
}
