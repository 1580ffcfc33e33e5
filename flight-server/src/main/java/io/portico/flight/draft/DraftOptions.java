package io.portico.flight.draft;

import io.portico.flight.OptionValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code port init} and {@code port up}: the source, the options that shape the draft, and
 * (for {@code up}) every other option, passed on to {@code port serve}.
 *
 * @param source    the table source as given
 * @param domain    the domain, or null for the source's name
 * @param product   the data product, or null for the source's name (the table's with {@code --table})
 * @param table     the one table to draft, or null for all
 * @param out       ({@code init}) the file to write, or null for standard output; ({@code up}) the contract to serve
 * @param host      the host the port listens on
 * @param port      the port it listens on, or -1 when not given
 * @param user      the JDBC user, or null
 * @param password  the JDBC password (environment variable {@code PORTICO_DATABASE_PASSWORD}), or null
 * @param force     ({@code init}) overwrite {@code out}
 * @param help      whether {@code --help} was asked
 * @param rest      options for {@code port serve}
 */
public record DraftOptions(String source, String domain, String product, String table, Path out, String host,
                           int port, String user, String password, boolean force, boolean help, List<String> rest) {

    static final String PASSWORD_VARIABLE = "PORTICO_DATABASE_PASSWORD";
    static final String LOOPBACK = "127.0.0.1";

    public DraftOptions {
        rest = List.copyOf(rest);
        if (!help && source == null) {
            throw new IllegalArgumentException("give the table source: a DuckDB file, a .parquet or .csv file or"
                    + " folder, or a jdbc: URL");
        }
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
    }

    /**
     * Parses {@code args}; {@code outOption} is {@code --out} for {@code init}, {@code --contract} for {@code up};
     * unknown options are refused unless {@code passOn}, when they and their values go to {@link #rest()}.
     */
    public static DraftOptions parse(String[] args, Map<String, String> environment, String outOption, boolean passOn) {
        String source = null;
        String domain = null;
        String product = null;
        String table = null;
        Path out = null;
        String host = LOOPBACK;
        int port = -1;
        String user = null;
        boolean force = false;
        boolean help = false;
        List<String> rest = new ArrayList<>();
        for (int index = 0; index < args.length; index++) {
            String option = args[index];
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
            } else if (option.equals("--force")) {
                force = true;
            } else if (!option.startsWith("--")) {
                if (source != null) {
                    throw new IllegalArgumentException("one source only, got '" + source + "' and '" + option + "'");
                }
                source = option;
            } else if (option.equals(outOption)) {
                out = Path.of(OptionValues.valueOf(args, index++));
            } else {
                switch (option) {
                    case "--domain" -> domain = OptionValues.valueOf(args, index++);
                    case "--product" -> product = OptionValues.valueOf(args, index++);
                    case "--table" -> table = OptionValues.valueOf(args, index++);
                    case "--host" -> host = OptionValues.valueOf(args, index++);
                    case "--port" -> port = OptionValues.number(option, OptionValues.valueOf(args, index++));
                    case "--user" -> user = OptionValues.valueOf(args, index++);
                    default -> {
                        if (!passOn) {
                            throw new IllegalArgumentException("unknown option " + option);
                        }
                        rest.add(option);
                        if (index + 1 < args.length && !args[index + 1].startsWith("--")) {
                            rest.add(args[++index]);
                        }
                    }
                }
            }
        }
        return new DraftOptions(source, domain, product, table, out, host, port, user,
                environment.get(PASSWORD_VARIABLE), force, help, rest);
    }

    /** The source, parsed. */
    public TableSource tableSource() {
        return TableSource.parse(source, user, password);
    }

    /** The domain: given, or the source's name. */
    public String domainOr(TableSource tableSource) {
        return domain != null ? domain : tableSource.defaultName();
    }

    /**
     * The data product: given, else the table's name with {@code --table}, else null for the drafter to choose
     * (see {@link ContractDrafter#draft}).
     */
    public String productOrTable() {
        return product != null ? product : table;
    }

    /** The address the gateway reaches the port at: this machine's name when the port listens on every interface. */
    public String flightSqlUrl(int listeningPort) {
        String advertised = host.equals("0.0.0.0") || host.equals("::") ? localHostName() : host;
        return "grpc+tcp://" + advertised + ":" + listeningPort;
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return LOOPBACK;
        }
    }
}
