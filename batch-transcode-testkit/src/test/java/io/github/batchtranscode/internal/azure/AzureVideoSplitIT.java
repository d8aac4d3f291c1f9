package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.HlsPlaylists;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.VideoTaskSplit;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@code AzureOptions.videoTaskSplit(PER_RENDITION)} through the emulator with the real azure-batch client and
 * real ffmpeg on its nodes: each ladder rung and HLS variant a task of its own, feeding one report row, the HLS
 * variants joined under one master; with task slots and attach.
 */
class AzureVideoSplitIT extends AzureIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());

    @Test
    void perRenditionTasksFeedOneRowAndTheirHlsVariantsGetOneMasterAlsoWhenAttached(Azurite azurite)
            throws Exception {
        azure = AzureHarness.start(azurite, b -> b.slotsPerNode(4)).poolSize(2, 4);
        Path in = tmp.resolve("in");
        MEDIA.video(in.resolve("big.mp4"), 854, 480, 1.5, true);
        var options = azure.options().videoTaskSplit(VideoTaskSplit.PER_RENDITION).requiredSlots(2)
                .cleanup(CleanupPolicy.keepAll()).build();

        TranscodeJob submitting = azure.session(options).submit(AzureHarness.request(in, tmp.resolve("out"))
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS),
                        OutputFormat.of(Preset.THUMBNAIL)).build());
        BatchGateway batch = azure.batch();
        AzureHarness.await("the job's five tasks", AzureHarness.WAIT, () -> batch.job(submitting.id()).isEmpty() ? 0
                : batch.tasks(submitting.id(), null, "id").size(), n -> n == 5);
        TranscodeReport attached = azure.session(options).attach(submitting.id(), tmp.resolve("again"))
                .await(AzureHarness.WAIT);
        TranscodeReport report = submitting.await(AzureHarness.WAIT);

        assertThat(report.files()).hasSize(1);
        FileResult row = report.files().get(0);
        assertThat(row.status()).as(row.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(row.outputs()).extracting(OutputResult::path, OutputResult::status, OutputResult::height)
                .containsExactly(Tuple.tuple("big.480p.mp4", FileStatus.SUCCEEDED, 480),
                        Tuple.tuple("big.360p.mp4", FileStatus.SUCCEEDED, 360),
                        Tuple.tuple("big.hls/master.m3u8", FileStatus.SUCCEEDED, 480),
                        Tuple.tuple("big.jpg", FileStatus.SUCCEEDED, 480));
        assertThat(row.attempts()).isEqualTo(5);

        List<CloudTask> tasks = batch.tasks(report.jobId(), null, null);
        assertThat(tasks).extracting(CloudTask::id).containsExactlyInAnyOrder(row.taskId() + "-00r0",
                row.taskId() + "-00r1", row.taskId() + "-01r0", row.taskId() + "-01r1", row.taskId() + "-02");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.commandLine()).isEqualTo(NodeScript.COMMAND_LINE);
            assertThat(t.requiredSlots()).isEqualTo(2);
            assertThat(t.resourceFiles()).extracting(ResourceFile::filePath).filteredOn(n -> n.startsWith("args-"))
                    .hasSize(1);
        });
        assertThat(task(tasks, row.taskId() + "-00r1").outputFiles()).extracting(OutputFile::filePattern)
                .containsExactly("out/00/360p.mp4", "../stdout.txt", "../stderr.txt");
        assertThat(task(tasks, row.taskId() + "-01r0").outputFiles()).extracting(OutputFile::filePattern)
                .containsExactly("out/01/hls/**/*", "../stdout.txt", "../stderr.txt");

        Path master = tmp.resolve("out/big.hls/master.m3u8");
        assertThat(HlsPlaylists.readMaster(master)).containsExactlyInAnyOrder("480p/index.m3u8", "360p/index.m3u8");
        MediaProbe.Info hls = PROBE.probe(master);
        assertThat(hls.readable()).as(hls.error()).isTrue();
        assertThat(hls.video().height()).isEqualTo(480);
        assertThat(PROBE.probe(tmp.resolve("out/big.360p.mp4")).video().height()).isEqualTo(360);

        FileResult again = attached.files().get(0);
        assertThat(attached.files()).hasSize(1);
        assertThat(again.status()).as(again.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(again.outputs()).extracting(OutputResult::path).containsExactlyElementsOf(
                row.outputs().stream().map(OutputResult::path).collect(Collectors.toList()));
        assertThat(Files.readString(tmp.resolve("again/big.hls/master.m3u8"))).contains("360p/index.m3u8");
    }

    @Test
    void aFailedRenditionTaskFailsOnlyItsOutputsAndTheRowNamesIt(Azurite azurite) throws Exception {
        Path tools = failing360p(tmp.resolve("tools"));
        azure = AzureHarness.start(azurite, b -> b.ffmpegDirectory(tools).slotsPerNode(4)).poolSize(1, 4);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.video(in.resolve("big.mp4"), 854, 480, 1.0, true);

        TranscodeReport report = azure.session(azure.options().videoTaskSplit(VideoTaskSplit.PER_RENDITION)
                .maxTaskRetryCount(0).build()).transcode(AzureHarness.request(in, out)
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS),
                        OutputFormat.of(Preset.THUMBNAIL)).build());

        FileResult row = report.files().get(0);
        assertThat(report.files()).hasSize(1);
        assertThat(row.status()).isEqualTo(FileStatus.FAILED);
        assertThat(row.error()).startsWith("task " + row.taskId() + "-0").contains("(and 1 more task(s) failed)");
        assertThat(row.outputs()).extracting(OutputResult::path, OutputResult::status).containsExactly(
                Tuple.tuple("big.480p.mp4", FileStatus.SUCCEEDED), Tuple.tuple("big.360p.mp4", FileStatus.FAILED),
                Tuple.tuple("big.hls/master.m3u8", FileStatus.FAILED), Tuple.tuple("big.jpg", FileStatus.SUCCEEDED));
        assertThat(row.outputs().get(1).error()).contains("exit");
        assertThat(out.resolve("big.480p.mp4")).isNotEmptyFile();
        assertThat(out.resolve("big.jpg")).isNotEmptyFile();
        assertThat(out.resolve("big.360p.mp4")).doesNotExist();
        assertThat(out.resolve("big.hls")).doesNotExist();
    }

    /** A tool dir whose ffmpeg is the real one but fails every run that scales to 360 lines. */
    private static Path failing360p(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Path ffmpeg = dir.resolve("ffmpeg");
        Files.writeString(ffmpeg, "#!/bin/bash\n"
                + "for a in \"$@\"; do case \"$a\" in *scale=-2:360:*) echo 'no 360p here (test)' >&2; exit 7;;"
                + " esac; done\n"
                + "exec '" + TOOLS.ffmpeg() + "' \"$@\"\n");
        Files.setPosixFilePermissions(ffmpeg, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("ffprobe"), TOOLS.ffprobe());
        return dir;
    }

    private static CloudTask task(List<CloudTask> tasks, String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }
}
