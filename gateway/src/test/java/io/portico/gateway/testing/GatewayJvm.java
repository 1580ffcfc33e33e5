package io.portico.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway ({@code PorticoApplication}, not the demo) started as a separate OS process on the test class path,
 * with the JVM options the gateway needs (Arrow's, and a small client-compiled JVM for quick starts on two cores),
 * for the tests that kill one or run several.
 */
public final class GatewayJvm {

    private GatewayJvm() {
    }

    /** A free loopback port for the process's HTTP server. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the gateway on {@code httpPort} with {@code arguments} (Spring Boot's {@code --key=value}) and at most
     * {@code maxHeap} of heap (e.g. {@code 384m}), in {@code workingDirectory}, its output appended to {@code log}.
     */
    public static Process start(Path workingDirectory, int httpPort, String maxHeap, List<String> arguments, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-Darrow.flight.enable_zero_copy_read=false", "-Duser.timezone=UTC", "-Xss2m",
                "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "io.portico.gateway.PorticoApplication",
                "--server.port=" + httpPort));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
