package io.portico.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogCursorTest {

    @Test
    void aCursorRoundTripsWhateverTheNamesHoldIn() {
        CatalogCursor cursor = new CatalogCursor("sales:ops", "orders 2:3", 12, "port:with:colons\n");

        assertThat(CatalogCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theOrderIsDomainThenProductThenNewestMajorThenPortId() {
        List<CatalogCursor> shuffled = new ArrayList<>(List.of(
                new CatalogCursor("sales", "orders", 1, "b"),
                new CatalogCursor("crm", "customers", 1, "a"),
                new CatalogCursor("sales", "orders", 2, "b"),
                new CatalogCursor("sales", "orders", 1, "a"),
                new CatalogCursor("sales", "invoices", 1, "z")));

        shuffled.sort(CatalogCursor.ORDER);

        assertThat(shuffled).extracting(cursor -> cursor.domain() + ":" + cursor.dataProduct() + ":"
                + cursor.majorVersion() + ":" + cursor.portId()).containsExactly(
                "crm:customers:1:a", "sales:invoices:1:z", "sales:orders:2:b", "sales:orders:1:a", "sales:orders:1:b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "bm90IGEgY3Vyc29y", "ZHAxOg", "ZHAxOjE6YQ", "ZHAxOjk5OmE"})
    void aCursorNotIssuedHereIsBadUserInput(String cursor) {
        assertThatThrownBy(() -> CatalogCursor.decode(cursor))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                .hasMessageContaining("not a catalog cursor");
    }

    @Test
    void aCursorWithANonNumericMajorIsRefused() {
        String text = "dp1:5:sales6:orders1:x4:port";
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CatalogCursor.decode(cursor)).isInstanceOf(PorticoException.class);
    }
}
