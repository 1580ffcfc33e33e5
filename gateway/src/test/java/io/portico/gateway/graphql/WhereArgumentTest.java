package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.RequestFilter.Operator;
import io.portico.gateway.plan.RequestedSort;
import io.portico.gateway.plan.SortDirection;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhereArgumentTest {

    @Test
    void readsTheArgumentIntoATypedTreeOnce() {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("status", Map.of("neq", "CANCELLED"));
        where.put("or", List.of(Map.of("region", Map.of("in", List.of("EMEA", "APAC"))),
                Map.of("not", Map.of("email", Map.of("isNull", true)))));

        RequestFilter filter = WhereArgument.read(where);

        assertThat(filter).isEqualTo(new RequestFilter.And(List.of(
                new RequestFilter.Compare("status", Operator.NEQ, "CANCELLED"),
                new RequestFilter.Or(List.of(
                        new RequestFilter.In("region", List.of("EMEA", "APAC"), false),
                        new RequestFilter.Not(new RequestFilter.IsNull("email", true)))))));
        assertThat(filter.fields()).containsExactly("status", "region", "email");
    }

    @Test
    void explicitNullsMeanNotGivenExceptWhereTheyWouldSilentlyMatchNothing() {
        Map<String, Object> where = new HashMap<>();
        where.put("and", null);
        Map<String, Object> isNullNull = new HashMap<>();
        isNullNull.put("isNull", null);
        where.put("email", isNullNull);
        assertThat(WhereArgument.read(where)).isEqualTo(RequestFilter.ALL);
        assertThat(WhereArgument.read(null)).isEqualTo(RequestFilter.ALL);
        assertThat(RequestFilter.ALL.fields()).isEmpty();

        Map<String, Object> gtNull = new HashMap<>();
        gtNull.put("gt", null);
        assertThatThrownBy(() -> WhereArgument.read(Map.of("amount", gtNull)))
                .isInstanceOfSatisfying(PorticoException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                .hasMessageContaining("'amount.gt' is null; to match nulls use isNull: true");
    }

    @Test
    void unknownOperatorsAndWrongShapesAreRefusedByName() {
        assertThatThrownBy(() -> WhereArgument.read(Map.of("amount", Map.of("like", "%"))))
                .hasMessageContaining("unknown operator 'like' on field 'amount'");
        assertThatThrownBy(() -> WhereArgument.read(Map.of("or", Map.of("amount", Map.of("eq", 1)))))
                .hasMessageContaining("'or' takes a list of conditions");
        assertThatThrownBy(() -> WhereArgument.read(Map.of("amount", Map.of("in", 5))))
                .hasMessageContaining("'amount.in' takes a list");
    }

    @Test
    void orderByReadsOneFieldPerEntryInOrder() {
        assertThat(OrderByArgument.read(List.of(Map.of("amount", "DESC"), Map.of("orderId", "ASC"))))
                .containsExactly(new RequestedSort("amount", SortDirection.DESC),
                        new RequestedSort("orderId", SortDirection.ASC));
        assertThat(OrderByArgument.read(Map.of("amount", "desc")))
                .containsExactly(new RequestedSort("amount", SortDirection.DESC));
        assertThat(OrderByArgument.read(null)).isEmpty();
        assertThatThrownBy(() -> OrderByArgument.read(List.of(Map.of("amount", "SIDEWAYS"))))
                .hasMessageContaining("sort direction of 'amount' must be ASC or DESC");
    }
}
