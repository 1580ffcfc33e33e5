package io.portico.flight.cli;

/**
 * Ends a command with a one-line reason on standard error ({@code portico: <reason>}) and an exit code: 2 when the
 * gateway could not be asked (a wrong command line, no token, no gateway), 1 when it refused or the answer was
 * unusable. {@link PorticoCli} prints it.
 */
final class CommandFailure extends RuntimeException {

    /** The exit code of a command line that cannot be carried out: nothing was asked. */
    static final int NOT_ASKED = 2;
    /** The exit code of a refusal. */
    static final int REFUSED = 1;

    private final int exitCode;

    CommandFailure(int exitCode, String reason) {
        super(reason, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
