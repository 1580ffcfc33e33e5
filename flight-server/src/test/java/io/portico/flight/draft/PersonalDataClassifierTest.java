package io.portico.flight.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Suggestions by column name and by sampled values, and the columns left alone. */
class PersonalDataClassifierTest {

    private final PersonalDataClassifier classifier = new PersonalDataClassifier();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "email, EMAIL", "customerEmail, EMAIL", "CONTACT_E_MAIL, EMAIL",
            "phone_number, PHONE", "mobile, PHONE",
            "date_of_birth, BIRTH_DATE", "dob, BIRTH_DATE", "birthDate, BIRTH_DATE",
            "street, ADDRESS", "billing_address, ADDRESS", "zip_code, ADDRESS",
            "ssn, NATIONAL_ID", "passport_number, NATIONAL_ID", "national_id, NATIONAL_ID",
            "first_name, NAME", "lastName, NAME", "surname, NAME", "customer_name, NAME"})
    void recognisesPersonalDataByName(String column, PersonalDataCategory category) {
        assertThat(classifier.classify(column, "string", List.of())).hasValueSatisfying(suggestion -> {
            assertThat(suggestion.category()).isEqualTo(category);
            assertThat(suggestion.classification()).isEqualTo(category.classification());
            assertThat(suggestion.reason()).contains("'" + column + "'");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"order_id", "status", "product_name", "amount", "created_at", "currency", "sku"})
    void leavesOrdinaryColumnsAlone(String column) {
        assertThat(classifier.classify(column, "string", List.of("OPEN", "PAID", "A-1234"))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void recognisesEmailsByTheirValuesWhateverTheColumnIsCalled() {
        List<String> sample = List.of("ada@example.com", "grace.hopper@navy.mil", "linus+dev@kernel.org", "o'brien@example.ie", "", "n/a");

        assertThat(classifier.classify("contact", "string", sample)).hasValueSatisfying(suggestion -> {
            assertThat(suggestion.category()).isEqualTo(PersonalDataCategory.EMAIL);
            assertThat(suggestion.reason()).contains("4 of 5 sampled values").doesNotContain("'contact'");
        });
    }

    @org.junit.jupiter.api.Test
    void recognisesPhonesNationalIdsAndAddressesByTheirValues() {
        assertThat(classifier.classify("c1", "string", List.of("+33 6 12 34 56 78", "+1 (555) 010-9999", "0044 20 7946 0958")))
                .hasValueSatisfying(suggestion -> assertThat(suggestion.category()).isEqualTo(PersonalDataCategory.PHONE));
        assertThat(classifier.classify("c2", "string", List.of("078-05-1120", "219-09-9999")))
                .hasValueSatisfying(suggestion -> {
                    assertThat(suggestion.category()).isEqualTo(PersonalDataCategory.NATIONAL_ID);
                    assertThat(suggestion.classification()).isEqualTo("restricted");
                });
        assertThat(classifier.classify("c3", "string", List.of("221B Baker Street, London", "10 Downing St")))
                .hasValueSatisfying(suggestion -> assertThat(suggestion.category()).isEqualTo(PersonalDataCategory.ADDRESS));
    }

    @org.junit.jupiter.api.Test
    void aFewLookalikesDoNotMakeAColumnPersonal() {
        assertThat(classifier.classify("note", "string", List.of("ada@example.com", "call back", "ok", "done", "late")))
                .isEmpty();
        assertThat(classifier.classify("order_ref", "string", List.of("1234567", "7654321", "1111111"))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aBirthFlagIsNotABirthDate() {
        assertThat(classifier.classify("born_abroad", "boolean", List.of())).isEmpty();
    }
}
