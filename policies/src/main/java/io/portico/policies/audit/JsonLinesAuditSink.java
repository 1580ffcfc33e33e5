package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes each event as one line of JSON ({@link AuditEvent#toJson()}) and flushes it, so that a reader tailing the
 * file sees every event as soon as its request ends. Thread-safe: lines never interleave.
 */
public final class JsonLinesAuditSink implements AuditSink {

    private final Writer writer;
    private boolean closed;

    /** A sink writing to {@code writer}, which it owns and closes. */
    public JsonLinesAuditSink(Writer writer) {
        this.writer = requireNonNull(writer, "writer is null");
    }

    /** A sink appending to {@code file} (UTF-8), created when missing; parent directories are not created. */
    public static JsonLinesAuditSink appendingTo(Path file) {
        try {
            return new JsonLinesAuditSink(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    /** @throws UncheckedIOException when the line cannot be written */
    @Override
    public void record(AuditEvent event) {
        String line = event.toJson();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the audit sink is closed");
            }
            try {
                writer.write(line);
                writer.write('\n');
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the audit event of request " + event.requestId(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit log", e);
        }
    }
}
