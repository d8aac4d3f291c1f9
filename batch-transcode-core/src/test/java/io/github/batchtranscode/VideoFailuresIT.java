package io.github.batchtranscode;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when video goes wrong: truncated sources, missing audio, missing encoders, name clashes. */
class VideoFailuresIT {
    @TempDir
    static Path dir;
    static TranscodeSession session;

    @BeforeAll
    static void start() {
        session = TranscodeSession.builder().parallelism(2).build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void aTruncatedSourceThatFfmpegEncodesWithExitZeroFailsVerificationAndTheGoodFileSucceeds() throws IOException {
        Path in = dir.resolve("trunc-in");
        Path cut = TestMedia.MEDIA.video(in.resolve("cut.mp4"), 640, 360, 2, true);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        TestMedia.MEDIA.video(in.resolve("good.mp4"), 640, 360, 1, true);
        Path out = dir.resolve("trunc-out");

        TranscodeReport report = run(in, out, Preset.H264_720P, Preset.HLS);

        FileResult bad = VideoPresetsIT.row(report, "cut.mp4");
        assertThat(bad.status()).isEqualTo(FileStatus.FAILED);
        assertThat(bad.failureCode()).isEqualTo(FailureCode.VERIFICATION);
        assertThat(bad.error()).startsWith("cut.720p.mp4: ").contains("truncated");
        assertThat(bad.outputs()).extracting(OutputResult::path, OutputResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cut.720p.mp4", FileStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("cut.hls/master.m3u8", FileStatus.FAILED));
        assertThat(bad.outputs().get(1).error()).contains("segments add up to");
        assertThat(VideoPresetsIT.row(report, "good.mp4").succeeded()).isTrue();
        assertThat(TestMedia.filesUnder(out)).noneMatch(f -> f.startsWith("cut") || f.contains(".partial"))
                .contains("good.720p.mp4", "good.hls/master.m3u8", "good.hls/360p/index.m3u8");
    }

    @Test
    void aVideoOnlySourceIsFineForVideoPresetsAndNoAudioForAudioPresets() throws IOException {
        Path in = dir.resolve("mute-in");
        TestMedia.MEDIA.video(in.resolve("mute.mp4"), 640, 360, 1, false);
        Path out = dir.resolve("mute-out");

        TranscodeReport report = run(in, out, Preset.H264_LADDER, Preset.MP3);

        FileResult row = report.files().get(0);
        assertThat(row.status()).isEqualTo(FileStatus.FAILED);
        assertThat(row.failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(row.error()).contains("mute.mp3").contains("no audio stream");
        assertThat(row.outputs()).extracting(OutputResult::path, OutputResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mute.360p.mp4", FileStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("mute.mp3", FileStatus.FAILED));
        assertThat(TestMedia.filesUnder(out)).containsExactly("mute.360p.mp4");
    }

    @Test
    void namesNeverCollideWhenInputsShareAStem() throws IOException {
        Path in = dir.resolve("clash-in");
        TestMedia.MEDIA.video(in.resolve("x.mp4"), 640, 360, 1, true);
        TestMedia.MEDIA.video(in.resolve("x.mov"), 640, 360, 1, false);
        TestMedia.MEDIA.video(in.resolve("y.mp4"), 640, 360, 1, true);
        Path out = dir.resolve("clash-out");

        TranscodeReport report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                .includes("*.mp4", "*.mov").formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.THUMBNAIL)).build())
                .await(Duration.ofMinutes(3));

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(TestMedia.filesUnder(out)).containsExactly("x.mov.360p.mp4", "x.mov.jpg", "x.mp4.360p.mp4",
                "x.mp4.jpg", "y.360p.mp4", "y.jpg");
        assertThat(TestMedia.PROBE.probe(out.resolve("x.mov.360p.mp4")).hasAudio()).isFalse();
        assertThat(TestMedia.PROBE.probe(out.resolve("x.mp4.360p.mp4")).hasAudio()).isTrue();
    }

    @Test
    void aPresetWhoseEncoderIsMissingFailsBeforeAnyWorkNamingTheEncoder() throws IOException {
        Path in = dir.resolve("enc-in");
        TestMedia.MEDIA.video(in.resolve("a.mp4"), 320, 240, 1, true);
        Path tools = Files.createDirectories(dir.resolve("no-h264"));
        // the real ffmpeg, except that its encoder list lacks both H.264 encoders, as a build without them would
        Path ffmpeg = tools.resolve("ffmpeg");
        Files.writeString(ffmpeg, "#!/bin/bash\nif [ \"$*\" = \"-hide_banner -nostdin -encoders\" ]; then\n"
                + "  '" + TestMedia.TOOLS.ffmpeg() + "' \"$@\" | grep -v -e libopenh264 -e libx264\n  exit 0\nfi\n"
                + "exec '" + TestMedia.TOOLS.ffmpeg() + "' \"$@\"\n");
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tools.resolve("ffprobe"), TestMedia.TOOLS.ffprobe());
        Path out = dir.resolve("enc-out");

        try (TranscodeSession s = TranscodeSession.builder().ffmpeg(ffmpeg).build()) {
            TranscodeJob job = s.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                    .formats(OutputFormat.of(Preset.THUMBNAIL), OutputFormat.of(Preset.HLS)).build());
            assertThat(job.completion()).failsWithin(Duration.ofMinutes(1))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(ConfigurationException.class)
                    .withMessageContaining("an H.264 encoder (libx264 or libopenh264) for preset hls")
                    .withMessageContaining("apt-get install ffmpeg");
        }
        assertThat(TestMedia.filesUnder(out)).isEmpty();
    }

    private static TranscodeReport run(Path in, Path out, Preset... presets) {
        return session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).formats(java.util.Arrays.stream(presets).map(OutputFormat::of).toList())
                .build()).await(Duration.ofMinutes(3));
    }
}
