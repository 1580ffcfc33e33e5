package io.portico.gateway.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which data products a catalog request asks for. Every given criterion must hold; all comparisons ignore case.
 *
 * <ul>
 *   <li>{@code search}: whitespace-separated words, each of which must occur (as part of a word or more) in the
 *       product's name, data product name or description, or in the name or description of one of its datasets or
 *       fields (field names also in GraphQL form, e.g. {@code orderId}).</li>
 *   <li>{@code domain}: the product's domain equals it.</li>
 *   <li>{@code tag}: the product, one of its datasets or one of its fields carries it.</li>
 *   <li>{@code classification}: at least one of its fields has it.</li>
 * </ul>
 *
 * @param search         null or blank for any
 * @param domain         null for any
 * @param tag            null for any
 * @param classification null for any
 */
public record CatalogQuery(String search, String domain, String tag, String classification) {

    /** Every product. */
    public static final CatalogQuery ALL = new CatalogQuery(null, null, null, null);

    public boolean matches(DataProduct product) {
        return (domain == null || domain.equalsIgnoreCase(product.domain()))
                && (tag == null || hasTag(product))
                && (classification == null || hasClassification(product))
                && matchesSearch(product);
    }

    private boolean hasTag(DataProduct product) {
        if (containsIgnoringCase(product.tags(), tag)) {
            return true;
        }
        for (CatalogDataset dataset : product.datasets()) {
            if (containsIgnoringCase(dataset.tags(), tag)) {
                return true;
            }
            for (CatalogField field : dataset.fields()) {
                if (containsIgnoringCase(field.tags(), tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean hasClassification(DataProduct product) {
        return product.datasets().stream()
                .flatMap(dataset -> dataset.fields().stream())
                .anyMatch(field -> classification.equalsIgnoreCase(field.classification()));
    }

    private boolean matchesSearch(DataProduct product) {
        List<String> words = words();
        if (words.isEmpty()) {
            return true;
        }
        String text = searchableText(product);
        return words.stream().allMatch(text::contains);
    }

    private List<String> words() {
        if (search == null || search.isBlank()) {
            return List.of();
        }
        return Arrays.stream(search.toLowerCase(Locale.ROOT).strip().split("\\s+")).toList();
    }

    /** Everything a search word may occur in, lower-cased, one entry a line (a word never spans two entries). */
    private static String searchableText(DataProduct product) {
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(product.name(), product.dataProduct(), product.description()));
        for (CatalogDataset dataset : product.datasets()) {
            texts.add(dataset.name());
            texts.add(dataset.description());
            for (CatalogField field : dataset.fields()) {
                texts.add(field.name());
                texts.add(field.graphQLName());
                texts.add(field.description());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String entry : texts) {
            if (entry != null) {
                text.append(entry.toLowerCase(Locale.ROOT).replace('\n', ' ')).append('\n');
            }
        }
        return text.toString();
    }

    private static boolean containsIgnoringCase(List<String> values, String wanted) {
        return values.stream().anyMatch(wanted::equalsIgnoreCase);
    }
}
