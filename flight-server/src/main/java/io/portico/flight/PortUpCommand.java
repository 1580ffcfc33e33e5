package io.portico.flight;

import io.portico.flight.draft.ContractDrafter;
import io.portico.flight.draft.DraftOptions;
import io.portico.flight.draft.TableSource;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.ServerContract;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./portico port up SOURCE --gateway-url URL}: from an existing table to a published output port in one
 * command. Drafts the contract when there is none ({@code port init}, written beside the table for the team to edit
 * and commit), then runs {@code port serve} with it: the port serves the table, fetches its domain's credential,
 * registers with the gateway (checked and published; retried while the gateway is unreachable) and registers again
 * whenever the contract file changes. See {@link #USAGE}.
 */
public final class PortUpCommand {

    public static final String USAGE = """
            Usage: ./portico port up SOURCE --gateway-url URL [--domain D] [--product P] [--table T]
                                       [--contract FILE] [--host H] [--port N] [port serve options]
            Serves a table source as a published output port: the contract is FILE, else SOURCE's name with
            .odcs.yaml beside it (for a jdbc: URL, in the working folder), drafted as port init drafts it when it does
            not exist yet (edit and commit it: the port serves and registers every saved change).
              SOURCE           as port init takes it: a DuckDB file, a .parquet or .csv file or folder, a jdbc: URL
              --gateway-url URL  the gateway the port registers with; the token is PORTICO_GATEWAY_TOKEN
                               or --gateway-token (in the demo: ./portico token --domain D)
              --domain, --product, --table   what a new draft names (see port init)
              --port N         the TCP port; default: the contract's flightSqlUrl, else a free one
              --host H         the address to listen on (default 127.0.0.1)
            Every other option goes to port serve (./portico port serve --help).
            """;

    private PortUpCommand() {
    }

    public static void main(String[] args) throws Exception {
        run(args, System.getenv());
    }

    /**
     * Drafts the contract if needed, then serves it as {@code port serve} does until the port is closed, with the
     * options {@code environment} gives (e.g. {@code PORTICO_GATEWAY_TOKEN}); a wrong command line or a source that
     * cannot be read ends the JVM (exit 2 and 1).
     */
    public static void run(String[] args, Map<String, String> environment) throws Exception {
        List<String> serveArguments;
        try {
            serveArguments = prepare(args, environment, System.out, System.err);
        } catch (IllegalArgumentException | SQLException | IOException e) {
            System.err.println("port up: " + e.getMessage());
            System.exit(e instanceof IllegalArgumentException ? 2 : 1);
            return;
        }
        if (serveArguments == null) {
            return;
        }
        FlightPortMain.serve(serveArguments.toArray(String[]::new), environment);
    }

    /**
     * Drafts the contract if there is none and answers the {@code port serve} arguments that serve it, or null
     * after {@code --help}.
     */
    static List<String> prepare(String[] args, Map<String, String> environment, PrintStream out, PrintStream err)
            throws SQLException, IOException {
        DraftOptions options = DraftOptions.parse(args, environment, "--contract", true);
        if (options.help()) {
            out.print(USAGE);
            return null;
        }
        TableSource source = options.tableSource();
        Path contract = options.out() != null ? options.out() : source.contractBeside();
        int port = options.port();
        if (Files.exists(contract)) {
            if (port < 0) {
                port = portOf(contract);
            }
            err.println("port up: serving " + source.describe() + " with the contract " + contract);
        } else {
            if (port <= 0) {
                port = freePort(options.host()); // the contract names the address: 0 cannot be one
            }
            String yaml = new ContractDrafter().draft(source, options.table(), options.domainOr(source),
                    options.productOrTable(), options.flightSqlUrl(port));
            Files.writeString(contract, yaml);
            err.println("port up: drafted the contract " + contract + " from " + source.describe()
                    + "; review it (TODO descriptions, suggested classifications) and commit it");
        }
        List<String> serve = new ArrayList<>(List.of("--contract", contract.toString(),
                "--database", source.servingDatabase(), "--host", options.host(), "--port", Integer.toString(port)));
        if (options.user() != null) {
            serve.addAll(List.of("--user", options.user()));
        }
        serve.addAll(options.rest());
        return serve;
    }

    /** The port of the contract's flightSqlUrl, or a free one when it names none. */
    private static int portOf(Path contract) throws IOException {
        int port = ContractParser.parse(Files.readString(contract)).flightServer()
                .flatMap(ServerContract::flightSqlUrl)
                .map(url -> URI.create(url).getPort())
                .orElse(-1);
        if (port < 0) {
            throw new IllegalArgumentException("the contract " + contract + " names no flightSqlUrl with a port;"
                    + " give --port N");
        }
        return port;
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
