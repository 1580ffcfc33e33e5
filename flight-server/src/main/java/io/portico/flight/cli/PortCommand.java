package io.portico.flight.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code port}: a domain team's commands for its output ports. Without a subcommand it prints its usage; a wrong
 * subcommand exits with 1 (as the launcher's {@code port} did).
 */
@Command(name = "port", sortOptions = false,
        description = "A domain team's output ports: draft a contract from a table, serve it, publish it.",
        subcommands = {PassThroughCommand.Init.class, PassThroughCommand.Up.class, PassThroughCommand.Serve.class,
                CredentialCommand.class, ContractCommand.Check.class, ContractCommand.Publish.class,
                RetireCommand.class},
        footer = {"",
                "check, publish and retire call the gateway's registration API and print its answer (JSON) on stdout,"
                        + " with a one-line summary on stderr. The exit code is 0 when the gateway accepted, 1 when it"
                        + " refused (the answer says why, each problem at its contract path), 2 when the gateway"
                        + " could not be asked. The gateway is --url, else $PORTICO_URL, else http://localhost:8080;"
                        + " the token --token, else $PORTICO_TOKEN (in the demo: export"
                        + " PORTICO_TOKEN=$(./portico token --domain <domain>)).",
                "",
                "Example: ./portico port check my-port.odcs.yaml && ./portico port publish my-port.odcs.yaml",
                "See docs/publishing.md; ./portico port <command> --help for each command."})
final class PortCommand implements Callable<Integer>, UsageErrorExit {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Override
    public int usageErrorExitCode() {
        return CommandFailure.REFUSED;
    }
}
