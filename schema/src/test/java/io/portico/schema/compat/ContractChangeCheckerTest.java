package io.portico.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.compose.PortSnapshot;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractChangeCheckerTest {

    static Stream<CompatCase> cases() {
        return CompatCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesTheChangeOfEachCase(CompatCase compatCase) {
        ChangeReport report = ContractChangeChecker.compare(compatCase.live(), compatCase.candidate());

        assertThat(report.highestSeverity()).as(report.changes().toString()).isEqualTo(compatCase.severity());
        assertThat(report.changes()).extracting(ContractChange::kind).as(report.changes().toString())
                .containsOnlyElementsOf(compatCase.kinds())
                .containsAll(compatCase.kinds());
        if (compatCase.path() != null) {
            assertThat(report.changes()).extracting(ContractChange::path).contains(compatCase.path());
        }
        assertThat(report.changes()).allSatisfy(change -> {
            assertThat(change.message()).isNotBlank();
            assertThat(change.revert()).isNotBlank();
        });
    }

    @Test
    void everyChangeKindHasACase() {
        Set<ChangeKind> covered = CompatCases.all().stream()
                .flatMap(compatCase -> compatCase.kinds().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ChangeKind.class)));

        assertThat(covered).containsExactlyInAnyOrder(ChangeKind.values());
    }

    @Test
    void caseNamesAreUniqueDirectoryNames() {
        List<String> names = CompatCases.all().stream().map(CompatCase::name).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void removedFieldNamesTheGraphQLFieldAndTheWayBack() {
        ContractChange change = onlyChange("field-removed");

        assertThat(change.severity()).isEqualTo(ChangeSeverity.BREAKING);
        assertThat(change.message()).contains("field 'status'", "dataset 'orders'", "SalesOrders.status", "fails");
        assertThat(change.revert()).isEqualTo("restore field 'status'");
    }

    @Test
    void graphQLTypeChangeSaysWhichTypesAndWhichArrowTypes() {
        ContractChange change = onlyChange("field-type-int-to-long");

        assertThat(change.message()).contains("SalesOrders.itemCount", "GraphQL type Int becomes Long",
                "Arrow int32 becomes int64", "rely on Int break");
        assertThat(change.revert()).isEqualTo("keep field 'item_count' as int32 at the port (GraphQL Int)");
    }

    @Test
    void decimalNarrowingSaysWhichValuesNoLongerFit() {
        ContractChange change = onlyChange("decimal-narrowed");

        assertThat(change.message()).contains("decimal(14,2) becomes decimal(12,2)",
                "values outside -9999999999.99 .. 9999999999.99 no longer fit", "no schema change");
    }

    @Test
    void requiredChangesSpeakOfThePromiseSinceTheGraphQLTypeStaysNullable() {
        ContractChange nowNullable = onlyChange("field-now-nullable");
        assertThat(nowNullable.severity()).isEqualTo(ChangeSeverity.BREAKING);
        assertThat(nowNullable.message()).contains("no longer required", "may get null",
                "GraphQL field SalesOrders.status stays nullable", "no longer promises a value");
        assertThat(onlyChange("field-now-required").message())
                .contains("now required", "GraphQL field SalesOrders.updatedAt", "its type stays nullable")
                .doesNotContain("LocalDateTime!");
    }

    @Test
    void nestedChangesNameThePathInsideTheField() {
        assertThat(onlyChange("struct-field-removed").message())
                .contains("SalesOrders.shippingAddress.country", "struct field 'country' was removed");
        assertThat(onlyChange("list-elements-nullable").message())
                .contains("SalesOrders.lineSkus[]", "list elements are nullable now");
    }

    @Test
    void fieldThatThePortStopsServingIsRemovedWithTheReason() {
        ContractChange change = onlyChange("field-no-longer-served");

        assertThat(change.message()).contains("no longer exposed", "no column 'currency'", "SalesOrders.currency");
        assertThat(change.revert()).startsWith("make the port serve field 'currency' again");
    }

    @Test
    void removingAFieldNoClientCouldSeeIsSafe() {
        ContractChange change = onlyChange("unexposed-field-removed");

        assertThat(change.severity()).isEqualTo(ChangeSeverity.SAFE);
        assertThat(change.kind().usualSeverity()).isEqualTo(ChangeSeverity.BREAKING);
        assertThat(change.message()).contains("never exposed", "no column 'legacy_code'");
    }

    @Test
    void domainChangeSaysItIsAnotherPort() {
        ContractChange change = onlyChange("domain-changed");

        assertThat(change.message()).contains("another port", "Query.sales becomes Query.commerce",
                "SalesDomain becomes CommerceDomain");
        assertThat(change.revert()).isEqualTo("keep domain 'sales'");
    }

    @Test
    void reportIsOrderedBySeverityThenPathAndIsTheSameEveryTime() {
        PortSnapshot live = DemoPorts.sales();
        PortSnapshot candidate = PortEditor.of(DemoPorts.sales())
                .port(port -> port.tags.add("finance"))
                .field("orders", "total_amount", field -> field.classification = "restricted")
                .field("orders", "currency", field -> field.description = "ISO 4217 code.")
                .removeField("orders", "status")
                .removeField("orders", "item_count")
                .build();

        ChangeReport report = ContractChangeChecker.compare(live, candidate);

        assertThat(report.changes()).extracting(ContractChange::severity).containsExactly(
                ChangeSeverity.BREAKING, ChangeSeverity.BREAKING, ChangeSeverity.DANGEROUS,
                ChangeSeverity.SAFE, ChangeSeverity.SAFE);
        assertThat(report.breaking()).extracting(ContractChange::path).containsExactly(
                "$.schema[orders].properties[item_count]", "$.schema[orders].properties[status]");
        assertThat(report.summary()).isEqualTo("2 breaking, 1 dangerous, 2 safe changes");
        assertThat(ContractChangeChecker.compare(live, candidate)).isEqualTo(report);
    }

    @Test
    void reportHelpersFilterBySeverityAndKind() {
        ChangeReport report = ContractChangeChecker.compare(DemoPorts.sales(), PortEditor.of(DemoPorts.sales())
                .removeField("orders", "status")
                .field("orders", "total_amount", field -> field.classification = "restricted")
                .build());

        assertThat(report.hasBreakingChanges()).isTrue();
        assertThat(report.breaking()).hasSize(1);
        assertThat(report.dangerous()).hasSize(1);
        assertThat(report.safe()).isEmpty();
        assertThat(report.ofKind(ChangeKind.CLASSIFICATION_CHANGED)).hasSize(1);
        assertThat(new ChangeReport(List.of()).highestSeverity()).isEmpty();
        assertThat(new ChangeReport(List.of()).summary()).isEqualTo("no changes");
    }

    @Test
    void theSamePortComparedWithItselfHasNoChanges() {
        for (PortSnapshot port : List.of(DemoPorts.sales(), DemoPorts.crm(), DemoPorts.logistics(),
                DemoPorts.salesWithNested(), DemoPorts.salesWithRefunds())) {
            assertThat(ContractChangeChecker.compare(port, port).isEmpty()).isTrue();
        }
    }

    @Test
    void usualSeveritiesAreTheClassificationTable() {
        assertThat(Arrays.stream(ChangeKind.values()).filter(kind -> kind.usualSeverity() == ChangeSeverity.BREAKING))
                .containsExactlyInAnyOrder(ChangeKind.DOMAIN_CHANGED, ChangeKind.DATA_PRODUCT_CHANGED,
                        ChangeKind.DATASET_REMOVED, ChangeKind.PRIMARY_KEY_CHANGED, ChangeKind.FIELD_REMOVED,
                        ChangeKind.FIELD_TYPE_CHANGED, ChangeKind.FIELD_NOW_NULLABLE);
        assertThat(Arrays.stream(ChangeKind.values()).filter(kind -> kind.usualSeverity() == ChangeSeverity.DANGEROUS))
                .containsExactlyInAnyOrder(ChangeKind.PORT_ID_CHANGED, ChangeKind.RELATIONSHIP_REMOVED,
                        ChangeKind.RELATIONSHIP_CHANGED, ChangeKind.ARROW_TYPE_NARROWED,
                        ChangeKind.ARROW_VALUE_FORMAT_CHANGED, ChangeKind.CLASSIFICATION_CHANGED);
    }

    private static ContractChange onlyChange(String caseName) {
        CompatCase compatCase = CompatCases.named(caseName);
        ChangeReport report = ContractChangeChecker.compare(compatCase.live(), compatCase.candidate());
        assertThat(report.changes()).hasSize(1);
        return report.changes().getFirst();
    }
}
