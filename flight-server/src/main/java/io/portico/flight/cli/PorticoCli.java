package io.portico.flight.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code ./portico} command line's Java side: {@code port} (init, up, serve, credential, check, publish, retire),
 * {@code token} and {@code schema}. The launcher finds a JDK, builds when needed and runs this through
 * flight-server's runnable jar ({@code FlightPortMain} hands these commands here). Each command has {@code --help};
 * a wrong command line prints the usage and {@code portico: <command>: <reason>} on standard error.
 */
@Command(name = "portico", sortOptions = false,
        description = "Portico's command line for domain teams (the launcher's other commands: ./portico help).",
        subcommands = {PortCommand.class, TokenCommand.class, SchemaCommand.class})
public final class PorticoCli implements Runnable {

    /** The first arguments this command line answers. */
    public static final Set<String> COMMANDS = Set.of("port", "token", "schema");

    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line on the process's streams and environment; answers the exit code. */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(args, new CliContext(System.getenv(), System.in), out, err);
    }

    /** Runs the command line with {@code context}'s environment and standard input, printing on {@code out}/{@code err}. */
    public static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PorticoCli(), factory(context));
        commandLine.setOut(out);
        commandLine.setErr(err);
        // An argument starting with @ is an argument (a file name, a token), never a file of arguments.
        commandLine.setExpandAtFiles(false);
        // port init, up and serve parse their own options: every argument is passed on.
        for (String own : Set.of("init", "up", "serve")) {
            commandLine.getSubcommands().get("port").getSubcommands().get(own)
                    .setUnmatchedOptionsArePositionalParams(true);
        }
        commandLine.setParameterExceptionHandler(PorticoCli::usageError);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            if (exception instanceof CommandFailure failure) {
                failed.getErr().println("portico: " + failure.getMessage());
                return failure.exitCode();
            }
            throw exception;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command's name in messages: {@code port check}, {@code token}. */
    static String nameOf(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        return qualified.startsWith("portico ") ? qualified.substring("portico ".length()) : qualified;
    }

    private static int usageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine failed = exception.getCommandLine();
        PrintWriter err = failed.getErr();
        failed.usage(err);
        String reason = exception.getMessage();
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
                && !failed.getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            reason = first.startsWith("-") && failed.getCommand() instanceof PortCommand
                    ? "starting a port is 'port serve' now: ./portico port serve " + String.join(" ",
                            unmatched.getUnmatched())
                    : "unknown command '" + first + "' (one of " + String.join(", ",
                            failed.getSubcommands().keySet()) + ")";
        }
        err.println("portico: " + nameOf(failed.getCommandSpec()) + ": " + reason);
        return failed.getCommand() instanceof UsageErrorExit exit ? exit.usageErrorExitCode()
                : CommandFailure.REFUSED;
    }

    /** Gives each command taking a {@link CliContext} this one; the others are made as picocli makes them. */
    private static CommandLine.IFactory factory(CliContext context) {
        CommandLine.IFactory standard = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                    if (constructor.getParameterCount() == 1
                            && constructor.getParameterTypes()[0] == CliContext.class) {
                        constructor.setAccessible(true);
                        return type.cast(constructor.newInstance(context));
                    }
                }
                return standard.create(type);
            }
        };
    }
}
