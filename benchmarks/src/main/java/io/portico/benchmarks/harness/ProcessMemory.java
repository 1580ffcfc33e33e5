package io.portico.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Memory of another process on this Linux machine, read from {@code /proc/<pid>/status}. */
final class ProcessMemory {

    private static final Pattern GATEWAY_JAR = Pattern.compile("-jar \\S*portico-gateway-[^/\\s]*\\.jar");

    private ProcessMemory() {
    }

    /** Peak resident set size ({@code VmHWM}) in KiB, or empty if the process or the field is not there. */
    static OptionalLong peakResidentKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** Current resident set size ({@code VmRSS}) in KiB, or empty if the process or the field is not there. */
    static OptionalLong residentKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /**
     * The process id of the one Portico gateway running on this machine, found by its command line (a
     * {@code java ... -jar .../portico-gateway-<version>-exec.jar} or the main class); empty when there is none or more
     * than one, since then only {@code --gateway-pid} can say which.
     */
    static OptionalLong findGateway() {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> gateways = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().commandLine().filter(ProcessMemory::isGateway).isPresent())
                .toList();
        return gateways.size() == 1 ? OptionalLong.of(gateways.getFirst().pid()) : OptionalLong.empty();
    }

    private static boolean isGateway(String commandLine) {
        return GATEWAY_JAR.matcher(commandLine).find() || commandLine.contains(" io.portico.gateway.PorticoApplication");
    }

    private static OptionalLong statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String kib = line.substring(field.length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kib));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }
}
