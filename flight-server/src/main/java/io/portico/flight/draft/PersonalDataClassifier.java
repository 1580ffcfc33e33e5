package io.portico.flight.draft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Suggests a classification for a column that looks personal, from its name and from a sample of its values.
 *
 * <p>By name: the column name's words ({@code customerEmail} and {@code customer_email} are both "customer",
 * "email") against each category's words ({@code email}, {@code phone}, {@code dob}, {@code street}, {@code ssn},
 * {@code last_name}, ...). By value: the share of sampled non-empty values matching the category's pattern (an email
 * address, an international or punctuated phone number, a street address, a US social security or UK national
 * insurance number), at least {@link #VALUE_SHARE}. A birth date and a person's name are recognised by name only: no
 * pattern tells a birth date from another date, or a name from another text.
 *
 * <p>It suggests, never decides: the draft marks every suggestion for review ({@link ContractDraftWriter}).
 */
public final class PersonalDataClassifier {

    /** The share of sampled values that must match a category's pattern. */
    static final double VALUE_SHARE = 0.8;

    private static final Map<PersonalDataCategory, List<Set<String>>> NAME_WORDS = nameWords();
    private static final Map<PersonalDataCategory, Pattern> VALUE_PATTERNS = valuePatterns();

    /** A suggestion for the column {@code name} whose sampled values (strings, nulls skipped) are {@code sample}. */
    public Optional<ClassificationSuggestion> classify(String name, String logicalType, List<String> sample) {
        List<String> words = words(name);
        PersonalDataCategory byName = byName(words, logicalType);
        List<String> values = sample.stream().filter(value -> value != null && !value.isBlank()).map(String::strip).toList();
        PersonalDataCategory byValues = byValues(values);
        if (byName == null && byValues == null) {
            return Optional.empty();
        }
        PersonalDataCategory category = byValues != null ? byValues : byName;
        List<String> reasons = new ArrayList<>();
        if (byName == category) {
            reasons.add("its name '" + name + "'");
        }
        if (byValues != null) {
            long matching = values.stream().filter(VALUE_PATTERNS.get(byValues).asMatchPredicate()).count();
            reasons.add(matching + " of " + values.size() + " sampled values");
        }
        return Optional.of(new ClassificationSuggestion(category, category.classification(),
                "looks like " + category.description() + " (" + String.join(" and ", reasons) + ")"));
    }

    private static PersonalDataCategory byName(List<String> words, String logicalType) {
        for (Map.Entry<PersonalDataCategory, List<Set<String>>> entry : NAME_WORDS.entrySet()) {
            for (Set<String> phrase : entry.getValue()) {
                if (words.containsAll(phrase)) {
                    return entry.getKey() == PersonalDataCategory.BIRTH_DATE && isNumberOrBoolean(logicalType)
                            ? null : entry.getKey();
                }
            }
        }
        return null;
    }

    private static boolean isNumberOrBoolean(String logicalType) {
        return "boolean".equals(logicalType) || "number".equals(logicalType);
    }

    private static PersonalDataCategory byValues(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        for (Map.Entry<PersonalDataCategory, Pattern> entry : VALUE_PATTERNS.entrySet()) {
            long matching = values.stream().filter(entry.getValue().asMatchPredicate()).count();
            if (matching >= VALUE_SHARE * values.size()) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** {@code customerEmail}, {@code CUSTOMER_EMAIL} and {@code customer-email} are [customer, email]. */
    static List<String> words(String name) {
        String separated = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return List.of(separated.split("[^a-z0-9]+")).stream().filter(word -> !word.isEmpty()).toList();
    }

    private static Map<PersonalDataCategory, List<Set<String>>> nameWords() {
        Map<PersonalDataCategory, List<Set<String>>> words = new LinkedHashMap<>();
        words.put(PersonalDataCategory.NATIONAL_ID, phrases("ssn", "nino", "passport", "social security", "national id",
                "national number", "tax id", "tin", "insee", "bsn", "personnummer", "identity number", "id card",
                "driver license", "driving licence"));
        words.put(PersonalDataCategory.EMAIL, phrases("email", "e mail", "mail"));
        words.put(PersonalDataCategory.PHONE, phrases("phone", "telephone", "tel", "mobile", "cell", "fax", "msisdn"));
        words.put(PersonalDataCategory.BIRTH_DATE, phrases("birth", "birthday", "birthdate", "dob", "born"));
        words.put(PersonalDataCategory.ADDRESS, phrases("address", "addr", "street", "postcode", "zip", "zipcode",
                "postal code", "post code", "house number"));
        words.put(PersonalDataCategory.NAME, phrases("first name", "last name", "full name", "given name",
                "family name", "middle name", "maiden name", "firstname", "lastname", "fullname", "surname",
                "forename", "customer name", "person name", "contact name", "employee name", "client name",
                "patient name", "user name", "username", "holder name"));
        return words;
    }

    private static List<Set<String>> phrases(String... phrases) {
        return List.of(phrases).stream().map(phrase -> Set.of(phrase.split(" "))).toList();
    }

    private static Map<PersonalDataCategory, Pattern> valuePatterns() {
        Map<PersonalDataCategory, Pattern> patterns = new LinkedHashMap<>();
        patterns.put(PersonalDataCategory.EMAIL, Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
        patterns.put(PersonalDataCategory.NATIONAL_ID,
                Pattern.compile("\\d{3}-\\d{2}-\\d{4}|[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]"));
        patterns.put(PersonalDataCategory.PHONE, Pattern.compile(
                "(\\+|00)\\d[\\d ().-]{6,17}\\d|\\(?0\\d{1,4}\\)?[ .-]\\d{2,4}([ .-]\\d{2,4}){1,3}"));
        patterns.put(PersonalDataCategory.ADDRESS, Pattern.compile("(?i)\\d+[a-z]?,? +[\\p{L} .'-]+ (street|st|road|rd"
                + "|avenue|ave|lane|ln|boulevard|blvd|drive|dr|way|place|pl|court|ct|square|sq)\\b.*"
                + "|(?i)\\d+,? +(rue|avenue|boulevard|chemin|allée|place) .+|(?i)[\\p{L} .'-]+(straße|strasse|weg|gasse) \\d+.*"));
        return patterns;
    }
}
