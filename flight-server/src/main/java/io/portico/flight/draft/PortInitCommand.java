package io.portico.flight.draft;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code ./portico port init SOURCE}: drafts an ODCS contract from an existing table source. See {@link #USAGE}.
 */
public final class PortInitCommand {

    /** The port a drafted contract names when {@code --port} is not given (that of {@code port serve}). */
    public static final int DEFAULT_PORT = 31337;

    public static final String USAGE = """
            Usage: ./portico port init SOURCE [--domain D] [--product P] [--table T] [--out FILE] [--force]
                                         [--host H] [--port N] [--user U]
            Reads an existing table source and writes a draft ODCS v3.1 contract for it (standard output, or --out FILE).
              SOURCE         a DuckDB file (.duckdb, .ddb, .db or duckdb:PATH; every table, or --table T),
                             a .parquet or .csv file or a folder of them (one dataset per file; or files:PATH),
                             or a jdbc: URL (PostgreSQL, H2; password from PORTICO_DATABASE_PASSWORD)
              --domain D     the owning domain (default: the file's or folder's name)
              --product P    the data product (default: the table's name when there is one table or --table,
                             else the source's name)
              --table T      draft this table only
              --out FILE     write the contract there (refused if it exists, unless --force)
              --host H       the host the port will listen on (default 127.0.0.1)
              --port N       the port it will listen on (default %d): the contract's flightSqlUrl
              --user U       the JDBC user
            The draft has types, required from nullability, primary keys and relationships the database declares,
            TODO description stubs, and a suggested classification (custom property classificationSuggestion) for
            columns that look personal (names, emails, phones, birth dates, addresses, national ids): review them.
            """.formatted(DEFAULT_PORT);

    private PortInitCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; the exit code is 0 when drafted, 2 for a wrong command line, 1 when the source cannot be read. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        DraftOptions options;
        try {
            options = DraftOptions.parse(args, environment, "--out", false);
        } catch (IllegalArgumentException e) {
            err.println("port init: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        try {
            TableSource source = options.tableSource();
            String yaml = new ContractDrafter().draft(source, options.table(), options.domainOr(source),
                    options.productOrTable(), options.flightSqlUrl(options.port() <= 0 ? DEFAULT_PORT : options.port()));
            if (options.out() == null) {
                out.print(yaml);
                return 0;
            }
            if (options.force()) {
                Files.writeString(options.out(), yaml);
            } else {
                Files.writeString(options.out(), yaml, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            err.println("port init: wrote the draft contract of " + source.describe() + " to " + options.out()
                    + "; review it (TODO descriptions, suggested classifications) before publishing");
            return 0;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            err.println("port init: " + options.out() + " exists; give --force to overwrite it");
            return 1;
        } catch (IllegalArgumentException | SQLException | IOException e) {
            err.println("port init: " + e.getMessage());
            return 1;
        }
    }
}
