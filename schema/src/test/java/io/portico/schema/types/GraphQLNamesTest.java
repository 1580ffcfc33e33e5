package io.portico.schema.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphQLNamesTest {

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({
        "order_id, orderId, OrderId",
        "orderId, orderId, OrderId",
        "ORDER_ID, orderId, OrderId",
        "Order Date, orderDate, OrderDate",
        "shipped-at, shippedAt, ShippedAt",
        "customerID, customerID, CustomerID",
        "2nd_address, _2ndAddress, _2ndAddress",
        "__typename, typename, Typename",
        "'é', _, _",
    })
    void convertsContractNames(String name, String fieldName, String typeName) {
        assertThat(GraphQLNames.fieldName(name)).isEqualTo(fieldName);
        assertThat(GraphQLNames.typeName(name)).isEqualTo(typeName);
    }
}
