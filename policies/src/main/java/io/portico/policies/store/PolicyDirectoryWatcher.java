package io.portico.policies.store;

import static java.util.Objects.requireNonNull;

import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.parse.PolicyProblem;
import io.portico.policies.parse.PolicySource;
import io.portico.policies.parse.PolicyValidationException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads a {@link PolicyStore} from a {@link PolicyDirectory} when its files change, by polling (more dependable
 * than a {@code WatchService} on container volumes and network file systems).
 *
 * <p>Each poll lists the policy files with their sizes and modification times. A change is acted on once it has
 * settled, that is when two consecutive polls see the same listing, so a file caught half-written is not read.
 * Then the files are read; when their content digest is the version in force, nothing happens (a touched file);
 * else the set is parsed and, when valid and accepted by the watcher's {@link SetCheck}, put in force
 * ({@link PolicyReloadListener#reloaded}). An invalid or
 * unreadable set, or a directory left without policy files, is refused: the set in force stays, the store records
 * the failure and the listener hears why ({@link PolicyReloadListener#rejected}). A refused set is not retried
 * until the files change again.
 *
 * <p>Editing files one by one in place can expose, for one poll, a mix of old and new files; write each file
 * atomically (write elsewhere, then rename), or swap the whole directory (a symbolic link, as Kubernetes does for
 * ConfigMaps) when several files must change together.
 */
public final class PolicyDirectoryWatcher implements Closeable {

    /**
     * What a valid set must also satisfy before it is put in force, beyond the files themselves (e.g. its
     * relationship-scoped row filters against the registry); a set with a problem is refused like an invalid one.
     */
    @FunctionalInterface
    public interface SetCheck {

        /** Accepts every set. */
        SetCheck NONE = set -> List.of();

        /** The problems of {@code set}; empty when it may be put in force. */
        List<PolicyProblem> problems(PolicySet set);
    }

    private final Path directory;
    private final PolicyStore store;
    private final PolicyReloadListener listener;
    private final Clock clock;
    private final SetCheck check;
    private ScheduledExecutorService scheduler;

    private List<FileStamp> acted;
    private List<FileStamp> pending;

    /** A watcher that polls only when {@link #poll()} is called (tests); {@link #start} polls on a schedule. */
    public PolicyDirectoryWatcher(Path directory, PolicyStore store, PolicyReloadListener listener, Clock clock) {
        this(directory, store, listener, clock, SetCheck.NONE);
    }

    /** A watcher that polls only when {@link #poll()} is called, and puts in force only sets {@code check} accepts. */
    public PolicyDirectoryWatcher(Path directory, PolicyStore store, PolicyReloadListener listener, Clock clock,
            SetCheck check) {
        this.directory = requireNonNull(directory, "directory is null");
        this.store = requireNonNull(store, "store is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.check = requireNonNull(check, "check is null");
    }

    /**
     * Starts polling {@code directory} every {@code interval} on a daemon thread, reloading {@code store}. A change
     * is in force after one to two intervals. Close the watcher to stop.
     */
    public static PolicyDirectoryWatcher start(Path directory, PolicyStore store, Duration interval,
            PolicyReloadListener listener) {
        return start(directory, store, interval, listener, SetCheck.NONE);
    }

    /** {@link #start(Path, PolicyStore, Duration, PolicyReloadListener)}, putting in force only sets {@code check} accepts. */
    public static PolicyDirectoryWatcher start(Path directory, PolicyStore store, Duration interval,
            PolicyReloadListener listener, SetCheck check) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(directory, store, listener, Clock.systemUTC(),
                check);
        watcher.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "portico-policy-watcher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        watcher.scheduler.scheduleWithFixedDelay(watcher::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    /**
     * Looks at the directory once and acts on a settled change.
     *
     * @return true when a new set was put in force
     */
    public synchronized boolean poll() {
        List<FileStamp> stamps = stamps();
        if (stamps.equals(acted)) {
            pending = null;
            return false;
        }
        if (!stamps.equals(pending)) {
            pending = stamps;
            return false;
        }
        pending = null;
        acted = stamps;
        return load();
    }

    private boolean load() {
        LoadedPolicySet current = store.current();
        List<PolicySource> sources;
        try {
            sources = PolicyDirectory.read(directory);
        } catch (IOException e) {
            return reject(List.of(ioProblem(e)), current);
        } catch (PolicyValidationException e) {
            return reject(e.problems(), current);
        }
        if (!sources.isEmpty() && PolicyParser.version(sources).equals(current.version())) {
            store.replace(current); // the files are back to the set in force: no failure stands
            return false;
        }
        PolicySet set;
        try {
            set = PolicyParser.parse(sources);
        } catch (PolicyValidationException e) {
            return reject(e.problems(), current);
        }
        List<PolicyProblem> problems = check.problems(set);
        if (!problems.isEmpty()) {
            return reject(problems, current);
        }
        LoadedPolicySet next = LoadedPolicySet.of(set, clock.instant(),
                sources.stream().map(PolicySource::name).toList());
        store.replace(next);
        listener.reloaded(current, next);
        return true;
    }

    private boolean reject(List<PolicyProblem> problems, LoadedPolicySet current) {
        FailedReload failure = new FailedReload(clock.instant(), problems);
        store.reject(failure);
        listener.rejected(current == null ? store.current() : current, failure);
        return false;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            reject(List.of(new PolicyProblem("", "$", "reloading failed: " + e, "a readable policy directory")),
                    null);
        }
    }

    /**
     * What the directory looks like now; an unreadable directory is a listing of its own, so that it is reported
     * once when it becomes unreadable, not at every poll.
     */
    private List<FileStamp> stamps() {
        try {
            List<FileStamp> stamps = new ArrayList<>();
            for (Path file : PolicyDirectory.files(directory)) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(new FileStamp(file.getFileName().toString(), attributes.size(),
                        attributes.lastModifiedTime(), attributes.fileKey()));
            }
            return stamps;
        } catch (IOException e) {
            return List.of(new FileStamp("unreadable: " + e, -1, FileTime.fromMillis(0), null));
        }
    }

    private PolicyProblem ioProblem(IOException e) {
        return new PolicyProblem("", "$", "cannot read the policy directory " + directory + ": " + e,
                "a readable directory of policy files");
    }

    /** Stops polling; a poll under way finishes. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** What a poll sees of one file. */
    private record FileStamp(String name, long size, FileTime modified, Object fileKey) {
    }
}
