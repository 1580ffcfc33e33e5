package io.portico.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A policy directory in a new temporary folder, for a gateway whose policies a test changes while it runs
 * ({@code portico.policies.directory}, reloaded on change), with an audit log beside it; and the demo policies to
 * start from.
 */
public final class PolicyDirectory {

    private final Path directory;

    private PolicyDirectory(Path directory) {
        this.directory = directory;
    }

    /** A new, empty policy directory under a temporary folder named {@code prefix...}. */
    public static PolicyDirectory create(String prefix) {
        try {
            return new PolicyDirectory(Files.createDirectories(Files.createTempDirectory(prefix).resolve("policies")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory, for {@code portico.policies.directory}. */
    public Path path() {
        return directory;
    }

    /** A file beside the directory, for {@code portico.policies.audit-log}. */
    public Path auditLog() {
        return directory.getParent().resolve("audit.jsonl");
    }

    /** Replaces the directory's one policy file with {@code text}, in one atomic move (a reload never reads half). */
    public void write(String text) {
        try {
            Path staging = directory.getParent().resolve("policies.yaml.next");
            Files.writeString(staging, text, UTF_8);
            Files.move(staging, directory.resolve("policies.yaml"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo's policy file ({@code demo/policies.yaml} of the policies module), as text. */
    public static String demoPolicies() {
        try (InputStream demo = PolicyDirectory.class.getClassLoader().getResourceAsStream("demo/policies.yaml")) {
            return new String(demo.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
