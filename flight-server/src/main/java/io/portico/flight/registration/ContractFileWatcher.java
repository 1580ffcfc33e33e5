package io.portico.flight.registration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a contract file ({@link WatchService} on its directory) and hands its new text to a listener when it
 * changed: after a quiet period (the debounce: editors and {@code cp} write a file in several steps, and replace it
 * by a rename), and only when the text differs from the last one handed over (or read at start). A file that is
 * deleted, or cannot be read, is skipped until it is back. The listener runs on the watcher's thread.
 */
public final class ContractFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContractFileWatcher.class);

    private final Path file;
    private final Duration quietPeriod;
    private final Consumer<String> listener;
    private final WatchService watcher;
    private final Thread thread;
    private String lastText;

    private ContractFileWatcher(Path file, Duration quietPeriod, Consumer<String> listener, WatchService watcher,
            String initialText) {
        this.file = file;
        this.quietPeriod = quietPeriod;
        this.listener = listener;
        this.watcher = watcher;
        this.lastText = initialText;
        this.thread = new Thread(this::run, "contract-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code file}.
     *
     * @param quietPeriod how long the file must stay unchanged before its text is handed over
     * @param listener    receives each changed text
     */
    public static ContractFileWatcher start(Path file, Duration quietPeriod, Consumer<String> listener) {
        requireNonNull(file, "file is null");
        requireNonNull(quietPeriod, "quietPeriod is null");
        requireNonNull(listener, "listener is null");
        Path absolute = file.toAbsolutePath().normalize();
        try {
            WatchService watcher = FileSystems.getDefault().newWatchService();
            absolute.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            ContractFileWatcher contractWatcher = new ContractFileWatcher(absolute, quietPeriod, listener, watcher,
                    read(absolute));
            contractWatcher.thread.start();
            LOG.info("watching {} for changes", absolute);
            return contractWatcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the contract file " + absolute, e);
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean touched = drain(key);
                // Debounce: wait until the directory has been quiet for the whole period.
                WatchKey more;
                while ((more = watcher.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    touched |= drain(more);
                }
                if (touched) {
                    handOver();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("stopped watching {}", file);
        }
    }

    /** Whether the key's events concern the contract file; resets the key. */
    private boolean drain(WatchKey key) {
        boolean touched = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(event.context())) {
                touched = true;
            }
        }
        key.reset();
        return touched;
    }

    private void handOver() {
        String text;
        try {
            text = read(file);
        } catch (NoSuchFileException e) {
            LOG.warn("the contract file {} is gone; the port keeps its current contract until it is back", file);
            return;
        } catch (IOException e) {
            LOG.warn("cannot read the contract file {}: {}; the port keeps its current contract", file, e.getMessage());
            return;
        }
        if (text.equals(lastText)) {
            return;
        }
        lastText = text;
        try {
            listener.accept(text);
        } catch (RuntimeException e) {
            LOG.error("handling the changed contract file {} failed", file, e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service of {} failed: {}", file, e.getMessage());
        }
        thread.interrupt();
    }
}
