package io.portico.policies.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portico.policies.filter.Operand.Literal;
import io.portico.policies.filter.Operand.SubjectReference;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFilterParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            region = subject.region                          | region = subject.region
            REGION='EMEA'                                    | REGION = 'EMEA'
            amount >= 10.50                                  | amount >= 10.50
            amount < -3                                      | amount < -3
            a != 1 and b <= 2 or c > 3                       | a != 1 and b <= 2 or c > 3
            a = 1 and (b = 2 or c = 3)                       | a = 1 and (b = 2 or c = 3)
            not a = 1                                        | not a = 1
            not (a = 1 or b = 2)                             | not (a = 1 or b = 2)
            NOT NOT a = 1                                    | not (not a = 1)
            status in ('OPEN', 'PAID')                       | status in ('OPEN', 'PAID')
            status NOT IN ('CANCELLED')                      | status not in ('CANCELLED')
            team in subject.groups                           | team in subject.groups
            owner not in (subject.id, 'nobody')              | owner not in (subject.id, 'nobody')
            deleted_at is null                               | deleted_at is null
            deleted_at IS NOT NULL                           | deleted_at is not null
            active = true and archived = FALSE               | active = true and archived = false
            name = 'O''Brien'                                | name = 'O''Brien'
            "in" = 1 and "Order Date" = 2 and "x" = 3         | "in" = 1 and "Order Date" = 2 and x = 3
            "we""ird" = subject."cost-center"                | "we""ird" = subject."cost-center"
            true                                             | true
            (false)                                          | false
            ((a = 1))                                        | a = 1
            visible(crm.customers)                           | visible(crm.customers)
            VISIBLE ( crm . customers )                      | visible(crm.customers)
            visible(customer_id -> crm.customers)            | visible(customer_id -> crm.customers)
            visible(a,b->"Sales Ops".orders)                 | visible(a, b -> "Sales Ops".orders)
            not visible(crm.customers) and region = 'x'      | not visible(crm.customers) and region = 'x'
            visible = true and visible(crm.customers)        | visible = true and visible(crm.customers)
            visible in (1, 2) or "visible" is null           | visible in (1, 2) or visible is null
            visible(visible -> "in".x)                       | visible(visible -> "in".x)
            """)
    void parsesAndPrintsCanonically(String text, String canonical) {
        RowPredicate predicate = RowFilterParser.parse(text);

        assertThat(predicate.text()).isEqualTo(canonical);
        assertThat(RowFilterParser.parse(canonical)).as("the canonical text reads back the same").isEqualTo(predicate);
    }

    @Test
    void buildsTheTree() {
        RowPredicate predicate = RowFilterParser.parse("region = subject.region and amount > 1.5 or id in (1, 2)");

        assertThat(predicate).isEqualTo(new RowPredicate.Or(List.of(
                new RowPredicate.And(List.of(
                        new RowPredicate.Comparison("region", ComparisonOperator.EQUAL, new SubjectReference("region")),
                        new RowPredicate.Comparison("amount", ComparisonOperator.GREATER,
                                new Literal(new BigDecimal("1.5"))))),
                new RowPredicate.InList("id", List.of(new Literal(1L), new Literal(2L)), false))));
        assertThat(predicate.fields()).containsExactly("region", "amount", "id");
        assertThat(predicate.subjectAttributes()).containsExactly("region");
        assertThat(predicate.isBound()).isFalse();
    }

    @Test
    void readsVisibleTests() {
        RowPredicate predicate = RowFilterParser.parse("visible(customer_id -> crm.customers) or region = 'x'"
                + " and not visible(sales.orders)");

        assertThat(predicate.visibleTests()).containsExactly(
                new RowPredicate.Visible(List.of("customer_id"), "crm", "customers"),
                new RowPredicate.Visible(List.of(), "sales", "orders"));
        assertThat(predicate.fields()).as("the key fields are fields the filter reads")
                .containsExactly("customer_id", "region");
        assertThat(predicate.subjectAttributes()).isEmpty();
        assertThat(predicate.visibleTests().getFirst().target()).isEqualTo("crm.customers");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                   | 1  | the row filter is empty
            region                               | 7  | expected a comparison operator
            region =                             | 9  | expected a literal
            region = subject                     | 17 | expected '.' and an attribute
            region = subject.                    | 18 | expected an attribute name
            subject.region = region              | 1  | the left side of a test is a field
            region == 'EMEA'                     | 8  | '==' is written = here
            region <> 'EMEA'                     | 8  | '<>' is written != here
            region ! 'EMEA'                      | 8  | '!' alone is no operator
            region = 'EMEA                       | 10 | the string opened here is not closed
            region = null                        | 10 | use 'is null' or 'is not null'
            region in ('a', null)                | 17 | null in a list never matches
            region is nul                        | 11 | expected 'null' after 'is'
            region is not 5                      | 15 | expected 'null' after 'is not'
            region not 'a'                       | 12 | expected 'in' after 'region not'
            region in 'a'                        | 11 | expected '(' to start the list
            region in ()                         | 12 | expected a literal
            region in ('a' 'b')                  | 16 | expected ',' or ')' to close the list
            role = subject.roles                 | 8  | subject.roles is a set of values: use 'in subject.roles'
            role in subject.region               | 9  | 'in' takes a parenthesised list or a set
            (a = 1                               | 7  | expected ')' to close the '(' at column 1
            a = 1 b = 2                          | 7  | expected 'and', 'or' or the end of the row filter
            a = 1 and                            | 10 | expected a field name
            a = 1 # comment                      | 7  | unexpected character '#'
            a = 12abc                            | 7  | a number runs into 'a'
            a = 99999999999999999999             | 5  | out of range
            "" = 1                               | 1  | a quoted name is empty
            a = 1 and or b = 2                   | 11 | expected a field name
            visible(                             | 9  | expected a related dataset as domain.dataset
            visible()                            | 9  | expected a related dataset as domain.dataset
            visible(crm)                         | 12 | expected '.' and the dataset's name (visible(crm.dataset)), or ',' or '->'
            visible(crm.)                        | 13 | expected the dataset's name after 'crm.'
            visible(crm.customers                | 22 | expected ')' to close the 'visible(' at column 1
            a = 1 or visible (crm.customers b    | 33 | expected ')' to close the 'visible(' at column 10
            visible(a -> crm)                    | 17 | expected '.' and the dataset's name after the domain 'crm'
            visible(a -> 'crm'.customers)        | 14 | expected the related dataset as domain.dataset after '->'
            visible(a, -> crm.customers)         | 12 | expected a key field after ','
            visible(a a -> c.d)                  | 11 | after the key field 'a'
            visible(a, b c.d)                    | 14 | expected ',' or '->' and the related dataset after the key fields
            visible(a, a -> c.d)                 | 12 | the key field 'a' is named twice
            visible(subject.region)              | 9  | visible(...) names fields and a dataset, not the subject
            visible(a -> crm.customers -> x.y)   | 28 | expected ')' to close the 'visible('
            visible(crm.customers) = 1           | 24 | expected 'and', 'or' or the end of the row filter
            a - 1                                | 3  | unexpected character '-'
            """)
    void reportsWhatAndWhere(String text, int column, String problem) {
        RowFilterSyntaxException error = catchThrowableOfType(RowFilterSyntaxException.class,
                () -> RowFilterParser.parse(text));

        assertThat(error).as("an error for: " + text).isNotNull();
        assertThat(error.problem()).contains(problem);
        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).startsWith("at column " + column + ": ");
    }

    @Test
    void refusesDeepNestingAndLongText() {
        String deep = "(".repeat(RowFilterParser.MAX_DEPTH + 1) + "a = 1" + ")".repeat(RowFilterParser.MAX_DEPTH + 1);
        assertThat(catchThrowableOfType(RowFilterSyntaxException.class, () -> RowFilterParser.parse(deep)).problem())
                .contains("nests deeper than " + RowFilterParser.MAX_DEPTH);
        String nested = "(".repeat(RowFilterParser.MAX_DEPTH) + "a = 1" + ")".repeat(RowFilterParser.MAX_DEPTH);
        assertThat(RowFilterParser.parse(nested).text()).isEqualTo("a = 1");

        String longText = "a = '" + "x".repeat(RowFilterParser.MAX_LENGTH) + "'";
        assertThat(catchThrowableOfType(RowFilterSyntaxException.class, () -> RowFilterParser.parse(longText))
                .problem()).contains("more than " + RowFilterParser.MAX_LENGTH);
    }
}
