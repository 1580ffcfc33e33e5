package io.portico.gateway.port;

/**
 * Keeps Arrow Flight on its copying read path. Arrow 18.3's zero-copy read calls
 * {@code io.grpc.internal.ReadableBuffer.readBytes(ByteBuffer)}, which the gRPC version Spring Boot manages no
 * longer has: every Flight read would fail with a {@code NoSuchMethodError} (client and in-process demo ports
 * alike). Arrow reads the switch once, when its {@code ArrowMessage} class initializes, so this must run before
 * any Flight stream: it is called from the application's main class and from every class of this package that
 * touches Flight first. An explicit {@code -Darrow.flight.enable_zero_copy_read=...} wins.
 */
public final class FlightReadPath {

    /** Arrow's system property for the zero-copy read path. */
    public static final String ZERO_COPY_READ = "arrow.flight.enable_zero_copy_read";

    private FlightReadPath() {
    }

    /** Chooses the copying read path unless the JVM was told otherwise. */
    public static void useCopyingReads() {
        if (System.getProperty(ZERO_COPY_READ) == null) {
            System.setProperty(ZERO_COPY_READ, "false");
        }
    }
}
