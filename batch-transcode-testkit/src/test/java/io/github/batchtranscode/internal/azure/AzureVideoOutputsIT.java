package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.FailureCode;
import static io.github.batchtranscode.internal.azure.ItFixtures.files;
import static io.github.batchtranscode.internal.azure.ItFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * What a consumer of the output container gets from video presets on Azure Batch, through the emulator with the
 * real azure-batch client and real ffmpeg on its nodes: an HLS folder that plays from the container alone, audio
 * and video presets in one request, SKIP_EXISTING reusing what the container holds, and attach to a video job.
 */
class AzureVideoOutputsIT extends AzureIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());

    @Test
    void withoutAnOutputDirectoryTheContainersHlsFolderHasItsMasterAndPlaysOnItsOwn(Azurite azurite)
            throws IOException {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        MEDIA.video(in.resolve("wide.mp4"), 640, 360, 1.5, true);

        TranscodeReport report = azure.session().transcode(TranscodeRequest.builder().inputDirectory(in)
                .formats(OutputFormat.of(Preset.HLS)).build());

        FileResult row = report.files().get(0);
        assertThat(row.status()).as(row.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(row.output()).isEqualTo("wide.hls/master.m3u8");
        String folder = row.outputBlob();
        assertThat(folder).startsWith(JobLayout.OUTPUTS).endsWith("wide.hls");
        assertThat(row.outputs()).singleElement().extracting(OutputResult::blob)
                .as("the HLS output names its master playlist's blob").isEqualTo(folder + "/master.m3u8");
        // only what the container holds: nothing of the client's own verification copy
        Path copy = downloadFolder(azure.container(azure.outputContainer()), folder + "/", tmp.resolve("copy"));
        assertThat(copy.resolve("master.m3u8")).exists();
        assertThat(Files.readString(copy.resolve("master.m3u8"))).contains("#EXT-X-STREAM-INF", "360p/index.m3u8")
                .doesNotContain(tmp.toString());
        MediaProbe.Info hls = PROBE.probe(copy.resolve("master.m3u8"));
        assertThat(hls.readable()).as(hls.error()).isTrue();
        assertThat(hls.video().height()).isEqualTo(360);
        assertThat(hls.hasAudio()).isTrue();
        assertThat(hls.mediaSeconds()).isCloseTo(1.5, within(0.5));
        assertThat(azure.container(azure.outputContainer()).getBlobClient(folder + "/master.m3u8").getProperties()
                .getContentType()).isEqualTo("application/vnd.apple.mpegurl");
    }

    @Test
    void audioAndVideoPresetsInOneRequestGiveOneRowPerInputAndAVideoOnlyInputFailsOnlyItsAudio(Azurite azurite)
            throws IOException {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.video(in.resolve("wide.mp4"), 640, 360, 1.5, true);
        MEDIA.video(in.resolve("mute.mp4"), 320, 240, 1.0, false);

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(in, out).formats(OutputFormat.of(Preset.MP3), OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.THUMBNAIL))
                        .build());

        assertThat(report.files()).hasSize(2);
        FileResult wide = row(report, "wide.mp4");
        assertThat(wide.status()).as(wide.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(wide.output()).isEqualTo("wide.mp3");
        assertThat(wide.outputs()).extracting(OutputResult::path, OutputResult::preset, OutputResult::status,
                OutputResult::videoCodec, OutputResult::audioCodec).containsExactly(
                        Tuple.tuple("wide.mp3", "mp3", FileStatus.SUCCEEDED, null, "mp3"),
                        Tuple.tuple("wide.360p.mp4", "h264-ladder", FileStatus.SUCCEEDED, "h264", "aac"),
                        Tuple.tuple("wide.jpg", "thumbnail", FileStatus.SUCCEEDED, "mjpeg", null));
        assertThat(wide.outputs().get(0).durationSeconds()).isCloseTo(1.5, within(0.3));
        assertThat(PROBE.probe(out.resolve("wide.mp3")).audioCodec()).isEqualTo("mp3");

        FileResult mute = row(report, "mute.mp4");
        assertThat(mute.status()).isEqualTo(FileStatus.FAILED);
        assertThat(mute.failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(mute.error()).startsWith("mute.mp3: ").contains("no audio stream");
        assertThat(mute.outputs()).extracting(OutputResult::path, OutputResult::status).containsExactly(
                Tuple.tuple("mute.mp3", FileStatus.FAILED), Tuple.tuple("mute.240p.mp4", FileStatus.SUCCEEDED),
                Tuple.tuple("mute.jpg", FileStatus.SUCCEEDED));
        assertThat(files(out)).containsExactlyInAnyOrder("wide.mp3", "wide.360p.mp4", "wide.jpg", "mute.240p.mp4",
                "mute.jpg");

        List<CloudTask> tasks = azure.batch().tasks(report.jobId(), null, null);
        assertThat(tasks).hasSize(2).allSatisfy(t -> assertThat(t.commandLine()).isEqualTo(NodeScript.COMMAND_LINE));
        CloudTask muteTask = tasks.stream().filter(t -> t.id().equals(mute.taskId())).findFirst().orElseThrow();
        assertThat(muteTask.resourceFiles()).extracting(ResourceFile::filePath)
                .contains("args-01.txt", "args-02.txt").doesNotContain("args-00.txt");
    }

    @Test
    void skipExistingReusesVideoOutputsFromTheContainerPerPresetAndARerunRunsNoTask(Azurite azurite)
            throws IOException {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        MEDIA.video(in.resolve("a.mp4"), 320, 240, 1.0, true);
        MEDIA.video(in.resolve("b.mp4"), 320, 240, 1.0, true);
        var options = azure.options().build();

        TranscodeReport first = azure.session(options).transcode(AzureHarness.request(in, tmp.resolve("out1"))
                .formats(OutputFormat.of(Preset.MP3), OutputFormat.of(Preset.H264_480P), OutputFormat.of(Preset.HLS)).build());
        assertThat(first.files()).allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo(FileStatus.SUCCEEDED));
        long jobs = azure.emulator.stats().operation("Job_Add").requests();
        long adds = taskAdds();

        TranscodeReport again = azure.session(options).transcode(AzureHarness.request(in, tmp.resolve("out2"))
                .formats(OutputFormat.of(Preset.MP3), OutputFormat.of(Preset.H264_480P), OutputFormat.of(Preset.HLS)).overwrite(OverwritePolicy.SKIP_EXISTING).build());

        assertThat(again.files()).allSatisfy(r -> {
            assertThat(r.status()).as(r.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(r.outputs()).hasSize(3).allSatisfy(o -> assertThat(o.status()).isEqualTo(FileStatus.SUCCEEDED));
        });
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).as("jobs added by the rerun").isEqualTo(jobs);
        assertThat(taskAdds()).as("tasks added by the rerun").isEqualTo(adds);
        assertThat(files(tmp.resolve("out2"))).contains("a.mp3", "a.480p.mp4", "a.hls/master.m3u8",
                "b.hls/240p/index.m3u8").noneMatch(f -> f.contains(".partial"));
        assertThat(PROBE.probe(tmp.resolve("out2/a.hls/master.m3u8")).readable()).isTrue();

        // one more preset: only it is made, by a task that runs its argument file alone
        TranscodeReport more = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(in, tmp.resolve("out3")).formats(OutputFormat.of(Preset.MP3), OutputFormat.of(Preset.H264_480P), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL)).overwrite(OverwritePolicy.SKIP_EXISTING).build());
        assertThat(more.files()).allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo(FileStatus.SUCCEEDED));
        assertThat(files(tmp.resolve("out3"))).contains("a.mp3", "a.480p.mp4", "a.hls/master.m3u8", "a.jpg", "b.jpg");
        assertThat(azure.batch().tasks(more.jobId(), null, null)).hasSize(2).allSatisfy(t -> assertThat(
                t.resourceFiles()).extracting(ResourceFile::filePath).filteredOn(n -> n.startsWith("args-"))
                .containsExactly("args-03.txt"));
    }

    @Test
    void attachingToARunningVideoJobBuildsItsRowsFromThePlanRecordWithoutTheInputs(Azurite azurite)
            throws Exception {
        azure = AzureHarness.start(azurite).poolSize(1, 1);
        Path in = tmp.resolve("in");
        MEDIA.video(in.resolve("a.mp4"), 640, 360, 1.0, true);
        MEDIA.video(in.resolve("b.mp4"), 320, 240, 1.0, false);
        MEDIA.video(in.resolve("c.mp4"), 320, 240, 1.0, true);
        TranscodeJob submitting = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(AzureHarness.request(in, tmp.resolve("out")).formats(OutputFormat.of(Preset.AAC),
                        OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS)).build());
        BatchGateway batch = azure.batch();
        AzureHarness.await("the job's three tasks", AzureHarness.WAIT, () -> batch.job(submitting.id()).isEmpty() ? 0
                : batch.tasks(submitting.id(), null, "id").size(), n -> n == 3);
        deleteTree(in); // what the attaching process knows comes from the job's plan record, not from the inputs

        TranscodeReport attached = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .attach(submitting.id(), tmp.resolve("again")).await(AzureHarness.WAIT);

        assertThat(attached.files()).hasSize(3);
        FileResult a = row(attached, "a.mp4");
        assertThat(a.status()).as(a.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(a.outputs()).extracting(OutputResult::path, OutputResult::status, OutputResult::height)
                .containsExactly(Tuple.tuple("a.m4a", FileStatus.SUCCEEDED, null),
                        Tuple.tuple("a.360p.mp4", FileStatus.SUCCEEDED, 360),
                        Tuple.tuple("a.hls/master.m3u8", FileStatus.SUCCEEDED, 360));
        FileResult b = row(attached, "b.mp4");
        assertThat(b.failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(b.outputs()).extracting(OutputResult::status).containsExactly(FileStatus.FAILED,
                FileStatus.SUCCEEDED, FileStatus.SUCCEEDED);
        assertThat(row(attached, "c.mp4").status()).isEqualTo(FileStatus.SUCCEEDED);
        MediaProbe.Info hls = PROBE.probe(tmp.resolve("again/a.hls/master.m3u8"));
        assertThat(hls.readable()).as(hls.error()).isTrue();
        assertThat(hls.video().height()).isEqualTo(360);
        assertThat(files(tmp.resolve("again"))).contains("a.m4a", "a.360p.mp4", "b.240p.mp4", "c.hls/master.m3u8")
                .noneMatch(f -> f.contains(".partial"));
        TranscodeReport submitted = submitting.await(AzureHarness.WAIT);
        assertThat(attached.files()).extracting(FileResult::input, FileResult::status, FileResult::failureCode)
                .containsExactlyInAnyOrderElementsOf(submitted.files().stream().map(r -> Tuple.tuple(r.input(),
                        r.status(), r.failureCode())).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private long taskAdds() {
        var stats = azure.emulator.stats();
        return stats.operation("Task_Add").requests() + stats.operation("Task_AddCollection").requests();
    }

    /** Downloads every blob below {@code prefix} into {@code dir}, keeping the names below the prefix. */
    static Path downloadFolder(BlobContainerClient container, String prefix, Path dir) throws IOException {
        List<BlobItem> items = new ArrayList<>();
        container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).forEach(items::add);
        assertThat(items).as("blobs below " + prefix).isNotEmpty();
        for (BlobItem b : items) {
            Path target = dir.resolve(b.getName().substring(prefix.length()));
            Files.createDirectories(target.getParent());
            container.getBlobClient(b.getName()).downloadToFile(target.toString(), true);
        }
        return dir;
    }
}
