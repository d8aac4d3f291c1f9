package io.github.batchtranscode.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU seconds spent during one emulated run by what shares the machine with the client and would not run on the
 * user's machine against real Azure: Azurite's Node.js process (a child of this JVM whose command line names
 * Azurite, as B2 finds it), the Batch emulator's threads in this
 * JVM, and the node processes (bash, ffmpeg) the emulator ran, counted as this JVM's reaped children
 * ({@code cutime + cstime} of {@code /proc/self/stat}); and the client's share of the JVM.
 *
 * @param azurite     Azurite's CPU seconds (0 when it runs in a container: not a child)
 * @param emulator    the emulator threads' CPU seconds
 * @param client      the rest of this JVM: the library, the SDKs, the JIT and the collector
 * @param nodes       the node processes' CPU seconds (ffmpeg included)
 * @param wallSeconds the run's wall time
 */
record ColocatedCpu(double azurite, double emulator, double client, double nodes, double wallSeconds) {
    /** A reading to subtract from a later one. */
    record Mark(double azurite, CpuTimes jvm, double children, long nanos) {
        static Mark now() {
            return new Mark(azuriteSeconds(), CpuTimes.now(), reapedChildrenSeconds(), System.nanoTime());
        }
    }

    static ColocatedCpu since(Mark start) {
        Mark end = Mark.now();
        CpuTimes jvm = end.jvm().minus(start.jvm());
        return new ColocatedCpu(end.azurite() - start.azurite(), jvm.emulatorSeconds(), jvm.clientSeconds(),
                end.children() - start.children(), (end.nanos() - start.nanos()) / 1e9);
    }

    /** One table row: the seconds, and Azurite's and the emulator's share of the cores over the wall time. */
    String row(int run, int cores) {
        double cap = cores * wallSeconds;
        return String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f %% |", run, wallSeconds,
                azurite, emulator, client, nodes, 100 * (azurite + emulator) / cap);
    }

    static String header() {
        return "| run | wall (s) | Azurite CPU (s) | emulator threads CPU (s) | client JVM CPU (s) |"
                + " node processes CPU (s) | Azurite + emulator share of the cores |";
    }

    private static double azuriteSeconds() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("azurite"))
                .mapToDouble(h -> h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    private static double reapedChildrenSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // cutime, cstime in USER_HZ
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
