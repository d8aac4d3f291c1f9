package io.github.batchtranscode.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial app as a user runs it: the shaded jar with {@code java -jar}, and in-process for the odd cases. */
class TutorialAppIT {
    @TempDir
    Path dir;

    @Test
    void theJarRunsTheTutorialOnTheBundledClips() throws Exception {
        Path jar = Path.of("target", "batch-transcode-examples.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(console).isEqualTo(0);
        assertThat(console).contains("Sample start:", "Success! All 5 tasks completed successfully.", "Elapsed time:");
        assertThat(console.indexOf("Sample start:")).isLessThan(console.indexOf("LowPriVMs-1.mp4 ->"));
        assertThat(console.indexOf("LowPriVMs-5.mp4 ->")).isLessThan(console.indexOf("Success!"));
        assertThat(console).as("a pipe gets no live-line control characters").doesNotContain("\r").doesNotContain("\033");
        assertThat(console).contains("HTML report (timeline per node, failures): " + Path.of("output", "report.html"));
        assertThat(Files.readString(dir.resolve("output/report.html"))).contains("<svg class=\"timeline\"")
                .contains("LowPriVMs-3.mp4");
        for (int i = 1; i <= 5; i++) {
            assertThat(dir.resolve("output/LowPriVMs-" + i + ".mp3")).isNotEmptyFile();
        }
        TranscodeReport report = TranscodeReport.fromJson(Files.readString(dir.resolve("output/report.json")));
        assertThat(report.succeeded()).isEqualTo(5);
        assertThat(report.files()).allMatch(f -> f.status() == FileStatus.SUCCEEDED);
    }

    @Test
    void someFailedFilesExitTwoAndNameTheFailuresWhileTheRestAreWritten() throws Exception {
        SyntheticMedia media = new SyntheticMedia(new FfmpegLocator().locate(null));
        Path in = dir.resolve("in");
        media.clip(in.resolve("good one.mp4"), 2, 440);
        SyntheticMedia.garbage(in.resolve("broken.mp4"), 4096, 7);
        Run run = run("--input", in.toString(), "--output", dir.resolve("out").toString(), "--preset", "aac");
        assertThat(run.exit).isEqualTo(TutorialApp.EXIT_SOME_FAILED);
        assertThat(run.out).doesNotContain("Success!").contains("1 of 2 files failed", "broken.mp4: ffmpeg exited");
        assertThat(dir.resolve("out/good one.m4a")).isNotEmptyFile();
        assertThat(dir.resolve("out/broken.m4a")).doesNotExist();
        assertThat(TranscodeReport.fromJson(Files.readString(dir.resolve("out/report.json"))).failed()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("Failures (1)").contains("broken.mp4");
    }

    @Test
    void aPresetListMakesEveryOutputOfEachInput() throws Exception {
        SyntheticMedia media = new SyntheticMedia(new FfmpegLocator().locate(null));
        Path in = dir.resolve("in");
        media.video(in.resolve("talk.mp4"), 640, 360, 1, true);
        Path out = dir.resolve("out");
        Run run = run("--input", in.toString(), "--output", out.toString(), "--preset", "h264-ladder,thumbnail,mp3");

        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(out.resolve("talk.360p.mp4")).isNotEmptyFile();
        assertThat(out.resolve("talk.jpg")).isNotEmptyFile();
        assertThat(out.resolve("talk.mp3")).isNotEmptyFile();
        TranscodeReport report = TranscodeReport.fromJson(Files.readString(out.resolve("report.json")));
        assertThat(report.files().get(0).outputs()).extracting(o -> o.preset())
                .containsExactly("h264-ladder", "thumbnail", "mp3");
    }

    @Test
    void nothingToRunExitsOneWithAClearError() {
        Run missing = run("--input", dir.resolve("nope").toString(), "--output", dir.resolve("out").toString());
        assertThat(missing.exit).isEqualTo(TutorialApp.EXIT_ERROR);
        assertThat(missing.err).contains("input directory").contains("nope").contains("does not exist");

        Run badFlag = run("--preset", "wav");
        assertThat(badFlag.exit).isEqualTo(TutorialApp.EXIT_ERROR);
        assertThat(badFlag.err).contains("unknown preset 'wav'");
    }

    @Test
    void helpDescribesEveryFlagAndTheExitStatus() {
        Run help = run("--help");
        assertThat(help.exit).isZero();
        assertThat(help.out).contains("--input", "--output", "--backend", "--preset", "--report", "--parallelism",
                "Exit status");
        assertThat(help.out).contains("h264-480p", "h264-720p", "h264-1080p", "h264-ladder", "hls", "webm-720p",
                "thumbnail", "mp3, aac, opus");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new TutorialApp(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
