package io.portico.policies.parse;

import static java.util.Objects.requireNonNull;

/**
 * One policy file's content, as read: its name (for messages and the set's version) and its text.
 *
 * @param name the file's name, e.g. {@code crm.yaml} or {@code classpath:demo/policies.yaml}
 * @param text the YAML document
 */
public record PolicySource(String name, String text) {

    public PolicySource {
        requireNonNull(name, "name is null");
        requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        return name + " (" + text.length() + " characters)";
    }
}
