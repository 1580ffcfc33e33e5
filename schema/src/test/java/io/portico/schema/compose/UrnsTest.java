package io.portico.schema.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrnsTest {

    @Test
    void productAndDatasetIdsNameDomainProductDatasetAndMajorVersion() {
        assertThat(Urns.product("sales", "orders", 1)).isEqualTo("urn:portico:sales:orders:v1");
        assertThat(Urns.dataset("sales", "orders", "orders", 2)).isEqualTo("urn:portico:sales:orders:orders:v2");
    }

    @Test
    void theMajorVersionOfAContractIsTheLeadingNumberOfItsVersion() {
        OutputPortContract contract = ContractParser.parse("""
                apiVersion: v3.1.0
                kind: DataContract
                id: sales-orders-port
                version: 2.1.0-rc.1
                status: active
                domain: Sales
                dataProduct: Orders
                schema:
                  - name: order_lines
                    properties:
                      - name: id
                        logicalType: integer
                """);

        assertThat(Urns.product(contract)).isEqualTo("urn:portico:sales:orders:v2");
        assertThat(Urns.dataset(contract, "order_lines")).isEqualTo("urn:portico:sales:orders:order_lines:v2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sales           | sales",
            "Sales           | sales",
            "order_lines     | order_lines",
            "v1.2-beta       | v1.2-beta",
            "Sales Ops       | sales%20ops",
            "a:b             | a%3Ab",
            "100%            | 100%25",
            "café            | caf%C3%A9",
            "x/y?z#w         | x%2Fy%3Fz%23w"})
    void segmentsAreLowerCaseWithOtherCharactersPercentEncoded(String name, String segment) {
        assertThat(Urns.segment(name)).isEqualTo(segment);
    }

    @Test
    void parsingGivesBackTheNamesAndTheCanonicalText() {
        Urns.Urn product = Urns.parse("urn:portico:sales%20ops:orders:v3");
        assertThat(product).isEqualTo(new Urns.Urn("sales ops", "orders", null, 3));
        assertThat(product.isDataset()).isFalse();
        assertThat(product.toString()).isEqualTo("urn:portico:sales%20ops:orders:v3");

        Urns.Urn dataset = Urns.parse("urn:portico:crm:customers:caf%C3%A9%3Abar:v1");
        assertThat(dataset.dataset()).isEqualTo("café:bar");
        assertThat(dataset.isDataset()).isTrue();
        assertThat(dataset.product().toString()).isEqualTo("urn:portico:crm:customers:v1");
        assertThat(dataset.toString()).isEqualTo("urn:portico:crm:customers:caf%C3%A9%3Abar:v1");
    }

    @Test
    void parsingIsCaseInsensitiveAndCanonicalizes() {
        assertThat(Urns.parse("URN:Portico:Sales:Orders:V01").toString()).isEqualTo("urn:portico:sales:orders:v1");
        assertThat(Urns.parse("urn:portico:caf%c3%a9:x:v1").toString()).isEqualTo("urn:portico:caf%C3%A9:x:v1");
    }

    @Test
    void everyNameRoundTripsThroughItsUrn() {
        for (String name : new String[] {"sales", "Sales Ops", "a:b:c", "100%", "ü-ß", "日本", "x y\tz", "%41"}) {
            String urn = Urns.dataset(name, name, name, 7);
            Urns.Urn parsed = Urns.parse(urn);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            assertThat(parsed).as(urn).isEqualTo(new Urns.Urn(lower, lower, lower, 7));
            assertThat(parsed.toString()).isEqualTo(urn);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "sales-orders-port",
            "urn:other:sales:orders:v1",
            "urn:portico:sales:v1",
            "urn:portico:a:b:c:d:v1",
            "urn:portico:sales:orders:1",
            "urn:portico:sales:orders:v",
            "urn:portico:sales:orders:vx",
            "urn:portico:sales:orders:v12345678901",
            "urn:portico::orders:v1",
            "urn:portico:sales ops:orders:v1",
            "urn:portico:sales:orders%2:v1",
            "urn:portico:sales:orders%zz:v1",
            "urn:portico:sales:%ff:v1"})
    void malformedIdsAreRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> Urns.parse(text))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                .hasMessageContaining("is not a Portico id")
                .hasMessageContaining("urn:portico:<domain>:<dataProduct>:v<major>");
    }

    @Test
    void aVeryLongIdIsRefusedWithoutEchoingIt() {
        String text = "urn:portico:" + "a".repeat(Urns.MAX_LENGTH) + ":b:v1";

        assertThatThrownBy(() -> Urns.parse(text))
                .isInstanceOf(PorticoException.class)
                .hasMessageContaining("longer than " + Urns.MAX_LENGTH)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
    }
}
