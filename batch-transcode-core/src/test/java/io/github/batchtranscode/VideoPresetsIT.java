package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every video preset on real ffmpeg, on clips of the shapes users have: 720p, 360p, vertical, smaller than 360p,
 * and one without audio. Outputs are read back with ffprobe, not taken from the report.
 */
class VideoPresetsIT {
    @TempDir
    static Path dir;
    static Path in;
    static TranscodeSession session;

    @BeforeAll
    static void clips() throws IOException {
        in = dir.resolve("in");
        TestMedia.MEDIA.video(in.resolve("wide.mp4"), 1280, 720, 1.5, true);
        TestMedia.MEDIA.video(in.resolve("sd/small.mp4"), 640, 360, 1.5, true);
        TestMedia.MEDIA.video(in.resolve("phone.mp4"), 360, 640, 1.5, true);
        TestMedia.MEDIA.video(in.resolve("tiny.mp4"), 320, 240, 1.5, true);
        TestMedia.MEDIA.video(in.resolve("mute.mp4"), 640, 360, 1.5, false);
        Path landscape = TestMedia.MEDIA.video(dir.resolve("landscape.mp4"), 640, 360, 1.5, true);
        TestMedia.MEDIA.rotated(landscape, in.resolve("turned.mp4"), 90);
        session = TranscodeSession.builder().parallelism(2).build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void theLadderMakesOnlyRungsAtOrBelowTheSourceAndNeverUpscales() throws IOException {
        Path out = dir.resolve("ladder");
        TranscodeReport report = run(out, Preset.H264_LADDER);

        assertThat(TestMedia.filesUnder(out)).containsExactly("mute.360p.mp4", "phone.360p.mp4", "phone.480p.mp4",
                "sd/small.360p.mp4", "tiny.240p.mp4", "turned.360p.mp4", "turned.480p.mp4", "wide.360p.mp4", "wide.480p.mp4", "wide.720p.mp4");
        assertVideo(out.resolve("wide.720p.mp4"), 1280, 720, true);
        assertVideo(out.resolve("wide.360p.mp4"), 640, 360, true);
        assertVideo(out.resolve("phone.480p.mp4"), 270, 480, true);
        assertVideo(out.resolve("tiny.240p.mp4"), 320, 240, true);
        assertVideo(out.resolve("mute.360p.mp4"), 640, 360, false);
        assertVideo(out.resolve("turned.480p.mp4"), 270, 480, true); // rotation honoured: shown upright
        FileResult wide = row(report, "wide.mp4");
        assertThat(wide.output()).isEqualTo("wide.720p.mp4");
        assertThat(wide.outputs()).extracting(OutputResult::path, OutputResult::height, OutputResult::videoCodec,
                OutputResult::audioCodec).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wide.720p.mp4", 720, "h264", "aac"),
                        org.assertj.core.groups.Tuple.tuple("wide.480p.mp4", 480, "h264", "aac"),
                        org.assertj.core.groups.Tuple.tuple("wide.360p.mp4", 360, "h264", "aac"));
        assertThat(wide.outputs()).allSatisfy(o -> {
            assertThat(o.encoder()).isIn("libx264", "libopenh264");
            assertThat(o.durationSeconds()).isCloseTo(1.5, within(0.2));
            assertThat(o.bytes()).isEqualTo(Files.size(out.resolve(o.path())));
        });
        assertThat(row(report, "mute.mp4").outputs().get(0).audioCodec()).isNull();

        TranscodeReport again = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                .formats(OutputFormat.of(Preset.H264_LADDER)).overwrite(io.github.batchtranscode.model.OverwritePolicy.SKIP_EXISTING)
                .build()).await(Duration.ofMinutes(2));
        assertThat(again.allSucceeded()).as(again.toJson()).isTrue();
        assertThat(again.files()).as("verified outputs are kept, ffmpeg not started").allMatch(f -> f.attempts() == 0);
        assertThat(row(again, "wide.mp4").outputs()).hasSize(3);
    }

    @Test
    void singleRenditionsWebmAndThumbnailsKeepAspectAndNames() throws IOException {
        Path out = dir.resolve("singles");
        run(out, Preset.H264_480P, Preset.WEBM_720P, Preset.THUMBNAIL);

        assertThat(TestMedia.filesUnder(out)).contains("wide.480p.mp4", "wide.720p.webm", "wide.jpg",
                "phone.480p.mp4", "tiny.480p.mp4", "mute.720p.webm", "turned.jpg");
        assertVideo(out.resolve("wide.480p.mp4"), 854, 480, true);
        assertVideo(out.resolve("tiny.480p.mp4"), 320, 240, true); // never upscaled
        MediaProbe.Info webm = TestMedia.PROBE.probe(out.resolve("wide.720p.webm"));
        assertThat(webm.video().codec()).isEqualTo("vp9");
        assertThat(webm.audioCodec()).isEqualTo("opus");
        MediaProbe.Info jpg = TestMedia.PROBE.probe(out.resolve("phone.jpg"));
        assertThat(jpg.video().codec()).isEqualTo("mjpeg");
        assertThat(jpg.video().height()).isEqualTo(640);
        assertThat(jpg.video().width()).isEqualTo(360);
    }

    @Test
    void hlsPlaysThroughItsMasterPlaylistWithRelativeUris() throws IOException {
        Path out = dir.resolve("hls");
        TranscodeReport report = run(out, Preset.HLS);

        Path master = out.resolve("wide.hls/master.m3u8");
        String text = Files.readString(master);
        assertThat(text).contains("720p/index.m3u8", "480p/index.m3u8", "360p/index.m3u8")
                .contains("RESOLUTION=1280x720").containsPattern("CODECS=\"avc1\\.[0-9a-f]{6},mp4a\\.40\\.2\"")
                .doesNotContain("/" + dir.getFileName());
        assertThat(Files.readString(out.resolve("wide.hls/720p/index.m3u8"))).contains("#EXT-X-ENDLIST")
                .doesNotContain("/");
        MediaProbe.Info viaMaster = TestMedia.PROBE.probe(master);
        assertThat(viaMaster.readable()).as(viaMaster.error()).isTrue();
        assertThat(viaMaster.video().codec()).isEqualTo("h264");
        assertThat(viaMaster.hasAudio()).isTrue();
        assertThat(viaMaster.mediaSeconds()).isCloseTo(1.5, within(0.3));
        assertThat(row(report, "wide.mp4").output()).isEqualTo("wide.hls/master.m3u8");
        assertThat(row(report, "wide.mp4").outputs().get(0).bytes()).isGreaterThan(Files.size(master));
        assertThat(TestMedia.filesUnder(out)).noneMatch(f -> f.contains(".partial"));
    }

    private static TranscodeReport run(Path out, Preset... presets) {
        TranscodeReport report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                .formats(java.util.Arrays.stream(presets).map(OutputFormat::of).toList()).build()).await(Duration.ofMinutes(5));
        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).allSatisfy(f -> assertThat(f.outputs()).allMatch(OutputResult::succeeded));
        return report;
    }

    static FileResult row(TranscodeReport report, String input) {
        Map<String, FileResult> rows = report.files().stream().collect(Collectors.toMap(FileResult::input, f -> f));
        return rows.get(input);
    }

    static void assertVideo(Path file, int width, int height, boolean audio) {
        MediaProbe.Info info = TestMedia.PROBE.probe(file);
        assertThat(info.readable()).as(file + ": " + info.error()).isTrue();
        assertThat(info.video().codec()).isEqualTo("h264");
        assertThat(List.of(info.video().width(), info.video().height())).as(file.toString())
                .containsExactly(width, height);
        assertThat(info.hasAudio()).as(file + " has audio").isEqualTo(audio);
        assertThat(info.mediaSeconds()).isCloseTo(1.5, within(0.2));
    }
}
