package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The stable global ids of data products and their datasets: URNs made of the domain, the data product, the
 * dataset and the major version. The catalog, error messages and logs name products and datasets by them.
 *
 * <pre>
 *   urn:portico:&lt;domain&gt;:&lt;dataProduct&gt;:v&lt;major&gt;              a data product (an output port at one major version)
 *   urn:portico:&lt;domain&gt;:&lt;dataProduct&gt;:&lt;dataset&gt;:v&lt;major&gt;    one of its datasets
 * </pre>
 *
 * e.g. {@code urn:portico:sales:orders:v1} and {@code urn:portico:sales:orders:orders:v1}.
 *
 * <p>Segment rule: each name is lower-cased ({@link Locale#ROOT}), then every character outside
 * {@code [a-z0-9._-]} is percent-encoded as its UTF-8 bytes, {@code %XX} with upper-case hex digits. So
 * {@code Sales Ops} becomes {@code sales%20ops}, {@code :} becomes {@code %3A}, {@code %} becomes {@code %25} and
 * {@code é} becomes {@code %C3%A9}; a segment never contains {@code :}, which makes the URN unambiguous. Names that
 * differ only in letter case get the same id. The major version is the contract's
 * {@link OutputPortContract#majorVersion()} ({@code 2} for {@code 2.1.0-rc.1}).
 *
 * <p>{@link #parse} reads a URN back. It is lenient in what it accepts and exact in what it returns: the
 * {@code urn:portico:} prefix and every segment are compared case-insensitively (segments are lower-cased, hex
 * digits of any case are decoded), a major version may have leading zeros; {@link Urn#toString()} gives the
 * canonical form, the one {@link #product} and {@link #dataset} produce.
 */
public final class Urns {

    /** Every Portico URN starts with this. */
    public static final String PREFIX = "urn:portico:";

    /** The longest text {@link #parse} reads; a longer id is not one of ours. */
    public static final int MAX_LENGTH = 2048;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urns() {
    }

    /** The id of a data product, e.g. {@code urn:portico:sales:orders:v1}. */
    public static String product(String domain, String dataProduct, int major) {
        return new Urn(domain, dataProduct, null, major).toString();
    }

    /** The id of a dataset of a data product, e.g. {@code urn:portico:sales:orders:orders:v1}. */
    public static String dataset(String domain, String dataProduct, String dataset, int major) {
        return new Urn(domain, dataProduct, requireNonNull(dataset, "dataset is null"), major).toString();
    }

    /** The id of the data product a contract describes, at the contract's major version. */
    public static String product(OutputPortContract contract) {
        return product(contract.domain(), contract.dataProduct(), contract.majorVersion());
    }

    /** The id of one of a contract's datasets (by its {@code schema[].name}), at the contract's major version. */
    public static String dataset(OutputPortContract contract, String dataset) {
        return dataset(contract.domain(), contract.dataProduct(), dataset, contract.majorVersion());
    }

    /** One name as a URN segment: lower-cased, characters outside {@code [a-z0-9._-]} percent-encoded. */
    public static String segment(String name) {
        requireNonNull(name, "name is null");
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder segment = new StringBuilder(lower.length());
        for (byte octet : lower.getBytes(StandardCharsets.UTF_8)) {
            char character = (char) (octet & 0xFF);
            if (isPlain(character)) {
                segment.append(character);
            } else {
                segment.append('%').append(HEX[(octet >> 4) & 0xF]).append(HEX[octet & 0xF]);
            }
        }
        return segment.toString();
    }

    /**
     * Reads a product or dataset URN.
     *
     * @throws PorticoException {@code BAD_USER_INPUT}, with a message naming the expected form, when the text is
     *                          not a Portico URN
     */
    public static Urn parse(String text) {
        requireNonNull(text, "text is null");
        if (text.length() > MAX_LENGTH) {
            throw malformed(text, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw malformed(text, "it does not start with '" + PREFIX + "'");
        }
        String[] parts = text.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw malformed(text, "it has " + parts.length + " parts after '" + PREFIX + "', expected 3 (a product)"
                    + " or 4 (a dataset)");
        }
        int major = major(text, parts[parts.length - 1]);
        String domain = decode(text, parts[0], "domain");
        String dataProduct = decode(text, parts[1], "data product");
        String dataset = parts.length == 4 ? decode(text, parts[2], "dataset") : null;
        return new Urn(domain, dataProduct, dataset, major);
    }

    private static int major(String text, String part) {
        if (part.length() < 2 || part.length() > 10 || Character.toLowerCase(part.charAt(0)) != 'v') {
            throw malformed(text, "its last part '" + abbreviate(part) + "' is not a major version such as 'v1'");
        }
        for (int index = 1; index < part.length(); index++) {
            if (!isDigit(part.charAt(index))) {
                throw malformed(text, "its last part '" + abbreviate(part) + "' is not a major version such as 'v1'");
            }
        }
        return Integer.parseInt(part.substring(1));
    }

    private static String decode(String text, String part, String what) {
        if (part.isEmpty()) {
            throw malformed(text, "its " + what + " is empty");
        }
        String lower = part.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(lower.length());
        for (int index = 0; index < lower.length(); index++) {
            char character = lower.charAt(index);
            if (isPlain(character)) {
                bytes.write(character);
                continue;
            }
            if (character != '%') {
                throw malformed(text, "its " + what + " '" + abbreviate(part) + "' contains '" + character
                        + "'; outside [a-z0-9._-] characters are percent-encoded (e.g. %20 for a space)");
            }
            int high = index + 2 < lower.length() ? Character.digit(lower.charAt(index + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(lower.charAt(index + 2), 16);
            if (low < 0) {
                throw malformed(text, "its " + what + " '" + abbreviate(part) + "' has a '%' not followed by two"
                        + " hex digits");
            }
            bytes.write(high << 4 | low);
            index += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(text, "its " + what + " '" + abbreviate(part) + "' percent-encodes bytes that are not"
                    + " UTF-8");
        }
    }

    private static boolean isPlain(char character) {
        return (character >= 'a' && character <= 'z') || isDigit(character)
                || character == '.' || character == '_' || character == '-';
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static PorticoException malformed(String text, String why) {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, "'" + abbreviate(text) + "' is not a Portico id: "
                + why + ". Ids look like urn:portico:<domain>:<dataProduct>:v<major> for a data product (e.g."
                + " urn:portico:sales:orders:v1) and urn:portico:<domain>:<dataProduct>:<dataset>:v<major> for a"
                + " dataset");
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /**
     * A parsed Portico URN.
     *
     * @param domain      the domain, as named in the URN (lower-case, decoded)
     * @param dataProduct the data product
     * @param dataset     the dataset; null for a product URN
     * @param major       the major version
     */
    public record Urn(String domain, String dataProduct, String dataset, int major) {

        public Urn {
            requireNonNull(domain, "domain is null");
            requireNonNull(dataProduct, "dataProduct is null");
            if (domain.isEmpty() || dataProduct.isEmpty() || (dataset != null && dataset.isEmpty())) {
                throw new IllegalArgumentException("URN segments must not be empty");
            }
            if (major < 0) {
                throw new IllegalArgumentException("major must not be negative: " + major);
            }
        }

        /** Whether this names a dataset rather than a data product. */
        public boolean isDataset() {
            return dataset != null;
        }

        /** The URN of the data product: this one without its dataset. */
        public Urn product() {
            return dataset == null ? this : new Urn(domain, dataProduct, null, major);
        }

        /** The canonical text of this URN. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(PREFIX).append(segment(domain)).append(':')
                    .append(segment(dataProduct)).append(':');
            if (dataset != null) {
                text.append(segment(dataset)).append(':');
            }
            return text.append('v').append(major).toString();
        }
    }
}
