package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * B7: the {@code h264-ladder} preset on 720p clips with the local backend against {@code xargs -P <cores>} running
 * the very same ffmpeg argument lists ({@link VideoPlan}, same binary), interleaved in every repetition; and the
 * single-rendition {@code h264-720p} throughput in frames per second against plain ffmpeg with the same arguments.
 */
final class VideoBench {
    static final int CLIPS = 6;
    static final int SECONDS = 4;
    static final int FPS = 24;
    private final Lab lab;

    VideoBench(Lab lab) {
        this.lab = lab;
    }

    Outcome run() throws Exception {
        Path in = lab.dir("b7-clips");
        SampleMedia media = SampleMedia.using(lab.ffmpeg());
        for (int i = 1; i <= CLIPS; i++) {
            media.video(in.resolve(String.format(Locale.ROOT, "clip-%02d.mp4", i)), 1280, 720,
                    Duration.ofSeconds(SECONDS), true);
        }
        MediaProbe.Video source = new MediaProbe(lab.ffmpeg().ffprobe()).probe(in.resolve("clip-01.mp4")).video();
        String encoder = Encoders.of(lab.ffmpeg().ffmpeg()).h264();
        int cores = lab.cores();
        List<Double> ladder = new ArrayList<>();
        List<Double> xargs = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> fpsOurs = new ArrayList<>();
        List<Double> fpsPlain = new ArrayList<>();
        lab.log("B7 warm-up");
        library(in, Preset.H264_LADDER, cores);
        for (int r = 0; r < lab.runs(); r++) {
            double o;
            double x;
            if (r % 2 == 0) {
                o = library(in, Preset.H264_LADDER, cores);
                x = shell(in, Preset.H264_LADDER, source, encoder, cores);
            } else {
                x = shell(in, Preset.H264_LADDER, source, encoder, cores);
                o = library(in, Preset.H264_LADDER, cores);
            }
            double frames = (double) CLIPS * SECONDS * FPS;
            double single = library(in, Preset.H264_720P, 1);
            double plain = shell(in, Preset.H264_720P, source, encoder, 1);
            lab.log("B7 run %d: ladder library %.2f s, xargs -P %d %.2f s; 720p library %.1f fps, ffmpeg %.1f fps",
                    r + 1, o, cores, x, frames / single, frames / plain);
            ladder.add(o);
            xargs.add(x);
            ratio.add(o / x);
            fpsOurs.add(frames / single);
            fpsPlain.add(frames / plain);
        }
        Samples rat = Samples.of(ratio);
        Row row = new Row("B7", "video: `h264-ladder` on " + CLIPS + " clips 1280×720 × " + SECONDS + " s (" + encoder
                + "), " + cores + " workers; `h264-720p` fps, 1 worker", Samples.of(ladder).format(2, "s") + "; 720p: "
                + Samples.of(fpsOurs).format(1, "fps"), "xargs -P " + cores + ": " + Samples.of(xargs).format(2, "s")
                + "; plain ffmpeg 720p: " + Samples.of(fpsPlain).format(1, "fps"), rat.format(2) + "× xargs",
                "≤ 1.10× xargs", rat.median() <= 1.10);
        List<String> lines = new ArrayList<>(List.of(
                "Wall time from `session.transcode(request)` to the report, outputs verified (ffprobe of the input,"
                        + " of each rendition), `parallelism(" + cores + ")`; one warm-up run not counted. The ladder"
                        + " of a 720p source is 720p, 480p and 360p from one ffmpeg process per clip.",
                "Baseline: `xargs -P " + cores + "` running the same argument list per clip (`VideoPlan`, same"
                        + " binary, `-I{}` substituting the clip name). fps = " + CLIPS + " × " + SECONDS + " s × "
                        + FPS + " frames ÷ wall time, library with `parallelism(1)` and `xargs -P 1`.",
                "",
                "| repetition | ladder, library (s) | ladder, xargs (s) | library ÷ xargs | 720p library (fps) |"
                        + " 720p ffmpeg (fps) |",
                "|---|---|---|---|---|---|"));
        for (int i = 0; i < ladder.size(); i++) {
            lines.add(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %.1f | %.1f |", i + 1, ladder.get(i),
                    xargs.get(i), ratio.get(i), fpsOurs.get(i), fpsPlain.get(i)));
        }
        return new Outcome(row, lines);
    }

    private double library(Path in, Preset preset, int workers) throws Exception {
        Path out = lab.dir("b7-library");
        try (TranscodeSession session = TranscodeSession.builder().parallelism(workers).ffmpeg(lab.ffmpeg().ffmpeg())
                .build()) {
            TranscodeRequest request = TranscodeRequest.builder().inputDirectory(in).formats(OutputFormat.of(preset))
                    .outputDirectory(out).build();
            long start = System.nanoTime();
            TranscodeReport report = session.transcode(request);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.failed() > 0 || report.succeeded() != CLIPS) {
                throw new IllegalStateException("the local backend did not transcode every clip: " + report.failedFiles());
            }
            return seconds;
        }
    }

    private double shell(Path in, Preset preset, MediaProbe.Video source, String encoder, int parallel)
            throws Exception {
        Path out = lab.dir("b7-xargs");
        List<String> targets = VideoPlan.rungs(preset, source.height()).stream()
                .map(r -> out.resolve("{}." + r[1] + "p.mp4").toString()).toList();
        VideoPlan plan = VideoPlan.of(preset, in.resolve("{}.mp4").toString(), source, true, encoder, targets);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= CLIPS; i++) {
            names.add(String.format(Locale.ROOT, "clip-%02d", i));
        }
        return ShellBaseline.xargs(out.resolveSibling("b7-xargs.list"), names, parallel,
                plan.argv(lab.ffmpeg().ffmpeg().toString()));
    }
}
