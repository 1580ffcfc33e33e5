package io.portico.gateway.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals paging cursors: a cursor holds the sort-key values of a row, which may be values a policy denies or masks
 * to the caller (a masked primary key still orders the rows), so it must be unreadable and unforgeable, not base64.
 *
 * <p>AES-256-GCM with a synthetic IV: the IV is an HMAC-SHA256 of the plaintext (truncated to 96 bits), checked
 * again when opening. Deterministic (the same row gives the same cursor, which keeps responses reproducible) and
 * safe as such: distinct plaintexts get distinct IVs. Keys come from the deployment secret, so every replica opens
 * every replica's cursors. Thread-safe: a {@link Cipher} and a {@link Mac} per call.
 *
 * <p>Constant length: the plaintext is padded to a bucket of {@value #BUCKET_BYTES} bytes (its length in four bytes,
 * its UTF-8 bytes, zeros), a longer one to the next multiple, so a cursor's length does not follow the length of
 * the key values it holds (which may be values the caller may not see). Every cursor of a plaintext of up to
 * 252 bytes is 379 characters long.
 */
public final class CursorSeal {

    /** The plaintext of a cursor is padded to a multiple of this many bytes. */
    static final int BUCKET_BYTES = 256;

    private static final int IV_BYTES = 12;
    private static final int LENGTH_BYTES = 4;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec ivKey;

    private CursorSeal(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a cursor key has at least 32 bytes, not " + key.length);
        }
        this.encryptionKey = new SecretKeySpec(hmac(key, "encrypt"), "AES");
        this.ivKey = new SecretKeySpec(hmac(key, "iv"), MAC);
    }

    /** A seal with a key of at least 32 bytes (the deployment secret's cursor key). */
    public static CursorSeal withKey(byte[] key) {
        return new CursorSeal(requireNonNull(key, "key is null").clone());
    }

    /** A seal with a random key: cursors open only in this process (tests, in-memory schemas). */
    public static CursorSeal random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new CursorSeal(key);
    }

    /** The cursor text of {@code plaintext}: URL-safe base64 of IV, ciphertext (of the padded plaintext) and tag. */
    String seal(String plaintext) {
        byte[] clear = padded(plaintext.getBytes(UTF_8));
        byte[] iv = Arrays.copyOf(mac(ivKey, clear), IV_BYTES);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv, clear);
        ByteBuffer cursor = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
    }

    /**
     * The plaintext of a cursor this seal made.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} when the cursor was not made by this deployment or was altered
     */
    String open(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw notIssuedHere();
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw notIssuedHere();
        }
        byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
        byte[] clear;
        try {
            clear = cipher(Cipher.DECRYPT_MODE, iv, Arrays.copyOfRange(bytes, IV_BYTES, bytes.length));
        } catch (IllegalStateException e) {
            throw notIssuedHere();
        }
        if (!MessageDigest.isEqual(iv, Arrays.copyOf(mac(ivKey, clear), IV_BYTES))) {
            throw notIssuedHere();
        }
        return new String(unpadded(clear), UTF_8);
    }

    /** Length, bytes, zeros: a multiple of {@link #BUCKET_BYTES}. */
    private static byte[] padded(byte[] clear) {
        int used = LENGTH_BYTES + clear.length;
        int size = (used + BUCKET_BYTES - 1) / BUCKET_BYTES * BUCKET_BYTES;
        return ByteBuffer.allocate(size).putInt(clear.length).put(clear).array();
    }

    /** The bytes {@link #padded} padded; a cursor sealed before padding (or otherwise not padded) is refused. */
    private static byte[] unpadded(byte[] padded) {
        if (padded.length < BUCKET_BYTES || padded.length % BUCKET_BYTES != 0) {
            throw notIssuedHere();
        }
        int length = ByteBuffer.wrap(padded).getInt();
        if (length < 0 || length > padded.length - LENGTH_BYTES) {
            throw notIssuedHere();
        }
        return Arrays.copyOfRange(padded, LENGTH_BYTES, LENGTH_BYTES + length);
    }

    private byte[] cipher(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        return mac(new SecretKeySpec(key, MAC), label.getBytes(UTF_8));
    }

    private static PorticoException notIssuedHere() {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, "the 'after' cursor is not valid: it is not a cursor"
                + " this gateway issued. Pass a cursor from edges.cursor or pageInfo.endCursor");
    }
}
