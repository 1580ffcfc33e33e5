package io.portico.flight.cli;

import static java.util.Objects.requireNonNull;

import io.portico.flight.FlightPortMain;
import io.portico.flight.PortUpCommand;
import io.portico.flight.draft.PortInitCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code port init}, {@code port up} and {@code port serve}: the port's own commands, which parse their arguments
 * themselves ({@code --help} included); every argument is passed on as given. They print on the process's own
 * streams.
 */
abstract class PassThroughCommand implements Callable<Integer> {

    final CliContext context;

    @Parameters(arity = "0..*", paramLabel = "ARGUMENT", description = "passed on as given (--help: the options)")
    List<String> arguments = new ArrayList<>();

    PassThroughCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    String[] arguments() {
        return arguments.toArray(String[]::new);
    }

    @Command(name = "init", description = "Draft an ODCS contract from an existing table source (a DuckDB file, a"
            + " .parquet or .csv file or folder, a jdbc: URL): types, keys, relationships, suggested classifications"
            + " for personal data (--out FILE; port init --help for its options).")
    static final class Init extends PassThroughCommand {

        Init(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return PortInitCommand.run(arguments(), context.environment(), System.out, System.err);
        }
    }

    @Command(name = "up", description = "From a table to a published product in one command: drafts the contract"
            + " beside the table if there is none, serves the table and registers it with the gateway (--gateway-url,"
            + " else $PORTICO_URL, else http://localhost:8080; the token $PORTICO_GATEWAY_TOKEN, else"
            + " $PORTICO_TOKEN). port up --help for its options.")
    static final class Up extends PassThroughCommand {

        Up(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws Exception {
            List<String> given = new ArrayList<>(arguments);
            boolean gatewayNamed = given.stream().anyMatch(argument -> argument.equals("--gateway-url")
                    || argument.equals("--help") || argument.equals("-h"));
            if (!gatewayNamed) {
                String url = context.variable("PORTICO_URL");
                given.add("--gateway-url");
                given.add(url == null ? GatewayCommand.DEFAULT_URL : url);
            }
            Map<String, String> environment = new HashMap<>(context.environment());
            if (context.variable("PORTICO_GATEWAY_TOKEN") == null && context.variable("PORTICO_TOKEN") != null) {
                environment.put("PORTICO_GATEWAY_TOKEN", context.variable("PORTICO_TOKEN"));
            }
            PortUpCommand.run(given.toArray(String[]::new), environment);
            return 0;
        }
    }

    @Command(name = "serve", description = "Start one standalone Flight SQL output port on 127.0.0.1, answering only"
            + " the gateway's credential of its domain (port serve --help for its options), e.g. ./portico port serve"
            + " --contract my.odcs.yaml --database duckdb:my.duckdb --gateway-url http://localhost:8080"
            + " --gateway-token \"$PORTICO_TOKEN\"")
    static final class Serve extends PassThroughCommand {

        Serve(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws Exception {
            FlightPortMain.serve(arguments(), context.environment());
            return 0;
        }
    }
}
