package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import java.util.List;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TrueConditions#isTrue} answers what jOOQ's {@code equals(DSL.trueCondition())}, which the planners asked
 * before, answers: for every kind of condition the filter translators build, and the odd ones that render as
 * {@code true} without being TRUE.
 */
class TrueConditionsTest {

    private static final Field<Long> AMOUNT = field(name("amount"), Long.class);
    private static final Field<String> REGION = field(name("region"), String.class);

    static Stream<Arguments> conditions() {
        List<Condition> conditions = List.of(
                DSL.trueCondition(), DSL.noCondition(), DSL.falseCondition(), DSL.and(List.of()), DSL.or(List.of()),
                DSL.and(DSL.trueCondition()), DSL.trueCondition().and(DSL.trueCondition()),
                DSL.trueCondition().and(DSL.noCondition()), DSL.noCondition().and(DSL.trueCondition()),
                DSL.not(DSL.falseCondition()), DSL.not(DSL.trueCondition()), DSL.condition(true),
                DSL.condition(false), DSL.condition("true"), DSL.condition("{0} = any ({1})", AMOUNT, val(1)),
                AMOUNT.eq(100L), AMOUNT.ge(val(100L)), REGION.ne("EMEA"), REGION.like("E%"), REGION.isNull(),
                REGION.isNotNull(), AMOUNT.between(1L, 2L), AMOUNT.in(1L, 2L, 3L), AMOUNT.in(List.of()),
                AMOUNT.notIn(List.of()), AMOUNT.notIn(1L), REGION.eq("EMEA").and(AMOUNT.gt(5L)),
                REGION.eq("EMEA").or(AMOUNT.lt(inline(5L))), DSL.trueCondition().and(AMOUNT.eq(1L)),
                REGION.eq("EMEA").and(DSL.trueCondition()), DSL.xor(REGION.isNull(), AMOUNT.isNull()),
                DSL.not(REGION.eq("EMEA")), AMOUNT.in(DSL.select(inline(1L))), DSL.exists(DSL.selectOne()));
        return conditions.stream().map(condition -> Arguments.of(condition.getClass().getSimpleName() + " "
                + DSL.using(org.jooq.SQLDialect.DEFAULT).renderInlined(condition), condition));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void answersAsJooqsEqualityWithTrue(String described, Condition condition) {
        assertThat(TrueConditions.isTrue(condition)).as(described)
                .isEqualTo(condition.equals(DSL.trueCondition()));
    }
}
