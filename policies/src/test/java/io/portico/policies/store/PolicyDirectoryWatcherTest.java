package io.portico.policies.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.model.FieldEffect;
import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDirectoryWatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final PolicyReloadListener recorder = new PolicyReloadListener() {
        @Override
        public void reloaded(LoadedPolicySet previous, LoadedPolicySet next) {
            heard.add("reloaded " + names(next.set()));
        }

        @Override
        public void rejected(LoadedPolicySet kept, FailedReload failure) {
            heard.add("rejected, kept " + names(kept.set()) + ": "
                    + failure.problems().stream().map(PolicyProblem::problem).toList());
        }
    };

    @Test
    void reloadsAChangeOnceItHasSettled() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "first"));
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, recorder, CLOCK);
        assertThat(watcher.poll()).isFalse();
        assertThat(watcher.poll()).as("the files are the set in force").isFalse();

        rules("a.yaml", "second");
        rules("b.yaml", "third");
        assertThat(watcher.poll()).as("seen, not yet settled").isFalse();
        assertThat(watcher.poll()).isTrue();
        assertThat(watcher.poll()).isFalse();

        assertThat(names(store.policies())).containsExactly("second", "third");
        assertThat(store.current().sources()).containsExactly("a.yaml", "b.yaml");
        assertThat(store.current().loadedAt()).isEqualTo(NOW);
        assertThat(store.lastFailure()).isEmpty();
        assertThat(heard).containsExactly("reloaded [second, third]");
    }

    @Test
    void aTouchedFileIsNoNewSet() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "first"));
        LoadedPolicySet before = store.current();
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, recorder, CLOCK);

        Files.setLastModifiedTime(directory.resolve("a.yaml"),
                java.nio.file.attribute.FileTime.from(NOW.minusSeconds(60)));
        watcher.poll();
        watcher.poll();

        assertThat(store.current()).isSameAs(before);
        assertThat(heard).isEmpty();
    }

    @Test
    void keepsTheGoodSetWhenTheNewFilesAreBadAndSaysWhyOnce() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "good"));
        LoadedPolicySet good = store.current();
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, recorder, CLOCK);

        Files.writeString(directory.resolve("a.yaml"), "version: 1\nrules:\n  - {name: half");
        watcher.poll();
        watcher.poll();
        watcher.poll();

        assertThat(store.current()).isSameAs(good);
        assertThat(store.lastFailure()).hasValueSatisfying(failure -> {
            assertThat(failure.at()).isEqualTo(NOW);
            assertThat(failure.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.file()).isEqualTo("a.yaml");
                assertThat(problem.problem()).startsWith("not valid YAML or JSON at line 3");
            });
        });
        assertThat(heard).singleElement().asString()
                .startsWith("rejected, kept [good]: [not valid YAML or JSON at line 3");

        rules("a.yaml", "fixed");
        watcher.poll();
        assertThat(watcher.poll()).isTrue();
        assertThat(names(store.policies())).containsExactly("fixed");
        assertThat(store.lastFailure()).isEmpty();
    }

    @Test
    void aValidSetItsCheckRefusesIsRefusedLikeAnInvalidOne() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "good"));
        LoadedPolicySet good = store.current();
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, recorder, CLOCK, set ->
                names(set).contains("unfit") ? List.of(new PolicyProblem("a.yaml", "$.rules[0].rowFilter",
                        "visible(crm.customers) on sales.orders: no such relationship", "a declared one")) : List.of());

        rules("a.yaml", "unfit");
        watcher.poll();
        assertThat(watcher.poll()).isFalse();

        assertThat(store.current()).isSameAs(good);
        assertThat(store.lastFailure()).hasValueSatisfying(failure -> assertThat(failure.problems())
                .extracting(PolicyProblem::path).containsExactly("$.rules[0].rowFilter"));
        assertThat(heard).containsExactly("rejected, kept [good]: [visible(crm.customers) on sales.orders: no such"
                + " relationship]");

        rules("a.yaml", "fit");
        watcher.poll();
        assertThat(watcher.poll()).isTrue();
        assertThat(names(store.policies())).containsExactly("fit");
    }

    @Test
    void aDirectoryLeftWithoutFilesOrUnreadableKeepsTheGoodSet() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "good"));
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, recorder, CLOCK);

        Files.delete(directory.resolve("a.yaml"));
        watcher.poll();
        watcher.poll();
        Files.delete(directory);
        watcher.poll();
        watcher.poll();
        watcher.poll();

        Files.createDirectory(directory);
        assertThat(names(store.policies())).containsExactly("good");
        assertThat(heard).hasSize(2);
        assertThat(heard.getFirst()).isEqualTo("rejected, kept [good]: [no policy file]");
        assertThat(heard.get(1)).startsWith("rejected, kept [good]: [cannot read the policy directory");
    }

    @Test
    void filesBackToTheSetInForceClearTheFailure() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "good"));
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, recorder, CLOCK);
        String good = Files.readString(directory.resolve("a.yaml"));

        Files.writeString(directory.resolve("a.yaml"), "version: 2\n");
        watcher.poll();
        watcher.poll();
        assertThat(store.lastFailure()).isPresent();
        Files.writeString(directory.resolve("a.yaml"), good);
        watcher.poll();
        watcher.poll();

        assertThat(store.lastFailure()).isEmpty();
        assertThat(names(store.policies())).containsExactly("good");
    }

    @Test
    void aStartedWatcherReloadsOnItsOwn() throws Exception {
        PolicyStore store = storeOf(rules("a.yaml", "first"));
        try (PolicyDirectoryWatcher watcher = PolicyDirectoryWatcher.start(directory, store, Duration.ofMillis(5),
                recorder)) {
            replaceAtomically("a.yaml", ruleText("second"));

            awaitRules(store, List.of("second"));
        }
        assertThat(heard).containsExactly("reloaded [second]");
    }

    /**
     * Readers take the set in force again and again while a writer flips two files between generations (each file
     * replaced atomically, as deployments should) and a watcher polls every millisecond: every set a reader gets is
     * whole (both files' rules, each file's rules from one generation, the defaults of the first file).
     */
    @Test
    void reloadUnderConcurrentReadersNeverExposesAHalfLoadedSet() throws Exception {
        int rulesPerFile = 20;
        writeGeneration(0, rulesPerFile);
        PolicyStore store = new PolicyStore(LoadedPolicySet.of(PolicyDirectory.load(directory), NOW, List.of()));
        AtomicInteger reloads = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        PolicyReloadListener counter = new PolicyReloadListener() {
            @Override
            public void reloaded(LoadedPolicySet previous, LoadedPolicySet next) {
                reloads.incrementAndGet();
            }

            @Override
            public void rejected(LoadedPolicySet kept, FailedReload failure) {
                violations.add("rejected: " + failure.problems());
            }
        };
        int generations = 40;
        try (PolicyDirectoryWatcher watcher = PolicyDirectoryWatcher.start(directory, store, Duration.ofMillis(1),
                counter); ExecutorService readers = Executors.newFixedThreadPool(3)) {
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < 3; reader++) {
                running.add(readers.submit(() -> {
                    while (writing.get()) {
                        String violation = checkWhole(store.current(), rulesPerFile);
                        reads.incrementAndGet();
                        if (violation != null) {
                            violations.add(violation);
                        }
                    }
                }));
            }
            for (int generation = 1; generation <= generations; generation++) {
                writeGeneration(generation, rulesPerFile);
                Thread.sleep(4);
            }
            awaitGeneration(store, generations);
            writing.set(false);
            for (Future<?> reader : running) {
                reader.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(violations).isEmpty();
        assertThat(reloads.get()).as("reloads while readers read").isGreaterThanOrEqualTo(5);
        assertThat(reads.get()).isGreaterThan(reloads.get());
    }

    private static String checkWhole(LoadedPolicySet loaded, int rulesPerFile) {
        PolicySet set = loaded.set();
        if (!loaded.version().equals(set.version())) {
            return "version " + loaded.version() + " of set " + set.version();
        }
        if (set.rules().size() != 2 * rulesPerFile) {
            return "a set of " + set.rules().size() + " rules";
        }
        if (!set.defaults().unmatched().equals(FieldEffect.DENY)) {
            return "a set without a.yaml's defaults";
        }
        for (String file : List.of("a.yaml", "b.yaml")) {
            List<String> generations = set.rules().stream().filter(rule -> rule.source().equals(file))
                    .map(PolicyRule::description).distinct().toList();
            if (generations.size() != 1) {
                return file + " mixes generations " + generations;
            }
        }
        return null;
    }

    private void writeGeneration(int generation, int rulesPerFile) throws IOException {
        for (String file : List.of("a", "b")) {
            StringBuilder text = new StringBuilder("version: 1\n");
            if (file.equals("a")) {
                text.append("defaults: {unmatched: deny}\n");
            }
            text.append("rules:\n");
            for (int index = 0; index < rulesPerFile; index++) {
                text.append("  - {name: ").append(file).append('-').append(index)
                        .append(", description: 'generation ").append(generation)
                        .append("', subjects: everyone, effect: allow}\n");
            }
            replaceAtomically(file + ".yaml", text.toString());
        }
    }

    private static void awaitGeneration(PolicyStore store, int generation) throws InterruptedException {
        String description = "generation " + generation;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean current = store.policies().rules().stream()
                    .allMatch(rule -> description.equals(rule.description()));
            if (current) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("generation " + generation + " was not loaded within 10 s");
    }

    private static void awaitRules(PolicyStore store, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (names(store.policies()).equals(expected)) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("rules " + expected + " were not loaded within 10 s; in force: "
                + names(store.policies()));
    }

    /** Writes a hidden temporary file and renames it over the target, as careful deployments do. */
    private void replaceAtomically(String file, String text) throws IOException {
        Path temporary = directory.resolve("." + file + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, directory.resolve(file), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private PolicyStore storeOf(Path file) {
        return new PolicyStore(LoadedPolicySet.of(PolicyDirectory.load(directory), NOW,
                List.of(file.getFileName().toString())));
    }

    private Path rules(String file, String ruleName) throws IOException {
        Path path = directory.resolve(file);
        Files.writeString(path, ruleText(ruleName));
        return path;
    }

    private static String ruleText(String ruleName) {
        return PolicyDirectoryTest.rule(ruleName);
    }

    private static List<String> names(PolicySet set) {
        return set.rules().stream().map(PolicyRule::name).toList();
    }
}
