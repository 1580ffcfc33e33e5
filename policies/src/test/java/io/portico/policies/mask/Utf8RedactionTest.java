package io.portico.policies.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The byte-level redaction under every text mask, malformed UTF-8 included (texts and bytes in hex). */
class Utf8RedactionTest {

    @ParameterizedTest(name = "{0} keeping {1} first, {2} last: {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Ana-María 42         | 0 | 0 | Xxx-Xxxxx nn
            ''                   | 0 | 0 | ''
            ''                   | 0 | 4 | ''
            ''                   | 4 | 0 | ''
            ǅemal Ⅻ              | 0 | 0 | xxxxx Ⅻ
            Straße ß ẞ           | 0 | 0 | Xxxxxx x X
            e\u0301 👍🏽 ١٢         | 0 | 0 | x\u0301 👍🏽 nn
            4111 1111 1111 1234  | 0 | 4 | nnnn nnnn nnnn 1234
            4111 1111 1111 1234  | 4 | 0 | 4111 nnnn nnnn nnnn
            abcd                 | 0 | 4 | xxxx
            abcd                 | 4 | 0 | xxxx
            abcde                | 0 | 4 | xbcde
            abcde                | 4 | 0 | abcdx
            ab👩‍👧                 | 0 | 4 | xb👩‍👧
            """)
    void redactsCodePointsOutsideTheShownEnds(String text, int keepFirst, int keepLast, String expected) {
        assertThat(redact(utf8(text), keepFirst, keepLast)).isEqualTo(utf8(expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            lone continuation byte                  | 80          | 3f
            invalid lead byte                       | 61ff62      | 783f78
            truncated two-byte sequence             | 41c3        | 583f
            truncated three-byte sequence           | e282        | 3f3f
            overlong encoding of '/'                | c0af        | 3f3f
            overlong three-byte form                | e080af      | 3f3f3f
            UTF-16 surrogate                        | eda080      | 3f3f3f
            beyond U+10FFFF                         | f4908080    | 3f3f3f3f
            bad continuation after a good lead      | c361        | 3f78
            well-formed é then garbage              | c3a9fe      | 783f
            """)
    void writesOneQuestionMarkPerByteThatIsNotWellFormed(String description, String input, String expected) {
        assertThat(HexFormat.of().formatHex(redact(HexFormat.of().parseHex(input), 0, 0))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1} code points")
    @CsvSource(delimiter = '|', textBlock = """
            a é € 😀 | 7
            6180ff   | 3
            """)
    void countsCodePointsAndMalformedBytesAlike(String input, int expected) {
        byte[] bytes = input.contains(" ") ? utf8(input) : HexFormat.of().parseHex(input);
        assertThat(Utf8Redaction.countCodePoints(bytes, bytes.length)).isEqualTo(expected);
    }

    private static byte[] redact(byte[] text, int keepFirst, int keepLast) {
        byte[] out = new byte[text.length];
        int written = Utf8Redaction.redact(text, text.length, out, keepFirst, keepLast);
        byte[] result = new byte[written];
        System.arraycopy(out, 0, result, 0, written);
        return result;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
