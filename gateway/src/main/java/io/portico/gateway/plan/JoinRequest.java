package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.DatasetBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A read of several datasets of one port joined on equal columns, whatever front door it came through (the Flight SQL
 * endpoint's {@code SELECT ... FROM a JOIN b ON ...}): the tables in {@code FROM} order, the columns fetched, the
 * rows ({@link RequestFilter} over {@link JoinField#key() qualified keys}), the order, {@code OFFSET} and
 * {@code LIMIT}. The planner ({@link JoinPlanner}) renders it as one statement; nothing here is trusted.
 *
 * @param sources  the joined datasets in {@code FROM} order: the first has no join, each next one is joined to
 *                 those before it
 * @param selected the columns fetched, without repeats, in the order first selected
 * @param where    the rows asked for, its fields {@link JoinField#key()}s; {@link RequestFilter#ALL} for every row
 * @param orderBy  the sort keys, in order (not completed with any key: SQL promises no order beyond what is asked)
 * @param offset   the rows skipped first, 0 for none
 * @param limit    the most rows, or empty for all
 */
public record JoinRequest(List<Source> sources, List<JoinField> selected, RequestFilter where, List<Sort> orderBy,
        long offset, OptionalLong limit) {

    public JoinRequest {
        sources = List.copyOf(sources);
        selected = List.copyOf(new LinkedHashSet<>(selected));
        where = where == null ? RequestFilter.ALL : where;
        orderBy = List.copyOf(orderBy);
        requireNonNull(limit, "limit is null");
        if (sources.size() < 2) {
            throw new IllegalArgumentException("a join reads two or more datasets, got " + sources.size());
        }
        if (sources.getFirst().type() != null || !sources.getFirst().on().isEmpty()) {
            throw new IllegalArgumentException("the first dataset of a join is joined to nothing");
        }
        for (int index = 1; index < sources.size(); index++) {
            Source source = sources.get(index);
            if (source.type() == null || source.on().isEmpty()) {
                throw new IllegalArgumentException("dataset " + index + " of a join needs its type and ON keys");
            }
            for (KeyPair pair : source.on()) {
                if (pair.joined().source() != index || pair.earlier().source() >= index) {
                    throw new IllegalArgumentException("ON keys of dataset " + index + " pair one of its columns with"
                            + " a column of a dataset before it: " + pair);
                }
            }
        }
    }

    /** How a dataset is joined to those before it. */
    public enum JoinType {
        /** Only rows with a match. */
        INNER,
        /** Every row of the datasets before, with nulls where this one has no match. */
        LEFT
    }

    /**
     * One joined dataset.
     *
     * @param binding the dataset
     * @param type    how it is joined; null for the first dataset
     * @param on      the column pairs that must be equal (ANDed); empty for the first dataset
     */
    public record Source(DatasetBinding binding, JoinType type, List<KeyPair> on) {

        public Source {
            requireNonNull(binding, "binding is null");
            on = List.copyOf(on);
        }
    }

    /**
     * A column of one joined dataset.
     *
     * @param source the dataset's index in {@link #sources()}
     * @param field  the field's GraphQL name
     */
    public record JoinField(int source, String field) {

        public JoinField {
            requireNonNull(field, "field is null");
            if (source < 0) {
                throw new IllegalArgumentException("source must not be negative: " + source);
            }
        }

        /** How a {@link RequestFilter} names this column: {@code t<source + 1>.<field>}, the alias it is sent with. */
        public String key() {
            return JoinPlanner.alias(source) + "." + field;
        }

        /** The column a {@link #key()} names, if it is one. */
        public static java.util.Optional<JoinField> parse(String key) {
            int dot = key.indexOf('.');
            if (dot < 2 || key.charAt(0) != 't') {
                return java.util.Optional.empty();
            }
            try {
                int source = Integer.parseInt(key.substring(1, dot)) - 1;
                return source < 0 ? java.util.Optional.empty()
                        : java.util.Optional.of(new JoinField(source, key.substring(dot + 1)));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * An equality of an {@code ON}.
     *
     * @param earlier the column of a dataset joined before
     * @param joined  the column of the dataset being joined
     */
    public record KeyPair(JoinField earlier, JoinField joined) {

        public KeyPair {
            requireNonNull(earlier, "earlier is null");
            requireNonNull(joined, "joined is null");
        }
    }

    /** A sort key. */
    public record Sort(JoinField field, SortDirection direction) {

        public Sort {
            requireNonNull(field, "field is null");
            requireNonNull(direction, "direction is null");
        }
    }

    /** The fields of dataset {@code source} this request compares in {@code ON} (join keys), without repeats. */
    public List<String> joinKeys(int source) {
        Set<String> keys = new LinkedHashSet<>();
        for (Source joined : sources) {
            for (KeyPair pair : joined.on()) {
                if (pair.earlier().source() == source) {
                    keys.add(pair.earlier().field());
                }
                if (pair.joined().source() == source) {
                    keys.add(pair.joined().field());
                }
            }
        }
        return List.copyOf(keys);
    }

    /** The columns {@link #where()} filters on (its keys that name a column). */
    public List<JoinField> whereFields() {
        List<JoinField> fields = new ArrayList<>();
        for (String key : where.fields()) {
            JoinField.parse(key).ifPresent(fields::add);
        }
        return fields;
    }

    /** The fields of dataset {@code source} among {@code fields}, in order. */
    public static List<String> fieldsOf(int source, List<JoinField> fields) {
        List<String> names = new ArrayList<>();
        for (JoinField field : fields) {
            if (field.source() == source && !names.contains(field.field())) {
                names.add(field.field());
            }
        }
        return names;
    }

    /** This request fetching other columns. */
    public JoinRequest withSelected(List<JoinField> fields) {
        return new JoinRequest(sources, fields, where, orderBy, offset, limit);
    }
}
