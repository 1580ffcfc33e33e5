package io.portico.flight.draft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Parquet and CSV files as tables: a file, or every {@code .parquet} and {@code .csv} file of a folder (not its
 * sub-folders), one table per file, named after the file ({@code orders.parquet} is table {@code orders}).
 *
 * <p>{@link #open()} gives an in-memory DuckDB database with one view per file ({@code read_parquet} or
 * {@code read_csv}). A view reads its file on every statement, so a file the team replaces (write a new file, then
 * move it over the old one, which is atomic) is served from the next statement on, and nothing locks the files.
 * External access is then switched off for every path but the files' folder.
 *
 * @param path      the file or folder given
 * @param files     the data files, sorted by name
 */
public record DataFiles(Path path, List<DataFile> files) {

    /** One data file and the table it becomes. */
    public record DataFile(Path file, String table, Format format) {
        public DataFile {
            requireNonNull(file, "file is null");
            requireNonNull(table, "table is null");
            requireNonNull(format, "format is null");
        }

        /** The DuckDB table function that reads the file. */
        String reader() {
            String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
            return format == Format.PARQUET ? "read_parquet(" + literal + ")"
                    : "read_csv(" + literal + ", auto_detect = true)";
        }
    }

    /** The file formats read. */
    public enum Format { PARQUET, CSV }

    public DataFiles {
        requireNonNull(path, "path is null");
        files = List.copyOf(files);
    }

    /** Whether {@code path} names a data file by its extension. */
    public static boolean isDataFile(Path path) {
        return format(path) != null;
    }

    /**
     * The data files at {@code path}: the file itself, or those of the folder.
     *
     * @throws IllegalArgumentException when there is no such file, or the folder holds no data file
     */
    public static DataFiles at(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(absolute)) {
            Format format = format(absolute);
            if (format == null) {
                throw new IllegalArgumentException(path + " is not a .parquet or .csv file");
            }
            return new DataFiles(absolute, List.of(new DataFile(absolute, tableName(absolute), format)));
        }
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        List<DataFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(absolute)) {
            for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                Format format = format(entry);
                if (format != null) {
                    files.add(new DataFile(entry, tableName(entry), format));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the folder " + path + " holds no .parquet or .csv file");
        }
        return new DataFiles(absolute, files);
    }

    /** The folder that holds the files. */
    public Path folder() {
        return Files.isDirectory(path) ? path : path.getParent();
    }

    /**
     * An in-memory DuckDB database with a view per file, external access limited to the files' folder; the caller
     * closes it.
     */
    public DuckDBConnection open() throws SQLException {
        DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            for (DataFile file : files) {
                statement.execute("CREATE VIEW " + quote(file.table()) + " AS SELECT * FROM " + file.reader());
            }
            String folder = folder().toString().replace("'", "''");
            statement.execute("SET allowed_directories = ['" + folder + "/']");
            statement.execute("SET enable_external_access = false");
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static Format format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return Format.PARQUET;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        return null;
    }

    /** The file's name without its extension, as a lower-case identifier ({@code Orders 2024.csv}: orders_2024). */
    static String tableName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Identifiers.of(dot > 0 ? name.substring(0, dot) : name);
    }
}
