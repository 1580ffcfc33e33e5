package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdlDefinitionCacheTest {

    private static final String QUERY_V1 = "type Query {\n  sales: SalesDomain!\n}\n\n";
    private static final String QUERY_V2 = "type Query {\n  sales: SalesDomain!\n  crm: CrmDomain!\n}\n\n";
    private static final String SALES = "\"\"\"\nSales.\n\"\"\"\ntype SalesDomain {\n  total: Int\n}\n\n";
    private static final String CRM = "type CrmDomain {\n  name: String\n}\n\n";

    @Test
    void parsesLikeTheWholeTextAndReusesUnchangedDefinitions() {
        SdlDefinitionCache cache = new SdlDefinitionCache();

        TypeDefinitionRegistry first = cache.parse(List.of(QUERY_V1, SALES));
        TypeDefinitionRegistry second = cache.parse(List.of(QUERY_V2, SALES, CRM));

        TypeDefinitionRegistry whole = new SchemaParser().parse(QUERY_V2 + SALES + CRM);
        assertThat(second.types().keySet()).isEqualTo(whole.types().keySet());
        assertThat(second.getType("SalesDomain").orElseThrow())
                .as("the unchanged definition is the same syntax tree").isSameAs(first.getType("SalesDomain").orElseThrow());
        assertThat(second.getType("Query").orElseThrow()).isNotSameAs(first.getType("Query").orElseThrow());
        assertThat(((graphql.language.ObjectTypeDefinition) second.getType("SalesDomain").orElseThrow())
                .getDescription().getContent()).isEqualTo("Sales.");
    }

    @Test
    void keepsOnlyTheLastBuildsDefinitions() {
        SdlDefinitionCache cache = new SdlDefinitionCache();

        cache.parse(List.of(QUERY_V2, SALES, CRM));
        cache.parse(List.of(QUERY_V1, SALES));

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void refusesAPieceThatHoldsMoreThanOneDefinition() {
        SdlDefinitionCache cache = new SdlDefinitionCache();

        assertThatThrownBy(() -> cache.parse(List.of(SALES + CRM)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one definition, not 2");
    }
}
