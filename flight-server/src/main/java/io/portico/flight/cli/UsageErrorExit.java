package io.portico.flight.cli;

/**
 * The exit code of a command whose command line is wrong (an unknown option, a missing value): 2 unless the command
 * says otherwise, as the launcher's commands always did ({@code port check} 2, {@code token} 1).
 */
interface UsageErrorExit {

    int usageErrorExitCode();
}
