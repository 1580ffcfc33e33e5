package io.portico.policies.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashKeyTest {

    private static final String BASE64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void readsBase64() {
        HashKey key = HashKey.fromBase64(BASE64);

        assertThat(key.length()).isEqualTo(32);
        assertThat(key.bytes()).isEqualTo(Base64.getDecoder().decode(BASE64));
        assertThat(HashKey.fromBase64(" " + BASE64.replace("=", "") + "\n")).as("unpadded, surrounding space")
                .isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "c2VjcmV0-_"})
    void refusesTextThatIsNotBase64WithoutRepeatingIt(String text) {
        assertThatThrownBy(() -> HashKey.fromBase64(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the hash key is not valid Base64")
                .hasNoCause();
    }

    @Test
    void refusesAKeyShorterThan16Bytes() {
        String fifteenBytes = Base64.getEncoder().encodeToString(new byte[15]);

        assertThatThrownBy(() -> HashKey.fromBase64(fifteenBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 bytes");
        assertThat(new HashKey(new byte[16]).length()).isEqualTo(16);
    }

    @Test
    void generatesRandom32ByteKeys() {
        SecureRandom random = new SecureRandom();

        HashKey one = HashKey.random(random);
        HashKey another = HashKey.random(random);

        assertThat(one.length()).isEqualTo(HashKey.GENERATED_LENGTH);
        assertThat(one).isNotEqualTo(another);
    }

    @Test
    void neverPrintsTheKey() {
        HashKey key = HashKey.fromBase64(BASE64);

        assertThat(key.toString()).isEqualTo("HashKey[32 bytes, redacted]")
                .doesNotContain(BASE64.substring(0, 8))
                .doesNotContain("000102");
    }

    @Test
    void isEqualByContentAndCopiesItsBytesInAndOut() {
        byte[] bytes = Base64.getDecoder().decode(BASE64);
        HashKey key = new HashKey(bytes);

        bytes[0] = 99;
        key.bytes()[1] = 99;

        assertThat(key).isEqualTo(HashKey.fromBase64(BASE64)).hasSameHashCodeAs(HashKey.fromBase64(BASE64));
        assertThat(key.bytes()).isEqualTo(Base64.getDecoder().decode(BASE64));
        assertThat(key).isNotEqualTo(new HashKey(bytes));
    }
}
