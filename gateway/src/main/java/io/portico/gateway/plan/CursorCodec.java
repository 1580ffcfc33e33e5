package io.portico.gateway.plan;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Opaque, stable keyset cursors. A cursor holds a row's values of the sort keys plus a signature of the dataset
 * and ordering it was issued for, so a cursor reused with another {@code orderBy} is refused instead of
 * silently paging from a wrong position.
 *
 * <p>Format (sealed by a {@link CursorSeal}: encrypted and authenticated, since key values may be ones a policy
 * withholds, and padded to a constant length): {@code c2:<signature>:} then, per value, {@code -} for null or
 * {@code <length>:<text>}. Values travel as text and are parsed back with the column's type. Cursors of format
 * {@code c1} (before padding) are refused as not issued here.
 */
final class CursorCodec {

    private static final String VERSION = "c2";
    private static final int MAX_CURSOR_CHARS = 4096;

    private CursorCodec() {
    }

    static String signature(DatasetBinding binding, List<SortKey> ordering) {
        StringBuilder spec = new StringBuilder(binding.portId()).append('/').append(binding.dataset());
        ordering.forEach(key -> spec.append('|').append(key));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spec.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String encode(CursorSeal seal, String signature, List<Object> values) {
        StringBuilder text = new StringBuilder(VERSION).append(':').append(signature).append(':');
        for (Object value : values) {
            if (value == null) {
                text.append('-');
                continue;
            }
            String valueText = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            text.append(valueText.length()).append(':').append(valueText);
        }
        return seal.seal(text.toString());
    }

    /**
     * The value texts of a cursor (null for a null value), checked against the expected signature and count.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} when the cursor is malformed or was issued for another ordering
     */
    static List<String> decode(CursorSeal seal, String cursor, String expectedSignature, int expectedValues) {
        if (cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid("it is longer than " + MAX_CURSOR_CHARS + " characters");
        }
        String text = seal.open(cursor);
        String prefix = VERSION + ":";
        if (!text.startsWith(prefix) || text.length() < prefix.length() + 13 || text.charAt(prefix.length() + 12) != ':') {
            throw invalid("it is not a cursor this gateway issued");
        }
        String signature = text.substring(prefix.length(), prefix.length() + 12);
        if (!signature.equals(expectedSignature)) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "the 'after' cursor was issued for another dataset or orderBy; restart paging without 'after'"
                            + " or keep the orderBy of the first page");
        }
        List<String> values = parseValues(text, prefix.length() + 13);
        if (values.size() != expectedValues) {
            throw invalid("it holds " + values.size() + " key values, expected " + expectedValues);
        }
        return values;
    }

    private static List<String> parseValues(String text, int start) {
        List<String> values = new ArrayList<>();
        int position = start;
        while (position < text.length()) {
            if (text.charAt(position) == '-') {
                values.add(null);
                position++;
                continue;
            }
            int colon = text.indexOf(':', position);
            if (colon < 0) {
                throw invalid("it is truncated");
            }
            int length;
            try {
                length = Integer.parseInt(text, position, colon, 10);
            } catch (NumberFormatException e) {
                throw invalid("it is corrupted");
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw invalid("it is truncated");
            }
            values.add(text.substring(colon + 1, end));
            position = end;
        }
        return values;
    }

    private static PorticoException invalid(String why) {
        return new PorticoException(ErrorCode.BAD_USER_INPUT,
                "the 'after' cursor is not valid: " + why + ". Pass a cursor from edges.cursor or pageInfo.endCursor");
    }
}
