package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FailureCode;
import static io.github.batchtranscode.internal.azure.ItFixtures.files;
import static io.github.batchtranscode.internal.azure.ItFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import io.github.batchtranscode.PoolStartException;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Video presets on Azure Batch through the emulator with the real azure-batch client and real ffmpeg on its
 * nodes: the ladder, HLS read back through its master playlist, a thumbnail, several presets per request, a
 * truncated source, the start task's encoder check and task slots. Clips are tiny (≤ 640×360, ≤ 1.5 s).
 */
class AzureVideoIT extends AzureIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());

    @Test
    void ladderHlsAndThumbnailInOneRequestAreEncodedOnNodesVerifiedAndDelivered(Azurite azurite) throws IOException {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.video(in.resolve("wide.mp4"), 640, 360, 1.5, true);
        MEDIA.video(in.resolve("sub/mute.mp4"), 320, 240, 1.0, false);

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(in, out).formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL))
                        .build());

        FileResult wide = row(report, "wide.mp4");
        assertThat(wide.status()).as(wide.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(wide.output()).isEqualTo("wide.360p.mp4");
        assertThat(wide.outputs()).extracting(OutputResult::path, OutputResult::status, OutputResult::height,
                OutputResult::videoCodec, OutputResult::audioCodec).containsExactly(
                        Tuple.tuple("wide.360p.mp4", FileStatus.SUCCEEDED, 360, "h264", "aac"),
                        Tuple.tuple("wide.hls/master.m3u8", FileStatus.SUCCEEDED, 360, "h264", "aac"),
                        Tuple.tuple("wide.jpg", FileStatus.SUCCEEDED, 360, "mjpeg", null));
        assertThat(wide.outputs().get(0).durationSeconds()).isCloseTo(1.5, within(0.3));
        FileResult mute = row(report, "sub/mute.mp4");
        assertThat(mute.status()).as(mute.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(mute.outputs()).extracting(OutputResult::path, OutputResult::audioCodec).containsExactly(
                Tuple.tuple("sub/mute.240p.mp4", null), Tuple.tuple("sub/mute.hls/master.m3u8", null),
                Tuple.tuple("sub/mute.jpg", null));

        assertThat(files(out)).contains("wide.360p.mp4", "wide.jpg", "wide.hls/master.m3u8",
                "wide.hls/360p/index.m3u8", "wide.hls/360p/seg_00000.ts", "sub/mute.240p.mp4",
                "sub/mute.hls/240p/index.m3u8").noneMatch(f -> f.contains(".partial"));
        MediaProbe.Info mp4 = PROBE.probe(out.resolve("wide.360p.mp4"));
        assertThat(mp4.video().height()).isEqualTo(360);
        assertThat(mp4.hasAudio()).isTrue();
        MediaProbe.Info hls = PROBE.probe(out.resolve("wide.hls/master.m3u8"));
        assertThat(hls.readable()).as(hls.error()).isTrue();
        assertThat(hls.video().height()).isEqualTo(360);
        assertThat(hls.hasAudio()).isTrue();
        assertThat(hls.mediaSeconds()).isCloseTo(1.5, within(0.5));
        assertThat(Files.readString(out.resolve("wide.hls/master.m3u8"))).contains("360p/index.m3u8")
                .doesNotContain("/out/", tmp.toString());

        List<CloudTask> tasks = azure.batch().tasks(report.jobId(), null, null);
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            assertThat(t.commandLine()).isEqualTo(NodeScript.COMMAND_LINE);
            assertThat(t.outputFiles()).extracting(OutputFile::filePattern)
                    .contains("out/01/hls/**/*", "out/02/poster.jpg", "../stdout.txt", "../stderr.txt")
                    .containsAnyOf("out/00/360p.mp4", "out/00/240p.mp4");
        });
        assertThat(azure.outputNames(azure.outputContainer())).anyMatch(n -> n.endsWith("wide.hls/360p/index.m3u8"))
                .anyMatch(n -> n.endsWith("wide.hls/360p/seg_00000.ts")).anyMatch(n -> n.endsWith("wide.360p.mp4"));
    }

    @Test
    void aTruncatedSourceFailsVerificationOnAzureAsLocallyAndTheGoodFileSucceeds(Azurite azurite) throws IOException {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        Path cut = MEDIA.video(in.resolve("cut.mp4"), 640, 360, 1.5, true);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        MEDIA.video(in.resolve("good.mp4"), 640, 360, 1.0, true);

        TranscodeReport report = azure.session().transcode(AzureHarness.request(in, out)
                .formats(OutputFormat.of(Preset.H264_720P), OutputFormat.of(Preset.HLS)).build());

        FileResult bad = row(report, "cut.mp4");
        assertThat(bad.status()).isEqualTo(FileStatus.FAILED);
        assertThat(bad.failureCode()).isEqualTo(FailureCode.VERIFICATION);
        assertThat(bad.error()).startsWith("cut.720p.mp4: ").contains("truncated");
        assertThat(bad.outputs()).extracting(OutputResult::path, OutputResult::status).containsExactly(
                Tuple.tuple("cut.720p.mp4", FileStatus.FAILED), Tuple.tuple("cut.hls/master.m3u8", FileStatus.FAILED));
        assertThat(row(report, "good.mp4").status()).as(row(report, "good.mp4").error())
                .isEqualTo(FileStatus.SUCCEEDED);
        assertThat(files(out)).noneMatch(f -> f.startsWith("cut") || f.contains(".partial"))
                .contains("good.720p.mp4", "good.hls/master.m3u8");
    }

    @Test
    void aNodeWhoseFfmpegLacksTheH264EncoderFailsAtStartUpNamingIt(Azurite azurite) throws IOException {
        Path tools = withoutH264(tmp.resolve("tools"));
        azure = AzureHarness.start(azurite, b -> b.ffmpegDirectory(tools));
        Path in = tmp.resolve("in");
        MEDIA.video(in.resolve("clip.mp4"), 320, 240, 1.0, true);

        var job = azure.session().submit(AzureHarness.request(in, tmp.resolve("out")).formats(OutputFormat.of(Preset.H264_480P)).build());
        PoolStartException e = catchThrowableOfType(PoolStartException.class, () -> job.await(AzureHarness.WAIT));

        assertThat(e).hasMessageContaining(azure.poolId())
                .hasMessageContaining("lacks the encoder libx264 or libopenh264 that the requested presets need");
        assertThat(Files.exists(tmp.resolve("out/clip.480p.mp4"))).isFalse();
    }

    @Test
    void requiredSlotsReachTheTasksAndHeavyEncodesStillFinish(Azurite azurite) throws IOException {
        azure = AzureHarness.start(azurite, b -> b.slotsPerNode(4)).poolSize(1, 2);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.video(in.resolve("a.mp4"), 320, 240, 1.0, true);
        MEDIA.video(in.resolve("b.mp4"), 320, 240, 1.0, true);

        TranscodeReport report = azure.session(azure.options().requiredSlots(2).cleanup(CleanupPolicy.keepAll())
                .build()).transcode(AzureHarness.request(in, out).formats(OutputFormat.of(Preset.WEBM_720P)).build());

        assertThat(report.files()).allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo(FileStatus.SUCCEEDED));
        assertThat(files(out)).containsExactly("a.720p.webm", "b.720p.webm");
        assertThat(azure.batch().tasks(report.jobId(), null, null)).extracting(CloudTask::requiredSlots)
                .containsOnly(2);
    }

    /** A tool dir whose ffmpeg is the real one but lists no H.264 encoder, as a build without them would. */
    private static Path withoutH264(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path ffmpeg = dir.resolve("ffmpeg");
        Files.writeString(ffmpeg, "#!/bin/bash\n"
                + "for a in \"$@\"; do if [ \"$a\" = \"-encoders\" ]; then\n"
                + "  '" + TOOLS.ffmpeg() + "' \"$@\" | grep -v -E ' (libx264|libopenh264) '; exit 0\n"
                + "fi; done\n"
                + "exec '" + TOOLS.ffmpeg() + "' \"$@\"\n");
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("ffprobe"), TOOLS.ffprobe());
        return dir;
    }
}
