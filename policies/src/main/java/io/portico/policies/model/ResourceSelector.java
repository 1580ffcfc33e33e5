package io.portico.policies.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a rule applies to. Every key given must match; within a key, any value matches. An empty set means the key
 * was not given (or was the wildcard {@value #WILDCARD}, which is the same): it matches everything and adds no
 * {@link #specificity()}.
 *
 * <p>Names compare case-insensitively (they are stored lower-cased, {@link Locale#ROOT}), like Portico's URNs, so a
 * rule never misses a resource by letter case: a field classified {@code Restricted} is still {@code restricted}.
 *
 * @param domains         the contract's {@code domain}
 * @param products        the contract's {@code dataProduct}
 * @param datasets        the dataset's name ({@code schema[].name})
 * @param fields          the field's contract name ({@code properties[].name})
 * @param classifications the field's {@code classification}
 * @param tags            the field's tags: the field matches when it has any of them
 */
public record ResourceSelector(
        Set<String> domains,
        Set<String> products,
        Set<String> datasets,
        Set<String> fields,
        Set<String> classifications,
        Set<String> tags) {

    /** The whole-value wildcard: a key listing it matches everything. */
    public static final String WILDCARD = "*";

    /** Every field of every dataset. */
    public static final ResourceSelector EVERYTHING =
            new ResourceSelector(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public ResourceSelector {
        domains = normalized(domains, "domains");
        products = normalized(products, "products");
        datasets = normalized(datasets, "datasets");
        fields = normalized(fields, "fields");
        classifications = normalized(classifications, "classifications");
        tags = normalized(tags, "tags");
    }

    /** The level of the most specific key given. */
    public Specificity specificity() {
        if (!fields.isEmpty()) {
            return Specificity.FIELD;
        }
        if (!classifications.isEmpty() || !tags.isEmpty()) {
            return Specificity.CLASSIFICATION_OR_TAGS;
        }
        if (!datasets.isEmpty()) {
            return Specificity.DATASET;
        }
        if (!products.isEmpty()) {
            return Specificity.PRODUCT;
        }
        return domains.isEmpty() ? Specificity.NONE : Specificity.DOMAIN;
    }

    /** Whether the selector names anything below the dataset (fields, classifications or tags). */
    public boolean selectsFields() {
        return !fields.isEmpty() || !classifications.isEmpty() || !tags.isEmpty();
    }

    /** Whether the dataset keys match; the names must be lower-cased ({@link #normalize(String)}). */
    public boolean matchesDataset(String domain, String product, String dataset) {
        return accepts(domains, domain) && accepts(products, product) && accepts(datasets, dataset);
    }

    /**
     * Whether the field keys match a field of a matching dataset; names lower-cased ({@link #normalize(String)}),
     * classification null when the field has none.
     */
    public boolean matchesField(String field, String classification, Set<String> fieldTags) {
        if (!accepts(fields, field)) {
            return false;
        }
        if (!classifications.isEmpty() && (classification == null || !classifications.contains(classification))) {
            return false;
        }
        if (tags.isEmpty()) {
            return true;
        }
        for (String tag : fieldTags) {
            if (tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    /** A name as selectors compare it: lower-cased with {@link Locale#ROOT}; null stays null. */
    public static String normalize(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static boolean accepts(Set<String> accepted, String name) {
        return accepted.isEmpty() || accepted.contains(name);
    }

    private static Set<String> normalized(Set<String> values, String name) {
        requireNonNull(values, name + " is null");
        SortedSet<String> copy = new TreeSet<>();
        for (String value : values) {
            requireNonNull(value, name + " contains null");
            if (value.equals(WILDCARD)) {
                return Set.of();
            }
            copy.add(normalize(value));
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}
