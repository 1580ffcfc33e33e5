package io.portico.flight;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line of {@link FlightPortMain}.
 *
 * @param contract  the contract file; null to use the demo domain's contract
 * @param demo      the demo domain whose data to generate into the database; may be null
 * @param database  {@code duckdb:memory}, {@code duckdb:PATH} or a JDBC URL ({@code jdbc:postgresql://...})
 * @param user      database user for a JDBC URL; may be null
 * @param password  database password for a JDBC URL (from {@value #PASSWORD_VARIABLE} unless given); may be null
 * @param host      address to listen on
 * @param port      TCP port to listen on, 0 for any free one
 * @param seed      demo data seed
 * @param scale     demo data scale (1.0: 200,000 orders)
 * @param batchRows rows per Arrow batch
 * @param sessionPool    DuckDB: idle database sessions kept for reuse ({@link FlightPortConfig#sessionPoolSize()})
 * @param statementCache DuckDB: prepared statements kept per session ({@link FlightPortConfig#statementCacheSize()})
 * @param gatewayUrl   the gateway to register the contract with once the port listens (and again when the
 *                     contract file changes); null not to register
 * @param gatewayToken the bearer token for the gateway (from {@value #GATEWAY_TOKEN_VARIABLE} unless given)
 * @param credentialFile a file of the credentials the port accepts (one per line); may be null
 * @param credentials    the credentials the port accepts, from {@value #CREDENTIALS_VARIABLE}; may be null. Never
 *                       taken from the command line, where {@code ps} shows it
 * @param tlsCertificate the port's TLS certificate chain (PEM); with {@code tlsKey}, the port speaks TLS only
 * @param tlsKey         the port's TLS private key (PEM, PKCS#8)
 * @param help      print usage and exit
 */
record FlightPortArguments(
        Path contract,
        DemoDomain demo,
        String database,
        String user,
        String password,
        String host,
        int port,
        long seed,
        double scale,
        int batchRows,
        int sessionPool,
        int statementCache,
        URI gatewayUrl,
        String gatewayToken,
        Path credentialFile,
        String credentials,
        Path tlsCertificate,
        Path tlsKey,
        boolean help) {

    static final String PASSWORD_VARIABLE = "PORTICO_DATABASE_PASSWORD";
    static final String GATEWAY_TOKEN_VARIABLE = "PORTICO_GATEWAY_TOKEN";
    static final String CREDENTIALS_VARIABLE = "PORTICO_PORT_CREDENTIALS";
    static final String CREDENTIAL_FILE_VARIABLE = "PORTICO_PORT_CREDENTIAL_FILE";
    static final String IN_MEMORY_DUCKDB = "duckdb:memory";
    /** {@code files:PATH}: a .parquet or .csv file, or a folder of them, served through in-memory DuckDB views. */
    static final String FILES_PREFIX = "files:";
    static final int DEFAULT_PORT = 31337;
    static final String DEFAULT_HOST = FlightPortConfig.LOOPBACK;

    static final String USAGE = """
            Usage: flight-port [options]
              --contract FILE        the ODCS contract of the port (default: the demo domain's contract)
              --demo DOMAIN          generate demo data for sales, crm or logistics into the database
              --database DB          duckdb:memory (default), duckdb:PATH, files:PATH, or a JDBC URL such as
                                     jdbc:postgresql://host/db. A DuckDB file (without --demo) is opened
                                     read-only for each statement, so its team can keep writing to it;
                                     files:PATH serves a .parquet or .csv file or a folder of them, re-read on
                                     every statement
              --user USER            database user for a JDBC URL
              --password PASSWORD    database password (default: environment variable %s)
              --host HOST            address to listen on (default %s, this machine only; 0.0.0.0 for every
                                     interface, e.g. in a container the gateway reaches over the network)
              --port N               TCP port (default %d; 0 picks a free port)
              --seed N               demo data seed (default %d)
              --scale X              demo data scale, 1.0 = 200,000 orders (default 1.0)
              --batch-rows N         rows per Arrow record batch (default %d)
              --session-pool N       DuckDB: idle database sessions (time zone set, statements prepared) kept
                                     for the next statements (default %d, twice the processors; 0: a new
                                     session per statement)
              --statement-cache N    DuckDB: prepared statements each pooled session keeps by SQL text
                                     (default %d; 0: prepare every statement anew)
              --gateway-url URL      register the contract with this Portico gateway once the port listens
                                     (POST URL/api/ports; retried while the gateway is unreachable) and again
                                     whenever the --contract file changes (the port then serves the new contract)
              --gateway-token TOKEN  bearer token for the gateway, naming the port's domain
                                     (default: environment variable %s)
              --credential-file FILE the port credential(s) of the contract's domain that calls must present,
                                     one per line (two while rotating); default: environment variable %s,
                                     else the file in %s. Without either, --gateway-url fetches the domain's
                                     credential from the gateway with the gateway token. Every call without
                                     an accepted credential is refused (UNAUTHENTICATED)
              --tls-cert FILE        the port's TLS certificate chain (PEM); with --tls-key the port listens for
                                     grpc+tls:// only
              --tls-key FILE         the port's TLS private key (PEM, PKCS#8)
              --help                 print this and exit
            Environment: %s holds credentials (separated by line breaks, spaces or commas)
            instead of a file; credentials are never given on the command line.
            """.formatted(PASSWORD_VARIABLE, DEFAULT_HOST, DEFAULT_PORT, DemoDatabases.DEFAULT_SEED,
            FlightPortConfig.DEFAULT_BATCH_ROWS, FlightPortConfig.DEFAULT_SESSION_POOL_SIZE,
            FlightPortConfig.DEFAULT_STATEMENT_CACHE_SIZE, GATEWAY_TOKEN_VARIABLE, CREDENTIALS_VARIABLE,
            CREDENTIAL_FILE_VARIABLE, CREDENTIALS_VARIABLE);

    FlightPortArguments {
        if (!help && contract == null && demo == null) {
            throw new IllegalArgumentException("give --contract FILE or --demo DOMAIN");
        }
        if (demo != null && !database.startsWith("duckdb:")) {
            throw new IllegalArgumentException("--demo generates its data with DuckDB; use --database duckdb:memory or duckdb:PATH");
        }
        if (!database.startsWith("duckdb:") && !database.startsWith("jdbc:") && !database.startsWith(FILES_PREFIX)) {
            throw new IllegalArgumentException("--database must be duckdb:memory, duckdb:PATH, files:PATH (Parquet or CSV"
                    + " files) or a jdbc: URL, got '" + database + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("--scale must be a positive number, got " + scale);
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("--batch-rows must be positive, got " + batchRows);
        }
        if (sessionPool < 0) {
            throw new IllegalArgumentException("--session-pool must not be negative, got " + sessionPool);
        }
        if (statementCache < 0) {
            throw new IllegalArgumentException("--statement-cache must not be negative, got " + statementCache);
        }
        if (!help && gatewayUrl != null && (gatewayToken == null || gatewayToken.isBlank())) {
            throw new IllegalArgumentException("--gateway-url needs a token: give --gateway-token TOKEN or set "
                    + GATEWAY_TOKEN_VARIABLE);
        }
        if (gatewayUrl != null && !"http".equals(gatewayUrl.getScheme()) && !"https".equals(gatewayUrl.getScheme())) {
            throw new IllegalArgumentException("--gateway-url must be an http:// or https:// URL, got '" + gatewayUrl + "'");
        }
        credentials = credentials == null || credentials.isBlank() ? null : credentials;
        if (!help && credentialFile == null && credentials == null && gatewayUrl == null) {
            throw new IllegalArgumentException("the port needs the port credential of its domain, which the gateway"
                    + " presents on every call: give --credential-file FILE or set " + CREDENTIALS_VARIABLE
                    + " (./portico port credential --domain DOMAIN prints it), or --gateway-url URL with a gateway"
                    + " token to fetch it from the gateway");
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("give --tls-cert and --tls-key together");
        }
    }

    static FlightPortArguments parse(String[] args, Map<String, String> environment) {
        Path contract = null;
        DemoDomain demo = null;
        String database = IN_MEMORY_DUCKDB;
        String user = null;
        String password = environment.get(PASSWORD_VARIABLE);
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        long seed = DemoDatabases.DEFAULT_SEED;
        double scale = 1.0;
        int batchRows = FlightPortConfig.DEFAULT_BATCH_ROWS;
        int sessionPool = FlightPortConfig.DEFAULT_SESSION_POOL_SIZE;
        int statementCache = FlightPortConfig.DEFAULT_STATEMENT_CACHE_SIZE;
        URI gatewayUrl = null;
        String gatewayToken = environment.get(GATEWAY_TOKEN_VARIABLE);
        String credentialFileVariable = environment.get(CREDENTIAL_FILE_VARIABLE);
        Path credentialFile = credentialFileVariable == null || credentialFileVariable.isBlank() ? null
                : Path.of(credentialFileVariable);
        String credentials = environment.get(CREDENTIALS_VARIABLE);
        Path tlsCertificate = null;
        Path tlsKey = null;
        boolean help = false;
        for (int index = 0; index < args.length; index++) {
            String option = args[index];
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (option.equals("--credential")) {
                throw new IllegalArgumentException("--credential is not an option: a credential on the command line"
                        + " is visible to every user of the machine (ps); use --credential-file FILE or the"
                        + " environment variable " + CREDENTIALS_VARIABLE);
            }
            String value = OptionValues.valueOf(args, index++);
            switch (option) {
                case "--contract" -> contract = Path.of(value);
                case "--demo" -> demo = DemoDomain.named(value);
                case "--database" -> database = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--host" -> host = value;
                case "--port" -> port = OptionValues.number(option, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--scale" -> scale = decimal(option, value);
                case "--batch-rows" -> batchRows = OptionValues.number(option, value);
                case "--session-pool" -> sessionPool = OptionValues.number(option, value);
                case "--statement-cache" -> statementCache = OptionValues.number(option, value);
                case "--gateway-url" -> gatewayUrl = uri(option, value);
                case "--gateway-token" -> gatewayToken = value;
                case "--credential-file" -> credentialFile = Path.of(value);
                case "--tls-cert" -> tlsCertificate = Path.of(value);
                case "--tls-key" -> tlsKey = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new FlightPortArguments(contract, demo, database, user, password, host, port, seed, scale, batchRows,
                sessionPool, statementCache, gatewayUrl, gatewayToken, credentialFile, credentials, tlsCertificate, tlsKey,
                help);
    }

    private static URI uri(String option, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " needs a URL such as http://gateway:8080, got '" + value + "'");
        }
    }

    private static double decimal(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }

    /** The DuckDB database file, or null for {@code duckdb:memory} and JDBC URLs. */
    String duckDbPath() {
        if (!database.startsWith("duckdb:") || database.equals(IN_MEMORY_DUCKDB)) {
            return null;
        }
        return database.substring("duckdb:".length());
    }

    boolean isDuckDb() {
        return database.startsWith("duckdb:");
    }

    /** The Parquet or CSV file or folder of {@code files:PATH}, or null. */
    Path dataFiles() {
        return database.startsWith(FILES_PREFIX) ? Path.of(database.substring(FILES_PREFIX.length())) : null;
    }

    /** Whether the port's credentials are configured (a file or the environment), rather than to be fetched. */
    boolean hasConfiguredCredentials() {
        return credentialFile != null || credentials != null;
    }

    /** The port's TLS identity, or null without TLS. */
    PortTls tls() {
        return tlsCertificate == null ? null : new PortTls(tlsCertificate, tlsKey);
    }

    @Override
    public String toString() {
        return "FlightPortArguments[contract=" + contract + ", demo=" + demo + ", database=" + database + ", user=" + user
                + ", host=" + host + ", port=" + port + ", seed=" + seed + ", scale=" + scale + ", batchRows=" + batchRows
                + ", sessionPool=" + sessionPool + ", statementCache=" + statementCache
                + ", gatewayUrl=" + gatewayUrl + ", credentialFile=" + credentialFile + ", tlsCertificate=" + tlsCertificate
                + "]";
    }
}
