package io.portico.flight.cli;

import static java.util.Objects.requireNonNull;

import io.portico.flight.registration.GatewayClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that makes one call to a gateway's REST API: {@code --url} (default {@code $PORTICO_URL}, else the local
 * demo), {@code --help}, where it prints, and what an unreachable gateway is called.
 */
abstract class GatewayCommand implements Callable<Integer>, UsageErrorExit {

    /** The gateway when neither {@code --url} nor {@code PORTICO_URL} names one: the local demo. */
    static final String DEFAULT_URL = "http://localhost:8080";

    final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "the gateway (default $PORTICO_URL or " + DEFAULT_URL
            + ")")
    String url;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    GatewayCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public int usageErrorExitCode() {
        return CommandFailure.NOT_ASKED;
    }

    /** The command's name in messages, e.g. {@code port check}. */
    String name() {
        return PorticoCli.nameOf(spec);
    }

    /** The gateway's URL as given (without a trailing slash). */
    String gatewayUrl() {
        String given = url != null ? url : context.variable("PORTICO_URL");
        String chosen = given == null ? DEFAULT_URL : given.strip();
        return chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen;
    }

    /** A client of the gateway sending {@code token} (null: none); a URL that is not one fails with exit 2. */
    GatewayClient client(String token, Duration timeout) {
        try {
            return new GatewayClient(URI.create(gatewayUrl()), token, timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": --url: " + e.getMessage());
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Why no answer came, in a few words: {@code connection refused}, {@code timed out}, ... */
    static String reason(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Stops the command when the thread is interrupted while it waits for the gateway. */
    static CommandFailure interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new CommandFailure(CommandFailure.NOT_ASKED, "interrupted while waiting for the gateway");
    }
}
