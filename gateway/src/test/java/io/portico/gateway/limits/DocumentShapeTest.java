package io.portico.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.introspection.IntrospectionQuery;
import graphql.language.Document;
import graphql.parser.Parser;
import io.portico.gateway.limits.DocumentShape.FragmentCycleException;
import org.junit.jupiter.api.Test;

class DocumentShapeTest {

    private static DocumentShape shape(String query) {
        return DocumentShape.of(Parser.parse(query), null);
    }

    @Test
    void countsDepthFieldsAndAliasesAsWritten() {
        assertThat(shape("{ sales { orders(first: 5) { nodes { id total: totalAmount } } } }"))
                .isEqualTo(new DocumentShape(4, 5, 1));
        assertThat(shape("{ schemaVersion }")).isEqualTo(new DocumentShape(1, 1, 0));
    }

    @Test
    void countsAFragmentAtEverySpreadAndInlineFragmentsAtTheirLevel() {
        String query = """
                { a: sales { ...Orders } b: sales { ...Orders ... on SalesDomain { orders { totalCount } } } }
                fragment Orders on SalesDomain { orders { nodes { id status } } }""";
        // a, b (2 aliased) + 2 x (orders nodes id status) + orders totalCount
        assertThat(shape(query)).isEqualTo(new DocumentShape(4, 2 + 2 * 4 + 2, 2));
    }

    @Test
    void measuresOnlyTheNamedOperation() {
        Document document = Parser.parse("query Small { a } query Deep { a { b { c } } }");
        assertThat(DocumentShape.of(document, "Small").depth()).isEqualTo(1);
        assertThat(DocumentShape.of(document, "Deep").depth()).isEqualTo(3);
        assertThat(DocumentShape.of(document, null).depth()).isEqualTo(3);
    }

    @Test
    void measuresAnExponentialFragmentBombInLinearTimeAndSaturates() {
        StringBuilder query = new StringBuilder("{ ...F0 }\n");
        for (int level = 0; level < 80; level++) {
            query.append("fragment F").append(level).append(" on Query { ...F").append(level + 1)
                    .append(" ...F").append(level + 1).append(" }\n");
        }
        query.append("fragment F80 on Query { a: schemaVersion }");
        long start = System.nanoTime();
        DocumentShape shape = shape(query.toString());
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
        assertThat(shape.fields()).isEqualTo(Long.MAX_VALUE);
        assertThat(shape.aliases()).isEqualTo(Long.MAX_VALUE);
        assertThat(shape.depth()).isEqualTo(1);
    }

    @Test
    void namesAFragmentCycle() {
        String query = "{ ...A } fragment A on Query { ...B } fragment B on Query { x ...C } fragment C on Query { ...A }";
        assertThatThrownBy(() -> shape(query))
                .isInstanceOfSatisfying(FragmentCycleException.class, cycle -> {
                    assertThat(cycle.cycle()).containsExactly("A", "B", "C", "A");
                    assertThat(cycle.location()).isPresent();
                });
    }

    @Test
    void graphiqlsIntrospectionQueryIsWithinTheDefaultLimits() {
        DocumentShape shape = shape(IntrospectionQuery.INTROSPECTION_QUERY);
        QueryLimits limits = QueryLimits.defaults();
        assertThat(shape.depth()).isLessThanOrEqualTo(limits.maxDepth());
        assertThat(shape.fields()).isLessThanOrEqualTo(limits.maxFields());
        assertThat(shape.aliases()).isLessThanOrEqualTo(limits.maxAliases());
    }

    @Test
    void scanReadsNestingAndAliasesOffTheCharacters() {
        String query = """
                query Q($first: Int = 5, $where: OrderWhere = {status: {eq: "x"}}) {
                  # a comment { with: braces
                  sales { one: orders(first: $first, where: {id: {in: [1, 2]}}) @include(if: true) {
                    nodes { id note: status description(text: "a { b: c") text(block: \"""{ d: e }\""") } } }
                }""";
        assertThat(DocumentShape.scan(query)).isEqualTo(new DocumentShape(4, 0, 2));
        assertThat(DocumentShape.scan(query).depth()).isEqualTo(shape(query).depth());
        assertThat(DocumentShape.scan(query).aliases()).isEqualTo(shape(query).aliases());
    }

    @Test
    void scanHandlesAThousandLevelsAndTenThousandAliases() {
        assertThat(DocumentShape.scan("{a".repeat(1000) + "}".repeat(1000)).depth()).isEqualTo(1000);
        StringBuilder aliases = new StringBuilder("{");
        for (int alias = 0; alias < 10_000; alias++) {
            aliases.append(" a").append(alias).append(": schemaVersion");
        }
        assertThat(DocumentShape.scan(aliases.append('}').toString()).aliases()).isEqualTo(10_000);
    }
}
