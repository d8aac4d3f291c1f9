package io.github.batchtranscode.examples.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the benchmarks of issue 6 side by side with their baselines, prints a table and rewrites the generated parts
 * of {@code BENCHMARKS.md}.
 *
 * <pre>
 * java -cp batch-transcode-examples/target/batch-transcode-examples.jar \
 *     io.github.batchtranscode.examples.bench.Benchmarks [B1 … B7, B10] [--runs N] [--file BENCHMARKS.md] [--no-write]
 * </pre>
 *
 * Without names, all of them run. Programs that print measurements, not tests: nothing here asserts a time.
 */
public final class Benchmarks {
    static final List<String> ALL = List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B10");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Set<String> chosen = new LinkedHashSet<>();
        int runs = 3;
        Path file = defaultFile();
        boolean write = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                case "--file" -> file = Path.of(value(args, ++i, a));
                case "--no-write" -> write = false;
                case "-h", "--help" -> {
                    out.println("usage: Benchmarks [B1 … B7, B10] [--runs N (default 3)] [--file BENCHMARKS.md] [--no-write]");
                    return;
                }
                default -> {
                    String id = a.toUpperCase(Locale.ROOT);
                    if (!ALL.contains(id)) {
                        System.err.println("unknown benchmark or option: " + a + "; known: " + ALL);
                        System.exit(64);
                    }
                    chosen.add(id);
                }
            }
        }
        if (runs < 1) {
            System.err.println("--runs must be at least 1");
            System.exit(64);
        }
        List<String> ids = chosen.isEmpty() ? ALL : List.copyOf(chosen);
        List<Outcome> outcomes = new ArrayList<>();
        try (Lab lab = new Lab(runs, out)) {
            for (String id : ids) {
                out.println("== " + id);
                outcomes.add(run(id, lab));
            }
            out.println();
            out.println(BenchmarksFile.HEADER);
            outcomes.forEach(o -> out.println(o.row().markdown()));
            if (write) {
                BenchmarksFile target = new BenchmarksFile(file);
                target.update(Machine.describe(lab, ids), Machine.measured(lab, ("Benchmarks " + String.join(" ",
                        args)).trim()), outcomes);
                out.println("updated " + target.path().toAbsolutePath());
            }
        }
        System.exit(0); // the Azure SDKs leave non-daemon threads behind
    }

    private static Outcome run(String id, Lab lab) throws Exception {
        return switch (id) {
            case "B1" -> new LocalBench(lab).run();
            case "B2" -> new StagingBench(lab).run();
            case "B3" -> new FanOutBench(lab).run();
            case "B4" -> new MonitorBench(lab).run();
            case "B5" -> new MemoryBench(lab).run();
            case "B6" -> new EndToEndBench(lab).run();
            case "B7" -> new VideoBench(lab).run();
            case "B10" -> new ScaleBench(lab).run();
            default -> throw new IllegalArgumentException(id);
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(64);
        }
        return args[i];
    }

    /** {@code BENCHMARKS.md} at the reactor root: the working directory, or its parent when run in the module. */
    private static Path defaultFile() {
        Path here = Path.of("").toAbsolutePath();
        if (here.getFileName() != null && here.getFileName().toString().equals("batch-transcode-examples")
                && Files.exists(here.resolveSibling("pom.xml"))) {
            return here.resolveSibling("BENCHMARKS.md");
        }
        return here.resolve("BENCHMARKS.md");
    }
}
