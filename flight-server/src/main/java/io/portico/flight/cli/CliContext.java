package io.portico.flight.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Map;

/**
 * What a command of the {@code ./portico} command line reads besides its arguments: the environment
 * ({@code PORTICO_URL}, {@code PORTICO_TOKEN}, ...) and standard input (a contract given as {@code -}). Given to
 * each command's constructor by {@link PorticoCli}, so a test runs a command with an environment of its own.
 */
public record CliContext(Map<String, String> environment, InputStream stdin) {

    public CliContext {
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(stdin, "stdin is null");
    }

    /** The value of an environment variable, or null when it is unset or empty. */
    public String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
