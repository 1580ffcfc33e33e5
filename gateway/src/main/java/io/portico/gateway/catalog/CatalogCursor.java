package io.portico.gateway.catalog;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Opaque keyset cursors over the catalog's order: a cursor holds the sort key of a product (domain, data product,
 * major version, port id), so paging resumes right after it even when products were added or removed meanwhile.
 *
 * <p>Format (inside URL-safe base64): {@code dp1:} then each of the four values as {@code <length>:<text>}.
 *
 * @param domain       the product's domain
 * @param dataProduct  its data product
 * @param majorVersion its major version
 * @param portId       its port id
 */
record CatalogCursor(String domain, String dataProduct, int majorVersion, String portId) {

    /** The catalog's order: domain, data product, major version (newest first), then port id. */
    static final Comparator<CatalogCursor> ORDER = Comparator.comparing(CatalogCursor::domain)
            .thenComparing(CatalogCursor::dataProduct)
            .thenComparing(Comparator.comparingInt(CatalogCursor::majorVersion).reversed())
            .thenComparing(CatalogCursor::portId);

    /** The order of products, by their cursors. */
    static final Comparator<DataProduct> PRODUCT_ORDER = Comparator.comparing(CatalogCursor::of, ORDER);

    private static final String VERSION = "dp1:";
    private static final int MAX_CURSOR_CHARS = 4096;

    static CatalogCursor of(DataProduct product) {
        return new CatalogCursor(product.domain(), product.dataProduct(), product.majorVersion(), product.portId());
    }

    /** Whether {@code product} comes after this cursor in the catalog's order. */
    boolean precedes(DataProduct product) {
        return ORDER.compare(this, of(product)) < 0;
    }

    String encode() {
        StringBuilder text = new StringBuilder(VERSION);
        for (String value : List.of(domain, dataProduct, Integer.toString(majorVersion), portId)) {
            text.append(value.length()).append(':').append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor this class {@link #encode encoded}.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} when it is not one
     */
    static CatalogCursor decode(String cursor) {
        if (cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(VERSION)) {
            throw invalid();
        }
        List<String> values = values(text, VERSION.length());
        if (values.size() != 4) {
            throw invalid();
        }
        int major;
        try {
            major = Integer.parseInt(values.get(2));
        } catch (NumberFormatException e) {
            throw invalid();
        }
        return new CatalogCursor(values.get(0), values.get(1), major, values.get(3));
    }

    private static List<String> values(String text, int start) {
        List<String> values = new ArrayList<>(4);
        int position = start;
        while (position < text.length()) {
            int colon = text.indexOf(':', position);
            if (colon < 0) {
                throw invalid();
            }
            int length;
            try {
                length = Integer.parseInt(text, position, colon, 10);
            } catch (NumberFormatException e) {
                throw invalid();
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw invalid();
            }
            values.add(text.substring(colon + 1, end));
            position = end;
        }
        return values;
    }

    private static PorticoException invalid() {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, "the 'after' cursor is not a catalog cursor this gateway"
                + " issued; pass edges.cursor or pageInfo.endCursor of a dataProducts page, or leave 'after' out");
    }
}
