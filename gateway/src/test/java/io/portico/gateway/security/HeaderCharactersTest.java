package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link HeaderCharacters} against the expressions of Spring Security's {@code StrictHttpFirewall} it replaces. */
class HeaderCharactersTest {

    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    /** Code points from every class the rules tell apart. */
    private static final int[] INTERESTING = {'a', 'Z', '0', ' ', '~', '\t', '\n', '\r', 0, 0x1f, 0x7f, 0x80, 0x9f,
        0xa0, 0xe9, 0x0378, 0x2028, 0x2029, 0x200b, 0xfeff, 0xfffe, 0xffff, 0xd800, 0xdfff, 0x1f600, 0xe0001,
        0x10ffff, 0x30000, 0x4e2d};

    @Test
    void sameVerdictsAsTheFirewallsExpressions() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (String text : samples(random)) {
            assertThat(HeaderCharacters.validName(text)).as("name %s", escaped(text))
                    .isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.validValue(text)).as("value %s", escaped(text))
                    .isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void aBearerTokenPassesAndAControlCharacterDoesNot() {
        assertThat(HeaderCharacters.validValue("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
        assertThat(HeaderCharacters.validValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.validName("a\tb")).isFalse();
        assertThat(HeaderCharacters.validValue("a\r\nSet-Cookie: x")).isFalse();
        assertThat(HeaderCharacters.validValue("")).isTrue();
    }

    private static List<String> samples(SplittableRandom random) {
        List<String> samples = new ArrayList<>();
        for (int codePoint : INTERESTING) {
            samples.add(new String(Character.toChars(codePoint)));
            samples.add("x" + new String(Character.toChars(codePoint)) + "y");
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                int codePoint = random.nextInt(3) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : random.nextInt(2) == 0 ? random.nextInt(0x100) : random.nextInt(Character.MAX_CODE_POINT + 1);
                text.appendCodePoint(codePoint);
            }
            samples.add(text.toString());
        }
        return samples;
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(codePoint -> out.append(String.format("\\u{%x}", codePoint)));
        return out.toString();
    }
}
