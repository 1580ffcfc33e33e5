package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Sealed cursors: their length does not follow the length of what they hold; unpadded (older) cursors are refused. */
class CursorSealTest {

    private static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8);
    private final CursorSeal seal = CursorSeal.withKey(KEY);

    @Test
    void cursorsOfPlaintextsUpToOneBucketHaveOneLength() {
        Set<Integer> lengths = new HashSet<>();
        for (int size = 0; size <= CursorSeal.BUCKET_BYTES - 4; size++) {
            String plaintext = "x".repeat(size);
            String cursor = seal.seal(plaintext);
            lengths.add(cursor.length());
            assertThat(seal.open(cursor)).isEqualTo(plaintext);
        }

        assertThat(lengths).containsExactly(379);
        assertThat(seal.seal("é".repeat(200)).length()).as("a longer one takes the next bucket").isEqualTo(720);
        assertThat(seal.open(seal.seal("é".repeat(200)))).isEqualTo("é".repeat(200));
    }

    @Test
    void aCursorSealedWithoutPaddingIsNotOneThisGatewayIssued() throws Exception {
        String unpadded = sealWithoutPadding("c1:abcdefabcdef:2:42");

        assertThatThrownBy(() -> seal.open(unpadded))
                .isInstanceOfSatisfying(PorticoException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                .hasMessageContaining("not a cursor this gateway issued");
    }

    /** How cursors were sealed before padding: AES-GCM over the bare plaintext, the IV an HMAC of it. */
    private static String sealWithoutPadding(String plaintext) throws Exception {
        byte[] clear = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] encryptionKey = hmac(KEY, "encrypt");
        byte[] iv = java.util.Arrays.copyOf(hmac(hmac(KEY, "iv"), clear), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(clear);
        byte[] cursor = java.nio.ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
    }

    private static byte[] hmac(byte[] key, String label) throws Exception {
        return hmac(key, label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input);
    }
}
