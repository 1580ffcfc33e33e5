package io.portico.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the gateway process on this Linux machine: its Java heap after a full GC ({@code jcmd <pid> GC.run},
 * then {@code GC.heap_info}), and its resident set ({@code VmRSS}, {@code VmHWM} from {@code /proc/<pid>/status}).
 *
 * @param pid the gateway's process id
 */
record GatewayProcess(long pid) {

    /** {@code garbage-first heap   total reserved 6291456K, committed 262144K, used 123456K} (JDK 21+). */
    private static final Pattern HEAP = Pattern.compile(
            "heap\\s+total(?: reserved \\d+K,)?(?: committed)? (\\d+)K, used (\\d+)K");

    /** {@code Total: reserved=123KB, committed=45KB} of {@code VM.native_memory summary}. */
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    /** {@code -                 Java Heap (reserved=123KB, committed=45KB)}. */
    private static final Pattern NMT_CATEGORY = Pattern.compile(
            "(?m)^-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    /**
     * The heap after a full collection.
     *
     * @param usedKib      live data after the collection
     * @param committedKib heap the JVM holds
     * @param report       what {@code GC.heap_info} printed
     */
    record Heap(long usedKib, long committedKib, String report) {
    }

    /** Runs a full GC in the gateway, then reads its heap; empty when jcmd is missing or fails. */
    Optional<Heap> heapAfterFullGc() {
        Optional<String> collected = jcmd("GC.run");
        if (collected.isEmpty()) {
            return Optional.empty();
        }
        return jcmd("GC.heap_info").flatMap(report -> {
            Matcher matcher = HEAP.matcher(report);
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Optional.of(new Heap(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(1)),
                    report.strip()));
        });
    }

    /** Starts a Java Flight Recorder recording (profile settings) in the gateway; false when jcmd failed. */
    boolean startRecording(java.nio.file.Path file) {
        return jcmd("JFR.start", "name=portico-scale", "settings=profile", "filename=" + file.toAbsolutePath())
                .isPresent();
    }

    /** Stops the recording {@link #startRecording} started and writes it to its file. */
    boolean stopRecording() {
        return jcmd("JFR.stop", "name=portico-scale").isPresent();
    }

    /**
     * The gateway's native memory by category, committed KiB, largest first, with {@code Total} first; empty unless
     * the gateway runs with {@code -XX:NativeMemoryTracking=summary} (or detail).
     */
    List<Map.Entry<String, Long>> nativeMemory() {
        Optional<String> report = jcmd("VM.native_memory", "summary");
        if (report.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, Long>> categories = new java.util.ArrayList<>();
        Matcher total = NMT_TOTAL.matcher(report.get());
        if (!total.find()) {
            return List.of();
        }
        Matcher category = NMT_CATEGORY.matcher(report.get());
        while (category.find()) {
            categories.add(Map.entry(category.group(1).strip(), Long.parseLong(category.group(2))));
        }
        categories.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        categories.addFirst(Map.entry("Total", Long.parseLong(total.group(1))));
        return categories;
    }

    OptionalLong residentKib() {
        return statusField("VmRSS:");
    }

    OptionalLong peakResidentKib() {
        return statusField("VmHWM:");
    }

    private Optional<String> jcmd(String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        try {
            List<String> commandLine = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            commandLine.addAll(List.of(command));
            Process process = new ProcessBuilder(commandLine)
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private OptionalLong statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).replace("kB", "").trim()));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }
}
