package io.portico.policies.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Prints predicates in the row-filter language and collects the names they read. */
final class RowPredicateWriter {

    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "null", "true", "false");

    /** The word of a {@link RowPredicate.Visible} test; a keyword only when a '(' follows it. */
    static final String VISIBLE = "visible";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int ATOM = 4;

    private RowPredicateWriter() {
    }

    /** A name as the language writes it: bare when it is a plain identifier and no keyword, else double-quoted. */
    static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String write(RowPredicate predicate) {
        StringBuilder text = new StringBuilder();
        write(predicate, text);
        return text.toString();
    }

    private static void write(RowPredicate predicate, StringBuilder text) {
        switch (predicate) {
            case RowPredicate.Comparison comparison -> text.append(identifier(comparison.field())).append(' ')
                    .append(comparison.operator().symbol()).append(' ').append(comparison.value().text());
            case RowPredicate.InList in -> writeInList(in, text);
            case RowPredicate.IsNull isNull -> text.append(identifier(isNull.field()))
                    .append(isNull.negated() ? " is not null" : " is null");
            case RowPredicate.And and -> writeJoined(and.operands(), " and ", AND, text);
            case RowPredicate.Or or -> writeJoined(or.operands(), " or ", OR, text);
            case RowPredicate.Not not -> {
                text.append("not ");
                writeOperand(not.operand(), NOT, text);
            }
            case RowPredicate.Constant constant -> text.append(constant.value());
            case RowPredicate.Visible visible -> writeVisible(visible.keyFields(),
                    identifier(visible.domain()) + "." + identifier(visible.dataset()), null, text);
            case RowPredicate.RelatedIn related -> writeVisible(related.keyFields(), related.target(),
                    related.targetFilter(), text);
        }
    }

    /** {@code visible(a, b -> domain.dataset)}, with {@code where <filter>} before the ')' for a resolved test. */
    private static void writeVisible(List<String> keyFields, String target, RowPredicate targetFilter,
            StringBuilder text) {
        text.append(VISIBLE).append('(');
        if (!keyFields.isEmpty()) {
            StringJoiner keys = new StringJoiner(", ");
            keyFields.forEach(field -> keys.add(identifier(field)));
            text.append(keys).append(" -> ");
        }
        text.append(target);
        if (targetFilter != null) {
            text.append(" where ");
            write(targetFilter, text);
        }
        text.append(')');
    }

    private static void writeInList(RowPredicate.InList in, StringBuilder text) {
        text.append(identifier(in.field())).append(in.negated() ? " not in " : " in ");
        if (in.values().size() == 1 && in.values().getFirst() instanceof Operand.SubjectReference reference
                && reference.isMultiValued()) {
            text.append(reference.text());
            return;
        }
        StringJoiner values = new StringJoiner(", ", "(", ")");
        in.values().forEach(value -> values.add(value.text()));
        text.append(values);
    }

    private static void writeJoined(List<RowPredicate> operands, String separator, int precedence,
            StringBuilder text) {
        for (int index = 0; index < operands.size(); index++) {
            if (index > 0) {
                text.append(separator);
            }
            writeOperand(operands.get(index), precedence, text);
        }
    }

    /** Writes an operand of an operator of {@code parentPrecedence}, in parentheses when it binds less tightly. */
    private static void writeOperand(RowPredicate operand, int parentPrecedence, StringBuilder text) {
        if (precedence(operand) > parentPrecedence) {
            write(operand, text);
            return;
        }
        text.append('(');
        write(operand, text);
        text.append(')');
    }

    private static int precedence(RowPredicate predicate) {
        return switch (predicate) {
            case RowPredicate.Or or -> OR;
            case RowPredicate.And and -> AND;
            case RowPredicate.Not not -> NOT;
            default -> ATOM;
        };
    }

    /** Adds the fields and the subject attributes the predicate reads to the sets that are not null. */
    static void collect(RowPredicate predicate, Set<String> fields, Set<String> attributes) {
        switch (predicate) {
            case RowPredicate.Comparison comparison -> {
                addField(comparison.field(), fields);
                addAttribute(comparison.value(), attributes);
            }
            case RowPredicate.InList in -> {
                addField(in.field(), fields);
                in.values().forEach(value -> addAttribute(value, attributes));
            }
            case RowPredicate.IsNull isNull -> addField(isNull.field(), fields);
            case RowPredicate.And and -> and.operands().forEach(operand -> collect(operand, fields, attributes));
            case RowPredicate.Or or -> or.operands().forEach(operand -> collect(operand, fields, attributes));
            case RowPredicate.Not not -> collect(not.operand(), fields, attributes);
            case RowPredicate.Visible visible -> visible.keyFields().forEach(field -> addField(field, fields));
            case RowPredicate.RelatedIn related -> related.keyFields().forEach(field -> addField(field, fields));
            case RowPredicate.Constant constant -> {
            }
        }
    }

    private static void addField(String field, Set<String> fields) {
        if (fields != null) {
            fields.add(field);
        }
    }

    private static void addAttribute(Operand operand, Set<String> attributes) {
        if (attributes != null && operand instanceof Operand.SubjectReference reference) {
            attributes.add(reference.attribute());
        }
    }
}
