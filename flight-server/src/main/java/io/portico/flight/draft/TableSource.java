package io.portico.flight.draft;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * Where a team's tables are: a DuckDB database file, Parquet or CSV files (a file or a folder), or a database
 * reached by JDBC URL (PostgreSQL, H2). The same words name it to {@code port init}, {@code port up} and, as
 * {@link #servingDatabase()}, to {@code port serve --database}.
 */
public sealed interface TableSource permits TableSource.DuckDbFile, TableSource.Files, TableSource.Jdbc {

    /**
     * The source {@code text} names: a {@code jdbc:} URL; {@code duckdb:PATH} or a file ending {@code .duckdb},
     * {@code .ddb} or {@code .db}; {@code files:PATH}, a {@code .parquet} or {@code .csv} file or a folder.
     *
     * @param password the JDBC password (may be null)
     * @throws IllegalArgumentException when the text names none of these, or a file that does not exist
     */
    static TableSource parse(String text, String user, String password) {
        requireNonNull(text, "text is null");
        if (text.startsWith("jdbc:")) {
            return new Jdbc(text, user, password);
        }
        if (text.startsWith("duckdb:")) {
            return duckDb(Path.of(text.substring("duckdb:".length())));
        }
        if (text.startsWith("files:")) {
            return new Files(DataFiles.at(Path.of(text.substring("files:".length()))));
        }
        Path path = Path.of(text);
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".duckdb") || name.endsWith(".ddb") || name.endsWith(".db")) {
            return duckDb(path);
        }
        if (java.nio.file.Files.isDirectory(path) || DataFiles.isDataFile(path)) {
            return new Files(DataFiles.at(path));
        }
        throw new IllegalArgumentException("cannot tell what '" + text + "' is: give a DuckDB file (.duckdb, .ddb, .db"
                + " or duckdb:PATH), a .parquet or .csv file or a folder of them (or files:PATH), or a jdbc: URL");
    }

    private static TableSource duckDb(Path path) {
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such DuckDB file: " + path);
        }
        return new DuckDbFile(path.toAbsolutePath().normalize());
    }

    /** A connection to read the tables' metadata and samples; the caller closes it. */
    Connection openForReading() throws SQLException;

    /** The source as {@code port serve --database} takes it. */
    String servingDatabase();

    /** The SQL dialect of the contract's server ({@code DUCKDB}, {@code POSTGRES}, {@code H2}). */
    String dialect();

    /** A name for the domain and data product when none is given: the file's or folder's name. */
    String defaultName();

    /** Where {@code port up} keeps the contract: beside the table, named after it; in the working folder for JDBC. */
    Path contractBeside();

    /** The source for messages, without credentials. */
    String describe();

    /** A DuckDB database file, read read-only (a writer elsewhere must not hold it while the draft is read). */
    record DuckDbFile(Path file) implements TableSource {
        public DuckDbFile {
            requireNonNull(file, "file is null");
        }

        @Override
        public Connection openForReading() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("duckdb.read_only", "true");
            return DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        }

        @Override
        public String servingDatabase() {
            return "duckdb:" + file;
        }

        @Override
        public String dialect() {
            return "DUCKDB";
        }

        @Override
        public String defaultName() {
            return baseName(file);
        }

        @Override
        public Path contractBeside() {
            return file.resolveSibling(baseName(file) + ".odcs.yaml");
        }

        @Override
        public String describe() {
            return "the DuckDB file " + file.getFileName();
        }
    }

    /** Parquet or CSV files, one table each (see {@link DataFiles}). */
    record Files(DataFiles files) implements TableSource {
        public Files {
            requireNonNull(files, "files is null");
        }

        @Override
        public Connection openForReading() throws SQLException {
            return files.open();
        }

        @Override
        public String servingDatabase() {
            return "files:" + files.path();
        }

        @Override
        public String dialect() {
            return "DUCKDB";
        }

        @Override
        public String defaultName() {
            return baseName(files.path());
        }

        @Override
        public Path contractBeside() {
            Path folder = files.folder();
            return folder.resolve(baseName(files.path()) + ".odcs.yaml");
        }

        @Override
        public String describe() {
            return java.nio.file.Files.isDirectory(files.path()) ? "the files of " + files.path().getFileName()
                    : "the file " + files.path().getFileName();
        }
    }

    /** A database by JDBC URL. */
    record Jdbc(String url, String user, String password) implements TableSource {
        public Jdbc {
            requireNonNull(url, "url is null");
        }

        @Override
        public Connection openForReading() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public String servingDatabase() {
            return url;
        }

        @Override
        public String dialect() {
            return JDBCUtils.dialect(url).family().name();
        }

        @Override
        public String defaultName() {
            String withoutParameters = url.split("[?;]")[0];
            return Identifiers.kebab(withoutParameters.substring(withoutParameters.lastIndexOf('/') + 1)
                    .replaceAll("^.*:", ""));
        }

        @Override
        public Path contractBeside() {
            return Path.of(defaultName() + ".odcs.yaml").toAbsolutePath();
        }

        @Override
        public String describe() {
            return url.split("[?;]")[0];
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + describe() + ", user=" + user + "]";
        }
    }

    private static String baseName(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Identifiers.kebab(dot > 0 ? name.substring(0, dot) : name);
    }
}
