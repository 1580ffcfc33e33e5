package io.portico.policies.filter;

import io.portico.policies.filter.RowFilterParser.Token;
import io.portico.policies.filter.RowFilterParser.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a row filter into tokens, each with its 1-based column; the list always ends with an END token. */
final class RowFilterTokenizer {

    private final String text;
    private int index;

    RowFilterTokenizer(String text) {
        this.text = text;
    }

    List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(TokenKind.END, "", index + 1));
                return tokens;
            }
            tokens.add(token());
        }
    }

    private void skipWhitespace() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
    }

    private Token token() {
        int start = index;
        char character = text.charAt(index);
        if (isIdentifierStart(character)) {
            return word(start);
        }
        if (isDigit(character) || (character == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
            return number(start);
        }
        if (character == '-' && index + 1 < text.length() && text.charAt(index + 1) == '>') {
            index += 2;
            return new Token(TokenKind.ARROW, "->", start + 1);
        }
        return switch (character) {
            case '\'' -> quoted(start, '\'', TokenKind.STRING, "string");
            case '"' -> quoted(start, '"', TokenKind.QUOTED_NAME, "quoted name");
            case '(' -> single(start, TokenKind.LEFT_PARENTHESIS);
            case ')' -> single(start, TokenKind.RIGHT_PARENTHESIS);
            case ',' -> single(start, TokenKind.COMMA);
            case '.' -> single(start, TokenKind.DOT);
            case '=', '<', '>', '!' -> operator(start);
            default -> throw new RowFilterSyntaxException("unexpected character '" + character + "'", start + 1);
        };
    }

    private Token word(int start) {
        while (index < text.length() && isIdentifierPart(text.charAt(index))) {
            index++;
        }
        String word = text.substring(start, index);
        boolean keyword = RowPredicateWriter.KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
        return new Token(keyword ? TokenKind.KEYWORD : TokenKind.NAME, word, start + 1);
    }

    private Token number(int start) {
        index++;
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
        boolean decimal = index + 1 < text.length() && text.charAt(index) == '.' && isDigit(text.charAt(index + 1));
        if (decimal) {
            index++;
            while (index < text.length() && isDigit(text.charAt(index))) {
                index++;
            }
        }
        if (index < text.length() && isIdentifierPart(text.charAt(index))) {
            throw new RowFilterSyntaxException("a number runs into '" + text.charAt(index) + "'; put a space or an"
                    + " operator between them", index + 1);
        }
        return new Token(decimal ? TokenKind.DECIMAL : TokenKind.INTEGER, text.substring(start, index), start + 1);
    }

    /** A quoted string or name; the quote character is escaped by doubling it. */
    private Token quoted(int start, char quote, TokenKind kind, String what) {
        StringBuilder value = new StringBuilder();
        index++;
        while (index < text.length()) {
            char character = text.charAt(index++);
            if (character != quote) {
                value.append(character);
                continue;
            }
            if (index < text.length() && text.charAt(index) == quote) {
                value.append(quote);
                index++;
                continue;
            }
            if (kind == TokenKind.QUOTED_NAME && value.isEmpty()) {
                throw new RowFilterSyntaxException("a quoted name is empty", start + 1);
            }
            return new Token(kind, value.toString(), start + 1);
        }
        throw new RowFilterSyntaxException("the " + what + " opened here is not closed with " + quote
                + " (write " + quote + quote + " for a " + quote + " inside it)", start + 1);
    }

    private Token single(int start, TokenKind kind) {
        index++;
        return new Token(kind, text.substring(start, index), start + 1);
    }

    private Token operator(int start) {
        index++;
        if (index < text.length() && text.charAt(index) == '=' && text.charAt(start) != '=') {
            index++;
        }
        String symbol = text.substring(start, index);
        if (symbol.equals("!")) {
            throw new RowFilterSyntaxException("'!' alone is no operator; use != or not", start + 1);
        }
        if (symbol.equals("<") && index < text.length() && text.charAt(index) == '>') {
            throw new RowFilterSyntaxException("'<>' is written != here", start + 1);
        }
        if (symbol.equals("=") && index < text.length() && text.charAt(index) == '=') {
            throw new RowFilterSyntaxException("'==' is written = here", start + 1);
        }
        return new Token(TokenKind.OPERATOR, symbol, start + 1);
    }

    private static boolean isIdentifierStart(char character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_';
    }

    private static boolean isIdentifierPart(char character) {
        return isIdentifierStart(character) || isDigit(character);
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }
}
