package io.portico.gateway.limits;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The size of a query as written, before validation: how deep its fields nest, how many fields it selects and how
 * many of them are aliased. A fragment counts with its fields at every place it is spread (so a fragment spread
 * twice counts twice), but each fragment is measured once: a document whose fragments expand exponentially is
 * measured in time linear in its length, and its counts saturate at {@link Long#MAX_VALUE}.
 *
 * @param depth   the deepest field nesting: {@code { a { b } }} is 2
 * @param fields  the selected fields
 * @param aliases the aliased fields
 */
public record DocumentShape(int depth, long fields, long aliases) {

    static final DocumentShape EMPTY = new DocumentShape(0, 0, 0);

    /**
     * The shape of the operation named {@code operationName} of {@code document} (of its largest operation when
     * the name is null).
     *
     * @throws FragmentCycleException when a fragment reaches itself through spreads
     */
    public static DocumentShape of(Document document, String operationName) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.putIfAbsent(fragment.getName(), fragment);
        }
        Walker walker = new Walker(fragments);
        DocumentShape shape = EMPTY;
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operationName == null || operationName.equals(operation.getName())) {
                shape = shape.widest(walker.selections(operation.getSelectionSet()));
            }
        }
        return shape;
    }

    /**
     * The shape of a document read token by token, without parsing it: for a document the parser gave up on,
     * to say which limit it is over. Counts the nesting of selection sets and the aliases ({@code name :} inside
     * a selection set, outside any parentheses); fragments are not expanded and {@code fields} is 0.
     */
    public static DocumentShape scan(String document) {
        return new Scanner(document).scan();
    }

    private DocumentShape widest(DocumentShape other) {
        return new DocumentShape(Math.max(depth, other.depth), Math.max(fields, other.fields),
                Math.max(aliases, other.aliases));
    }

    /** The shape of {@code this} and {@code other} selected side by side at the same level. */
    private DocumentShape plus(DocumentShape other) {
        return new DocumentShape(Math.max(depth, other.depth), saturatedAdd(fields, other.fields),
                saturatedAdd(aliases, other.aliases));
    }

    private static long saturatedAdd(long left, long right) {
        long sum = left + right;
        return ((left ^ sum) & (right ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** A fragment that spreads itself, directly or through other fragments. */
    public static final class FragmentCycleException extends RuntimeException {

        private final List<String> cycle;
        private final transient FragmentSpread spread;

        FragmentCycleException(List<String> cycle, FragmentSpread spread) {
            super("fragment " + cycle.getFirst() + " spreads itself: " + String.join(" -> ", cycle), null, false,
                    false);
            this.cycle = List.copyOf(cycle);
            this.spread = spread;
        }

        /** The fragments of the cycle, starting and ending with the same one. */
        public List<String> cycle() {
            return cycle;
        }

        /** Where the spread that closes the cycle is. */
        public Optional<graphql.language.SourceLocation> location() {
            return Optional.ofNullable(spread.getSourceLocation());
        }
    }

    private static final class Walker {

        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, DocumentShape> measured = new HashMap<>();
        private final SequencedSet<String> open = new LinkedHashSet<>();

        Walker(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        DocumentShape selections(SelectionSet selectionSet) {
            if (selectionSet == null) {
                return EMPTY;
            }
            DocumentShape shape = EMPTY;
            for (Selection<?> selection : selectionSet.getSelections()) {
                shape = shape.plus(selection(selection));
            }
            return shape;
        }

        private DocumentShape selection(Selection<?> selection) {
            return switch (selection) {
                case Field field -> field(field);
                case InlineFragment inline -> selections(inline.getSelectionSet());
                case FragmentSpread spread -> fragment(spread);
                default -> EMPTY;
            };
        }

        private DocumentShape field(Field field) {
            DocumentShape children = selections(field.getSelectionSet());
            return new DocumentShape(children.depth + 1, saturatedAdd(children.fields, 1),
                    saturatedAdd(children.aliases, field.getAlias() == null ? 0 : 1));
        }

        private DocumentShape fragment(FragmentSpread spread) {
            String name = spread.getName();
            DocumentShape known = measured.get(name);
            if (known != null) {
                return known;
            }
            if (open.contains(name)) {
                List<String> cycle = new ArrayList<>();
                boolean inCycle = false;
                for (String fragment : open) {
                    inCycle |= fragment.equals(name);
                    if (inCycle) {
                        cycle.add(fragment);
                    }
                }
                cycle.add(name);
                throw new FragmentCycleException(cycle, spread);
            }
            FragmentDefinition definition = fragments.get(name);
            if (definition == null) {
                return EMPTY;
            }
            open.add(name);
            DocumentShape shape = selections(definition.getSelectionSet());
            open.remove(name);
            measured.put(name, shape);
            return shape;
        }
    }

    /** Reads selection-set nesting and aliases off the characters of a document. */
    private static final class Scanner {

        private final String text;
        private int position;

        Scanner(String text) {
            this.text = text;
        }

        DocumentShape scan() {
            int braces = 0;
            int parentheses = 0;
            int deepest = 0;
            long aliases = 0;
            boolean nameBefore = false;
            while (position < text.length()) {
                char next = text.charAt(position);
                if (next == '#') {
                    skipComment();
                    continue;
                }
                if (next == '"') {
                    skipString();
                    nameBefore = false;
                    continue;
                }
                if (isNameStart(next)) {
                    skipName();
                    nameBefore = true;
                    continue;
                }
                position++;
                if (isIgnored(next)) {
                    continue;
                }
                switch (next) {
                    case '{' -> {
                        if (parentheses == 0) {
                            braces++;
                            deepest = Math.max(deepest, braces);
                        }
                    }
                    case '}' -> {
                        if (parentheses == 0 && braces > 0) {
                            braces--;
                        }
                    }
                    case '(' -> parentheses++;
                    case ')' -> parentheses = Math.max(0, parentheses - 1);
                    case ':' -> {
                        if (nameBefore && parentheses == 0 && braces > 0) {
                            aliases++;
                        }
                    }
                    default -> {
                    }
                }
                nameBefore = false;
            }
            return new DocumentShape(deepest, 0, aliases);
        }

        private void skipComment() {
            while (position < text.length() && text.charAt(position) != '\n' && text.charAt(position) != '\r') {
                position++;
            }
        }

        private void skipString() {
            if (text.startsWith("\"\"\"", position)) {
                int end = position + 3;
                while (end < text.length() && !text.startsWith("\"\"\"", end)) {
                    end += text.startsWith("\\\"\"\"", end) ? 4 : 1;
                }
                position = Math.min(text.length(), end + 3);
                return;
            }
            position++;
            while (position < text.length()) {
                char next = text.charAt(position++);
                if (next == '\\') {
                    position++;
                } else if (next == '"' || next == '\n' || next == '\r') {
                    return;
                }
            }
        }

        private void skipName() {
            while (position < text.length() && isNamePart(text.charAt(position))) {
                position++;
            }
        }

        private static boolean isIgnored(char character) {
            return character == ' ' || character == '\t' || character == '\n' || character == '\r'
                    || character == ',' || character == '\uFEFF';
        }

        private static boolean isNameStart(char character) {
            return character == '_' || character >= 'A' && character <= 'Z' || character >= 'a' && character <= 'z';
        }

        private static boolean isNamePart(char character) {
            return isNameStart(character) || character >= '0' && character <= '9';
        }
    }
}
