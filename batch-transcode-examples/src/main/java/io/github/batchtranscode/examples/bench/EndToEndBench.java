package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * B6: the tutorial end to end on the Batch emulator with real ffmpeg (stage, pool, job, tasks, monitor, download,
 * verify, delete the input container and the job), against the same clips through the local backend, with as many
 * slots as cores. Overhead = (wall − ffmpeg work ÷ slots) ÷ wall, where the ffmpeg work is sequential ffmpeg over
 * the same clips measured in the same repetition.
 */
final class EndToEndBench {
    private static final Duration POLL = Duration.ofMillis(500);
    private final Lab lab;
    private final List<String> whereTimeWent = new ArrayList<>();
    private final List<ColocatedCpu> cpu = new ArrayList<>();
    private TaskBreakdown breakdown;
    private TranscodeReport lastReport;

    EndToEndBench(Lab lab) {
        this.lab = lab;
    }

    Outcome run() throws Exception {
        Path in = lab.clips();
        int slots = lab.cores();
        ShellBaseline shell = new ShellBaseline(lab.ffmpeg().ffmpeg());
        List<Double> emu = new ArrayList<>();
        List<Double> local = new ArrayList<>();
        List<Double> work = new ArrayList<>();
        breakdown = new TaskBreakdown(slots);
        Path tools = TaskBreakdown.tools(lab.dir("b6-tools"), lab.ffmpeg().ffmpeg(), lab.ffmpeg().ffprobe());
        try (Emulated batch = Emulated.start(lab.azurite(), slots, 1, b -> b.ffmpegDirectory(tools))) {
            lab.log("B6 warm-up (creates the pool, runs its start task)");
            emulator(batch, in, false);
            local(in, slots);
            for (int r = 0; r < lab.runs(); r++) {
                double e = 0;
                double l = 0;
                double w = 0;
                for (int k = 0; k < 3; k++) {
                    switch ((r + k) % 3) {
                        case 0 -> e = emulator(batch, in, true);
                        case 1 -> l = local(in, slots);
                        default -> w = shell.run(in, lab.dir("b6-seq"), 1);
                    }
                }
                lab.log("B6 run %d: emulator %.2f s, local %.2f s, ffmpeg work %.2f s (÷ %d = %.2f s)", r + 1, e, l, w,
                        slots, w / slots);
                emu.add(e);
                local.add(l);
                work.add(w);
            }
        }
        List<Double> emuOver = overhead(emu, work, slots);
        List<Double> localOver = overhead(local, work, slots);
        Samples eo = Samples.of(emuOver);
        Row row = new Row("B6", "tutorial end to end on the emulator, real ffmpeg, " + Lab.CLIPS + " clips, " + slots
                + " slots", Samples.of(emu).format(2, "s") + ", overhead " + eo.format(1, "%"),
                "local backend: " + Samples.of(local).format(2, "s") + ", overhead " + Samples.of(localOver).format(1, "%")
                        + "; ffmpeg work ÷ " + slots + ": " + Samples.of(work.stream().map(w -> w / slots).toList())
                        .format(2, "s"), "overhead " + eo.format(1, "%"), "overhead ≤ 15 %", eo.median() <= 15);
        List<String> lines = new ArrayList<>(List.of(
                "Emulator: `TranscodeSession` with `AzureOptions` on the Batch emulator (" + slots + " nodes × 1 slot,"
                        + " tasks run the library's node script and the bundled ffmpeg) and Azurite; poll every "
                        + POLL.toMillis() + " ms (as `TutorialApp --backend emulator`), outputs verified on the node"
                        + " and downloaded; the input container and the job are deleted at the end, the pool is"
                        + " reused. Local: `parallelism(" + slots + ")`. One warm-up run of each not counted.",
                "ffmpeg work: sequential ffmpeg (`xargs -P 1`, same arguments) over the same clips in the same"
                        + " repetition. Overhead = (wall − work ÷ slots) ÷ wall.",
                "",
                "| repetition | emulator (s) | local (s) | ffmpeg work (s) | work ÷ slots (s) | emulator overhead |"
                        + " local overhead |",
                "|---|---|---|---|---|---|---|"));
        for (int i = 0; i < emu.size(); i++) {
            lines.add(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.1f %% | %.1f %% |", i + 1,
                    emu.get(i), local.get(i), work.get(i), work.get(i) / slots, emuOver.get(i), localOver.get(i)));
        }
        lines.add("");
        lines.add("Where the emulator runs' time went (`report.timeline()`, seconds; the warm-up run first):");
        lines.add("");
        whereTimeWent.forEach(w -> lines.add("- " + w));
        lines.add("");
        lines.add("CPU used during each counted emulator run by what would not run on the user's machine against"
                + " real Azure (Azurite's Node.js process, the emulator's threads, the node processes as reaped children of"
                + " the JVM, ffmpeg included) and by the client's share of the JVM; the share is of " + slots
                + " cores × wall:");
        lines.add("");
        lines.add(ColocatedCpu.header());
        lines.add("|---|---|---|---|---|---|---|");
        for (int i = 0; i < cpu.size(); i++) {
            lines.add(cpu.get(i).row(i + 1, slots));
        }
        lines.add("");
        lines.add("Where each task's slot time went (`BatchEmulator.taskSpans()`, the emulator's own clock; ffmpeg's own"
                + " start and end from a wrapper on the nodes' PATH; medians [min–max] over the repetitions):");
        lines.add("");
        lines.addAll(breakdown.table());
        return new Outcome(row, lines);
    }

    private static List<Double> overhead(List<Double> wall, List<Double> work, int slots) {
        List<Double> o = new ArrayList<>();
        for (int i = 0; i < wall.size(); i++) {
            o.add(100 * (wall.get(i) - work.get(i) / slots) / wall.get(i));
        }
        return o;
    }

    private double emulator(Emulated batch, Path in, boolean counted) throws Exception {
        Path out = lab.dir("b6-emulator");
        batch.emulator().clearTaskSpans();
        try (TranscodeSession session = TranscodeSession.builder().azure(batch.options("b6-in", "b6-out",
                new CleanupPolicy(true, true, false), POLL).build()).build()) {
            ColocatedCpu.Mark mark = ColocatedCpu.Mark.now();
            double seconds = timed(session, in, out, "the emulator");
            ColocatedCpu used = ColocatedCpu.since(mark);
            TranscodeReport r = lastReport;
            lab.log("B6 emulator run CPU: Azurite %.2f s, emulator threads %.2f s, client JVM %.2f s, node processes"
                    + " %.2f s over %.2f s wall", used.azurite(), used.emulator(), used.client(), used.nodes(),
                    used.wallSeconds());
            String where = String.format(Locale.ROOT, "critical path %s; busy %s", r.timeline().criticalPathSeconds(),
                    r.timeline().busySeconds());
            lab.log("B6 emulator run: %s", where);
            if (counted) {
                cpu.add(used);
                whereTimeWent.add(where);
                breakdown.add(r.jobId(), batch.emulator().taskSpans(), batch.emulator().workDir());
            }
            return seconds;
        }
    }

    private double local(Path in, int slots) throws Exception {
        Path out = lab.dir("b6-local");
        try (TranscodeSession session = TranscodeSession.builder().parallelism(slots).ffmpeg(lab.ffmpeg().ffmpeg())
                .build()) {
            return timed(session, in, out, "the local backend");
        }
    }

    private double timed(TranscodeSession session, Path in, Path out, String where) {
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(in).formats(OutputFormat.of(Preset.MP3)).outputDirectory(out)
                .build();
        long start = System.nanoTime();
        TranscodeReport report = session.transcode(request);
        double seconds = (System.nanoTime() - start) / 1e9;
        lastReport = report;
        if (report.failed() > 0 || report.succeeded() != Lab.CLIPS) {
            throw new IllegalStateException(where + " did not transcode every clip: " + report.failedFiles());
        }
        return seconds;
    }
}
