package io.portico.policies.store;

import static java.util.Objects.requireNonNull;

import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.parse.PolicyProblem;
import io.portico.policies.parse.PolicySource;
import io.portico.policies.parse.PolicyValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The policy files of a directory: every regular file directly in it whose name ends in {@code .yaml} or
 * {@code .yml} and does not start with {@code .} (editors' and atomic writers' temporary files do), read together
 * as one set, sorted by name. Sub-directories are not read; symbolic links are followed (Kubernetes mounts a
 * ConfigMap's files as links).
 */
public final class PolicyDirectory {

    /** A file this large cannot hold a policy file within {@link PolicyParser#MAX_FILE_CHARS}. */
    private static final long MAX_FILE_BYTES = 4L * PolicyParser.MAX_FILE_CHARS;

    private PolicyDirectory() {
    }

    /**
     * Reads and validates the directory's policy files as one set.
     *
     * @throws PolicyValidationException with every problem, when any file is wrong or there is none
     * @throws UncheckedIOException      when the directory or a file cannot be read
     */
    public static PolicySet load(Path directory) {
        try {
            return PolicyParser.parse(read(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy directory " + directory, e);
        }
    }

    /**
     * The directory's policy files, sorted by name, each named by its file name.
     *
     * @throws PolicyValidationException when a file is too large, not UTF-8, or there are too many
     * @throws IOException               when the directory or a file cannot be read
     */
    public static List<PolicySource> read(Path directory) throws IOException {
        requireNonNull(directory, "directory is null");
        List<Path> files = files(directory);
        if (files.size() > PolicyParser.MAX_FILES) {
            throw refused("", directory + " holds " + files.size() + " policy files, more than the limit of "
                    + PolicyParser.MAX_FILES, "at most " + PolicyParser.MAX_FILES + " files");
        }
        List<PolicySource> sources = new ArrayList<>(files.size());
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw refused(name, "the file has " + Files.size(file) + " bytes, more than any policy file of at"
                        + " most " + PolicyParser.MAX_FILE_CHARS + " characters", "a smaller file");
            }
            try {
                sources.add(new PolicySource(name, Files.readString(file)));
            } catch (CharacterCodingException e) {
                throw refused(name, "the file is not UTF-8 text", "a YAML file encoded in UTF-8");
            }
        }
        return sources;
    }

    /** The policy files of the directory, sorted by name. */
    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(PolicyDirectory::isPolicyFile).sorted().toList();
        }
    }

    private static boolean isPolicyFile(Path path) {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"))
                && Files.isRegularFile(path);
    }

    private static PolicyValidationException refused(String file, String problem, String expected) {
        return new PolicyValidationException(List.of(new PolicyProblem(file, "$", problem, expected)));
    }
}
