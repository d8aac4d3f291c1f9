package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * B1: the local backend against {@code xargs -P <cores> ffmpeg} and sequential ffmpeg, on 16 clips of 20 s, the
 * three interleaved in every repetition (the order rotates) so they see the same machine load.
 */
final class LocalBench {
    private final Lab lab;

    LocalBench(Lab lab) {
        this.lab = lab;
    }

    Outcome run() throws Exception {
        Path in = lab.clips();
        int cores = lab.cores();
        ShellBaseline shell = new ShellBaseline(lab.ffmpeg().ffmpeg());
        List<Double> ours = new ArrayList<>();
        List<Double> xargs = new ArrayList<>();
        List<Double> seq = new ArrayList<>();
        List<Double> vsXargs = new ArrayList<>();
        List<Double> vsSeq = new ArrayList<>();
        lab.log("B1 warm-up");
        library(in, cores);
        for (int r = 0; r < lab.runs(); r++) {
            double o = 0;
            double x = 0;
            double s = 0;
            for (int k = 0; k < 3; k++) {
                switch ((r + k) % 3) {
                    case 0 -> o = library(in, cores);
                    case 1 -> x = shell.run(in, lab.dir("b1-xargs"), cores);
                    default -> s = shell.run(in, lab.dir("b1-seq"), 1);
                }
            }
            lab.log("B1 run %d: library %.2f s, xargs -P %d %.2f s, sequential %.2f s", r + 1, o, cores, x, s);
            ours.add(o);
            xargs.add(x);
            seq.add(s);
            vsXargs.add(o / x);
            vsSeq.add(s / o);
        }
        Samples ratio = Samples.of(vsXargs);
        Samples speedup = Samples.of(vsSeq);
        boolean met = ratio.median() <= 1.10 && (cores != 2 || speedup.median() >= 1.8);
        Row row = new Row("B1", "local backend, " + Lab.CLIPS + " clips × " + Lab.CLIP_LENGTH.toSeconds() + " s, "
                + cores + " workers", Samples.of(ours).format(2, "s"),
                "xargs -P " + cores + ": " + Samples.of(xargs).format(2, "s") + "; sequential: "
                        + Samples.of(seq).format(2, "s"),
                ratio.format(2) + "× xargs; " + speedup.format(2) + "× faster than sequential",
                "≤ 1.10× xargs; ≥ 1.8× sequential on 2 cores", met);
        List<String> detail = List.of(
                "Wall time from `session.transcode(request)` to the report, MP3 preset, outputs verified (from ffmpeg's own"
                        + " stream report and `-progress`: no ffprobe for a good file), `parallelism(" + cores + ")`; one warm-up run not counted.",
                "Baselines: `" + shell.describe(Integer.toString(cores)) + "` and the same with `-P 1`, the clip names"
                        + " on stdin. Each repetition runs all three, rotating the order.",
                "",
                "| repetition | library (s) | xargs -P " + cores + " (s) | sequential (s) | library ÷ xargs |"
                        + " sequential ÷ library |",
                "|---|---|---|---|---|---|");
        List<String> lines = new ArrayList<>(detail);
        for (int i = 0; i < ours.size(); i++) {
            lines.add(String.format(java.util.Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.3f | %.2f |", i + 1,
                    ours.get(i), xargs.get(i), seq.get(i), vsXargs.get(i), vsSeq.get(i)));
        }
        return new Outcome(row, lines);
    }

    private double library(Path in, int cores) throws Exception {
        Path out = lab.dir("b1-library");
        try (TranscodeSession session = TranscodeSession.builder().parallelism(cores).ffmpeg(lab.ffmpeg().ffmpeg())
                .build()) {
            TranscodeRequest request = TranscodeRequest.builder().inputDirectory(in).formats(OutputFormat.of(Preset.MP3))
                    .outputDirectory(out).build();
            long start = System.nanoTime();
            TranscodeReport report = session.transcode(request);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.failed() > 0 || report.succeeded() != Lab.CLIPS) {
                throw new IllegalStateException("the local backend did not transcode every clip: " + report.failedFiles());
            }
            return seconds;
        }
    }
}
