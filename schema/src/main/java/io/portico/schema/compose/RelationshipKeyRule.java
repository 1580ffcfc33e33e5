package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.RelationshipContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which fields a foreign key may point at. A relationship is a join on raw values: a foreign key into a field that
 * a policy protects by its classification would let anyone who can publish a table of candidate values learn the
 * protected values (every date of a calendar joined to {@code crm.customers.birth_date} finds each customer's
 * birthday). So a foreign key whose target fields include a <em>classified</em> field (a contract
 * {@code classification} not among the open ones, by default only {@code public}) is accepted only when its target
 * fields are exactly the target dataset's primary key: a key identifies a row, and the gateway withholds a
 * relationship whose key the caller may not see as it is.
 *
 * <p>Registration refuses such a foreign key ({@link #refusal}); composition leaves it out when the target is
 * classified later, so the order in which the two ports are published does not matter. A field without a
 * classification is not classified. Classifications compare case-insensitively, as policies compare them.
 *
 * @param openClassifications classifications a foreign key may point at freely, lower-cased
 */
public record RelationshipKeyRule(Set<String> openClassifications) {

    /** The default: only {@code public} fields are open. */
    public static final RelationshipKeyRule DEFAULT = new RelationshipKeyRule(Set.of("public"));

    public RelationshipKeyRule {
        requireNonNull(openClassifications, "openClassifications is null");
        Set<String> lowerCased = new HashSet<>();
        for (String classification : openClassifications) {
            lowerCased.add(requireNonNull(classification, "an open classification is null").strip()
                    .toLowerCase(Locale.ROOT));
        }
        openClassifications = Set.copyOf(lowerCased);
    }

    /** Whether a foreign key may not point at {@code field} freely: it has a classification that is not open. */
    public boolean isClassified(FieldContract field) {
        String classification = field.classification();
        return classification != null && !classification.isBlank()
                && !openClassifications.contains(classification.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Why {@code relationship} may not point at {@code target}, or empty when it may: its target fields include a
     * classified field and are not exactly the target's primary key. Target fields the target does not have are
     * not judged here (the relationship is dangling).
     *
     * @param relationship a foreign key
     * @param target       the dataset it points at, as its contract declares it
     */
    public Optional<String> refusal(RelationshipContract relationship, DatasetContract target) {
        List<String> classified = new ArrayList<>();
        for (String name : relationship.toFields()) {
            target.field(name).filter(this::isClassified)
                    .ifPresent(field -> classified.add(name + " (classified '" + field.classification() + "')"));
        }
        if (classified.isEmpty()) {
            return Optional.empty();
        }
        Set<String> primaryKey = new LinkedHashSet<>();
        target.primaryKey().forEach(field -> primaryKey.add(field.name()));
        boolean isPrimaryKey = primaryKey.size() == relationship.toFields().size()
                && primaryKey.containsAll(relationship.toFields());
        if (isPrimaryKey) {
            return Optional.empty();
        }
        String targetLabel = relationship.targetDomain() + "." + relationship.toDataset();
        return Optional.of("it points at " + targetLabel + "." + String.join(", ", classified)
                + ", which is not the primary key of " + targetLabel
                + (primaryKey.isEmpty() ? " (it declares none)" : " (" + String.join(", ", primaryKey) + ")")
                + ": a join on it would reveal its values to callers whom a policy denies them");
    }

    /** What a refused foreign key may point at instead, for messages. */
    public String expected(RelationshipContract relationship, DatasetContract target) {
        List<String> primaryKey = target.primaryKey().stream().map(FieldContract::name).toList();
        String targetLabel = relationship.targetDomain() + "." + relationship.toDataset();
        return (primaryKey.isEmpty() ? "a foreign key to a primary key" : "a foreign key to the primary key of "
                + targetLabel + " (" + String.join(", ", primaryKey) + ")")
                + ", or to fields whose classification is open (" + String.join(", ", openClassifications.stream()
                        .sorted().toList()) + ", portico.relationships.open-classifications)";
    }
}
