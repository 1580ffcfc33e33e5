package io.portico.gateway.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests: Node scripts in {@code src/test/browser} driving Debian's headless {@code chromium} with
 * {@code playwright-core} (installed there by {@code npm ci}; {@code .ci/run} does both).
 *
 * <p>As a JUnit condition ({@code @ExtendWith(HeadlessChromium.class)}) it skips the test class, before any
 * application context starts, when chromium, node or the folder's {@code node_modules} are missing, saying which
 * and how to install it; except when the environment says {@code CI=true}, where the class runs and
 * {@link #requireReady()} fails it instead: in CI the browser test must run.
 */
public final class HeadlessChromium implements ExecutionCondition {

    /** The folder of the Node scripts, relative to the gateway module (Surefire's working directory). */
    public static final Path FOLDER = Path.of("src", "test", "browser");

    /** Debian's chromium; {@code PORTICO_CHROMIUM} names another binary. */
    public static Path chromium() {
        String configured = System.getenv("PORTICO_CHROMIUM");
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    }

    /** Why the browser tests cannot run here, or empty when they can. */
    public static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium())) {
            missing.add(chromium() + " is missing (apt-get install -y chromium)");
        }
        if (node().isEmpty()) {
            missing.add("node is not on the PATH");
        }
        if (!Files.isDirectory(FOLDER.resolve("node_modules").resolve("playwright-core"))) {
            missing.add(FOLDER.resolve("node_modules") + " has no playwright-core (npm ci in " + FOLDER + ")");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    /** Whether this runs in CI, where a browser test must run rather than be skipped. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("chromium, node and playwright-core are here");
        }
        if (inCi()) {
            return ConditionEvaluationResult.enabled("CI=true: runs, and fails because " + missing.get());
        }
        return ConditionEvaluationResult.disabled("browser test skipped: " + missing.get()
                + ". .ci/run installs both; CI=true makes this a failure instead of a skip");
    }

    /** Fails (in CI) when the browser tests cannot run. */
    public static void requireReady() {
        missing().ifPresent(reason -> fail("the browser test must run in CI (CI=true) but " + reason
                + "; .ci/run installs chromium and runs npm ci in " + FOLDER));
    }

    /**
     * Runs {@code node <script> <arguments>} in {@link #FOLDER} with the environment added, killed at the deadline.
     *
     * @return the exit code and everything it printed
     */
    public static Run run(String script, List<String> arguments, Map<String, String> environment, Duration deadline)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node().orElseThrow().toString(), script));
        command.addAll(arguments);
        Path output = Files.createTempFile("browser-test-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(FOLDER.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("PORTICO_CHROMIUM", chromium().toString());
            Process process = builder.start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, "killed after " + deadline + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Optional<Path> node() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "node");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** How a script ended: its exit code (-1 when killed at the deadline) and its output. */
    public record Run(int exitCode, String output) {
    }
}
