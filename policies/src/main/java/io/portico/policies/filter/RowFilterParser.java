package io.portico.policies.filter;

import static java.util.Objects.requireNonNull;

import io.portico.policies.filter.Operand.Literal;
import io.portico.policies.filter.Operand.SubjectReference;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads the row-filter language into a {@link RowPredicate} template. A hand-written recursive-descent parser over
 * this grammar (keywords case-insensitive):
 *
 * <pre>
 *   predicate  = or
 *   or         = and { "or" and }
 *   and        = unary { "and" unary }
 *   unary      = "not" unary | "(" or ")" | "true" | "false" | visible | test
 *   visible    = "visible" "(" [ field { "," field } "-&gt;" ] name "." name ")"
 *                                       (the related dataset as domain.dataset; the key fields name the
 *                                        relationship when the dataset declares several to it)
 *   test       = field ( operator value
 *                      | [ "not" ] "in" ( "(" item { "," item } ")" | "subject.roles" | "subject.groups" )
 *                      | "is" [ "not" ] "null" )
 *   operator   = "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *   value      = literal | subject
 *   item       = literal | subject | "subject.roles" | "subject.groups"
 *   subject    = "subject." name          (subject.id is the token's subject; others are attributes)
 *   field      = name                      (a field's contract name)
 *   name       = identifier | '"' quoted identifier, "" for a quote '"'
 *   literal    = 'string, '' for a quote' | integer | decimal | true | false
 * </pre>
 *
 * <p>{@code visible} is a keyword only where a {@code (} follows it, so a field named {@code visible} stays usable
 * ({@code visible = true}). There is no null literal: {@code = null} is never true in SQL, so it is refused with a
 * hint to use {@code is null}. The text is limited to {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} levels of nesting.
 */
public final class RowFilterParser {

    /** The longest row filter read. */
    public static final int MAX_LENGTH = 4096;
    /** The deepest nesting of parentheses and {@code not} read. */
    public static final int MAX_DEPTH = 32;

    private static final String OPERATORS = "=, !=, <, <=, >, >=";

    private final List<Token> tokens;
    private int position;
    private int depth;

    private RowFilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Reads a row filter.
     *
     * @throws RowFilterSyntaxException naming the column and what was expected there
     */
    public static RowPredicate parse(String text) {
        requireNonNull(text, "text is null");
        if (text.length() > MAX_LENGTH) {
            throw new RowFilterSyntaxException("the row filter has " + text.length() + " characters, more than "
                    + MAX_LENGTH, MAX_LENGTH + 1);
        }
        RowFilterParser parser = new RowFilterParser(new RowFilterTokenizer(text).tokens());
        if (parser.peek().kind() == TokenKind.END) {
            throw new RowFilterSyntaxException("the row filter is empty; expected a predicate such as"
                    + " region = subject.region", 1);
        }
        RowPredicate predicate = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != TokenKind.END) {
            throw rest.error("expected 'and', 'or' or the end of the row filter");
        }
        return predicate;
    }

    private RowPredicate or() {
        List<RowPredicate> operands = new ArrayList<>(List.of(and()));
        while (peek().isKeyword("or")) {
            next();
            operands.add(and());
        }
        return operands.size() == 1 ? operands.getFirst() : new RowPredicate.Or(operands);
    }

    private RowPredicate and() {
        List<RowPredicate> operands = new ArrayList<>(List.of(unary()));
        while (peek().isKeyword("and")) {
            next();
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.getFirst() : new RowPredicate.And(operands);
    }

    private RowPredicate unary() {
        Token token = peek();
        if (token.isKeyword("not")) {
            next();
            return nested(token, () -> new RowPredicate.Not(unary()));
        }
        if (token.kind() == TokenKind.LEFT_PARENTHESIS) {
            next();
            RowPredicate inner = nested(token, this::or);
            expect(TokenKind.RIGHT_PARENTHESIS, "')' to close the '(' at column " + token.column());
            return inner;
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
            next();
            return token.isKeyword("true") ? RowPredicate.TRUE : RowPredicate.FALSE;
        }
        if (token.isVisible() && tokens.get(position + 1).kind() == TokenKind.LEFT_PARENTHESIS) {
            return visible();
        }
        return test();
    }

    /** {@code visible(crm.customers)} or {@code visible(customer_id -> crm.customers)}. */
    private RowPredicate visible() {
        Token open = next();
        next();
        Token first = name("a related dataset as domain.dataset (e.g. visible(crm.customers)), or key fields and"
                + " '->' (e.g. visible(customer_id -> crm.customers))");
        if (peek().kind() == TokenKind.DOT) {
            next();
            String dataset = name("the dataset's name after '" + first.text() + ".', e.g. " + first.text()
                    + ".customers").text();
            closeVisible(open);
            return new RowPredicate.Visible(List.of(), first.text(), dataset);
        }
        List<Token> keys = new ArrayList<>(List.of(first));
        while (acceptComma()) {
            keys.add(name("a key field after ','"));
        }
        Token arrow = next();
        if (arrow.kind() != TokenKind.ARROW) {
            throw arrow.error(keys.size() == 1
                    ? "expected '.' and the dataset's name (visible(" + first.text() + ".dataset)), or ',' or '->'"
                            + " after the key field '" + first.text() + "', found " + arrow.describe()
                    : "expected ',' or '->' and the related dataset after the key fields, found " + arrow.describe());
        }
        List<String> keyFields = new ArrayList<>();
        for (Token key : keys) {
            if (keyFields.contains(key.text())) {
                throw key.error("the key field '" + key.text() + "' is named twice");
            }
            keyFields.add(key.text());
        }
        String domain = name("the related dataset as domain.dataset after '->', e.g. crm.customers").text();
        expect(TokenKind.DOT, "'.' and the dataset's name after the domain '" + domain + "', e.g. " + domain
                + ".customers");
        String dataset = name("the dataset's name after '" + domain + ".'").text();
        closeVisible(open);
        return new RowPredicate.Visible(keyFields, domain, dataset);
    }

    private void closeVisible(Token open) {
        expect(TokenKind.RIGHT_PARENTHESIS, "')' to close the 'visible(' at column " + open.column());
    }

    /** A name token (plain or quoted); never the bare word {@code subject}, which is no dataset or field. */
    private Token name(String expected) {
        Token token = next();
        if (token.isSubject()) {
            throw token.error("visible(...) names fields and a dataset, not the subject; expected " + expected);
        }
        if (!token.isName()) {
            throw token.error("expected " + expected + ", found " + token.describe());
        }
        return token;
    }

    private RowPredicate nested(Token opening, Supplier<RowPredicate> inner) {
        if (++depth > MAX_DEPTH) {
            throw opening.error("the row filter nests deeper than " + MAX_DEPTH + " levels");
        }
        RowPredicate predicate = inner.get();
        depth--;
        return predicate;
    }

    private RowPredicate test() {
        Token fieldToken = next();
        if (fieldToken.isSubject()) {
            throw fieldToken.error("the left side of a test is a field of the dataset, not 'subject'; write"
                    + " field = subject.attribute");
        }
        if (!fieldToken.isName()) {
            throw fieldToken.error("expected a field name, 'not', '(', true or false");
        }
        String field = fieldToken.text();
        Token operator = next();
        if (operator.kind() == TokenKind.OPERATOR) {
            return new RowPredicate.Comparison(field, comparisonOperator(operator), value());
        }
        if (operator.isKeyword("in")) {
            return new RowPredicate.InList(field, list(), false);
        }
        if (operator.isKeyword("not")) {
            Token in = next();
            if (!in.isKeyword("in")) {
                throw in.error("expected 'in' after '" + field + " not'");
            }
            return new RowPredicate.InList(field, list(), true);
        }
        if (operator.isKeyword("is")) {
            return isNull(field);
        }
        throw operator.error("expected a comparison operator (" + OPERATORS + "), 'in', 'not in' or 'is' after the"
                + " field '" + field + "'");
    }

    private RowPredicate isNull(String field) {
        Token token = next();
        boolean negated = token.isKeyword("not");
        if (negated) {
            token = next();
        }
        if (!token.isKeyword("null")) {
            throw token.error("expected 'null' after 'is" + (negated ? " not" : "") + "'");
        }
        return new RowPredicate.IsNull(field, negated);
    }

    private static ComparisonOperator comparisonOperator(Token token) {
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            if (operator.symbol().equals(token.text())) {
                return operator;
            }
        }
        throw token.error("unknown operator '" + token.text() + "'; expected one of " + OPERATORS);
    }

    private Operand value() {
        Token token = peek();
        if (token.isKeyword("null")) {
            throw token.error("comparing with null is never true; use 'is null' or 'is not null'");
        }
        Operand value = operand("a literal ('text', 42, 4.2, true, false) or subject.attribute");
        if (value instanceof SubjectReference reference && reference.isMultiValued()) {
            throw token.error(reference.text() + " is a set of values: use 'in " + reference.text() + "'");
        }
        return value;
    }

    private List<Operand> list() {
        Token token = peek();
        if (token.isSubject()) {
            Operand set = operand("subject.roles or subject.groups");
            if (!(set instanceof SubjectReference reference && reference.isMultiValued())) {
                throw token.error("'in' takes a parenthesised list or a set (subject.roles, subject.groups), not "
                        + set.text() + "; write in (" + set.text() + ")");
            }
            return List.of(set);
        }
        expect(TokenKind.LEFT_PARENTHESIS, "'(' to start the list of values, or subject.roles or subject.groups");
        List<Operand> values = new ArrayList<>();
        do {
            if (peek().isKeyword("null")) {
                throw peek().error("null in a list never matches; use 'is null' or 'is not null'");
            }
            values.add(operand("a literal ('text', 42, 4.2, true, false) or subject.attribute"));
        } while (acceptComma());
        expect(TokenKind.RIGHT_PARENTHESIS, "',' or ')' to close the list");
        return values;
    }

    private boolean acceptComma() {
        if (peek().kind() != TokenKind.COMMA) {
            return false;
        }
        next();
        return true;
    }

    private Operand operand(String expected) {
        Token token = next();
        if (token.isSubject()) {
            Token dot = next();
            if (dot.kind() != TokenKind.DOT) {
                throw dot.error("expected '.' and an attribute after 'subject', e.g. subject.region");
            }
            Token attribute = next();
            if (!attribute.isName() && attribute.kind() != TokenKind.KEYWORD) {
                throw attribute.error("expected an attribute name after 'subject.', e.g. subject.region");
            }
            return new SubjectReference(attribute.text());
        }
        return switch (token.kind()) {
            case STRING -> Literal.of(token.text());
            case INTEGER -> new Literal(integer(token));
            case DECIMAL -> new Literal(new BigDecimal(token.text()));
            case KEYWORD -> {
                if (token.isKeyword("true") || token.isKeyword("false")) {
                    yield new Literal(token.isKeyword("true"));
                }
                throw token.error("expected " + expected + ", found '" + token.text() + "'");
            }
            default -> throw token.error("expected " + expected + ", found " + token.describe());
        };
    }

    private static Long integer(Token token) {
        try {
            return Long.parseLong(token.text());
        } catch (NumberFormatException e) {
            throw token.error("the integer " + token.text() + " is out of range (64 bits)");
        }
    }

    private void expect(TokenKind kind, String expected) {
        Token token = next();
        if (token.kind() != kind) {
            throw token.error("expected " + expected + ", found " + token.describe());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != TokenKind.END) {
            position++;
        }
        return token;
    }

    enum TokenKind {
        NAME, QUOTED_NAME, KEYWORD, STRING, INTEGER, DECIMAL, OPERATOR, LEFT_PARENTHESIS, RIGHT_PARENTHESIS, COMMA,
        DOT, ARROW, END
    }

    /** One token: its kind, its text (a string literal or quoted name unescaped), its 1-based column. */
    record Token(TokenKind kind, String text, int column) {

        boolean isKeyword(String keyword) {
            return kind == TokenKind.KEYWORD && text.equalsIgnoreCase(keyword);
        }

        boolean isName() {
            return kind == TokenKind.NAME || kind == TokenKind.QUOTED_NAME;
        }

        /** The bare word {@code visible} (a quoted "visible" is a field of that name). */
        boolean isVisible() {
            return kind == TokenKind.NAME && text.toLowerCase(Locale.ROOT).equals(RowPredicateWriter.VISIBLE);
        }

        /** The bare word {@code subject} (a quoted "subject" is a field of that name). */
        boolean isSubject() {
            return kind == TokenKind.NAME && text.toLowerCase(Locale.ROOT).equals("subject");
        }

        String describe() {
            return kind == TokenKind.END ? "the end of the row filter" : "'" + text + "'";
        }

        RowFilterSyntaxException error(String problem) {
            return new RowFilterSyntaxException(problem, column);
        }
    }
}
