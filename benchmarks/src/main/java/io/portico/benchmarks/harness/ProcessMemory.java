package io.portico.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Memory of another process on this Linux machine, read from {@code /proc/<pid>/status}. */
final class ProcessMemory {

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

    /** The process id of a running Portico gateway, found by its command line (the gateway jar or main class). */
    static OptionalLong findGateway() {
        Optional<ProcessHandle> gateway = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .filter(line -> line.contains("portico-gateway") || line.contains("io.portico.gateway.PorticoApplication"))
                        .isPresent())
                .findFirst();
        return gateway.map(process -> OptionalLong.of(process.pid())).orElseGet(OptionalLong::empty);
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
