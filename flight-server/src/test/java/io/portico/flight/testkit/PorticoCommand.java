package io.portico.flight.testkit;

import io.portico.flight.cli.CliContext;
import io.portico.flight.cli.PorticoCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the {@code ./portico} command line ({@link PorticoCli}: port, token, schema) in this JVM with an environment
 * and standard input of the test's own, capturing what it prints and its exit code.
 */
public final class PorticoCommand {

    private PorticoCommand() {
    }

    /** One run: the exit code and what was printed on standard output and standard error. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code arguments} with {@code environment} (nothing else of the process's) and empty standard input. */
    public static Run run(Map<String, String> environment, String... arguments) {
        return runWithInput(environment, "", arguments);
    }

    /** Runs {@code arguments} with {@code environment} and {@code stdin} as standard input. */
    public static Run runWithInput(Map<String, String> environment, String stdin, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PorticoCli.run(arguments, new CliContext(environment,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), new PrintWriter(out),
                new PrintWriter(err));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
