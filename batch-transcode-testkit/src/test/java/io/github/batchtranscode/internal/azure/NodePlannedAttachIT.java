package io.github.batchtranscode.internal.azure;

import static io.github.batchtranscode.internal.azure.ItFixtures.files;
import static io.github.batchtranscode.internal.azure.ItFixtures.row;
import static io.github.batchtranscode.internal.azure.ItFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.storage.blob.BlobContainerClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attach} to jobs planned on their nodes (video presets or several formats with blob locations, Azurite + the
 * emulator + real ffmpeg): the attaching session builds every row from the job's plan record and each task's
 * {@code result.json} — statuses, {@code outputs[]} with their blobs, the own-height rung copied by the service,
 * the HLS master — as the submitting session does, without the media passing through it unless it asks for a
 * local copy.
 */
@ExtendWith(AzuriteExtension.class)
class NodePlannedAttachIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private Process client;

    @AfterEach
    void close() {
        if (client != null) {
            client.destroyForcibly();
        }
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void attachFinishesABlobToBlobJobWhoseSubmitterDiedWithTheRowsAndBlobsItWouldHaveMade(Azurite azurite)
            throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        Path clips = tmp.resolve("clips");
        upload(source, "raw/2024/a/wide.mp4", MEDIA.video(clips.resolve("wide.mp4"), 640, 360, 1.5, true));
        upload(source, "raw/2024/b/deeper/small.mp4", MEDIA.video(clips.resolve("small.mp4"), 320, 240, 1.0, true));
        upload(source, "raw/2024/c/gone.mp4", MEDIA.video(clips.resolve("gone.mp4"), 320, 240, 0.5, true));
        upload(source, "raw/2024/notes/readme.mp4", Files.writeString(tmp.resolve("readme.mp4"), "text, not media"));
        String jobId = submitAndKill(blobs.sourceContainer(), "raw/2024", blobs.destinationContainer(), "video/v1");
        // as if the submitter had died before adding gone.mp4's task: its plan was recorded before any task
        BatchGateway batch = azure.batch();
        String gone = task(batch, jobId, "raw/2024/c/gone.mp4").id();
        BatchClients.sharedKey(azure.emulator.endpoint(), AzureHarness.ACCOUNT, azure.key).protocolLayer().tasks()
                .delete(jobId, gone);
        // at least one task done before the attach; the others may still run
        AzureHarness.await("a task to complete", AzureHarness.WAIT, () -> batch.tasks(jobId, null, "id,state").stream()
                .filter(t -> "completed".equals(String.valueOf(t.state()))).count(), n -> n > 0);
        long adds = azure.emulator.stats().operation("Task_AddCollection").requests();
        AzureHarness.Phases phases = new AzureHarness.Phases();

        TranscodeReport attached = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .attach(jobId, null, phases).await(AzureHarness.WAIT);

        String d = "video/v1/";
        assertThat(attached.jobId()).isEqualTo(jobId);
        assertThat(phases.messages()).contains("This process moved 0 byte(s) of media: the tasks read the source"
                + " blobs and wrote the outputs directly");
        assertThat(attached.files()).hasSize(4);
        FileResult wide = row(attached, "raw/2024/a/wide.mp4");
        assertThat(wide.status()).as(attached.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(wide.outputs()).extracting(OutputResult::path, OutputResult::preset, OutputResult::height,
                OutputResult::audioCodec, OutputResult::blob).containsExactly(
                        Tuple.tuple("a/wide.360p.mp4", "h264-ladder", 360, "aac", d + "a/wide.360p.mp4"),
                        Tuple.tuple("a/wide.hls/master.m3u8", "hls", 360, "aac", d + "a/wide.hls/master.m3u8"),
                        Tuple.tuple("a/wide.mp3", "mp3", null, "mp3", d + "a/wide.mp3"));
        assertThat(wide.outputBlob()).isEqualTo(d + "a/wide.360p.mp4");
        assertThat(wide.outputs()).allSatisfy(o -> assertThat(o.bytes()).isPositive());
        FileResult small = row(attached, "raw/2024/b/deeper/small.mp4");
        assertThat(small.status()).as(attached.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        // below the lowest rung: one rendition at its own height, copied to its name by the service
        assertThat(small.outputs()).extracting(OutputResult::path, OutputResult::height, OutputResult::blob)
                .containsExactly(Tuple.tuple("b/deeper/small.240p.mp4", 240, d + "b/deeper/small.240p.mp4"),
                        Tuple.tuple("b/deeper/small.hls/master.m3u8", 240, d + "b/deeper/small.hls/master.m3u8"),
                        Tuple.tuple("b/deeper/small.mp3", null, d + "b/deeper/small.mp3"));
        FileResult readme = row(attached, "raw/2024/notes/readme.mp4");
        assertThat(readme.status()).isEqualTo(FileStatus.FAILED);
        assertThat(readme.error()).startsWith("source blob 'raw/2024/notes/readme.mp4' in container '"
                + blobs.sourceContainer() + "': ");
        assertThat(readme.outputs()).allSatisfy(o -> assertThat(o.blob()).isNull());
        FileResult lost = row(attached, "raw/2024/c/gone.mp4");
        assertThat(lost.failureCode()).isEqualTo(FailureCode.NOT_SUBMITTED);
        assertThat(lost.error()).contains("never added");
        assertThat(blobs.names(blobs.destinationContainer())).contains(d + "a/wide.360p.mp4", d + "a/wide.mp3",
                d + "a/wide.hls/master.m3u8", d + "a/wide.hls/360p/index.m3u8", d + "b/deeper/small.240p.mp4",
                d + "b/deeper/small.hls/master.m3u8", d + "b/deeper/small.hls/240p/index.m3u8", d + "b/deeper/small.mp3")
                .noneMatch(n -> n.contains("readme")).allMatch(n -> n.startsWith(d));
        assertThat(azure.allBlobs(azure.outputContainer())).as("the own-height rung staged by the node is gone")
                .noneMatch(n -> n.contains("/" + small.taskId() + "/own-"));
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests()).as("nothing added again")
                .isEqualTo(adds);

        // attached again with a local directory: the same rows, the outputs downloaded by the relative-path rules
        Path local = tmp.resolve("local");
        TranscodeReport again = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .attach(jobId, local).await(AzureHarness.WAIT);

        assertThat(rows(again)).isEqualTo(rows(attached));
        assertThat(files(local)).contains("a/wide.360p.mp4", "a/wide.mp3", "a/wide.hls/master.m3u8",
                "a/wide.hls/360p/index.m3u8", "b/deeper/small.240p.mp4", "b/deeper/small.hls/master.m3u8",
                "b/deeper/small.mp3").noneMatch(n -> n.contains("readme") || n.contains("gone"));
        MediaProbe.Info hls = PROBE.probe(local.resolve("a/wide.hls/master.m3u8"));
        assertThat(hls.readable()).as(hls.error()).isTrue();
        assertThat(hls.video().height()).isEqualTo(360);
        assertThat(PROBE.probe(local.resolve("b/deeper/small.240p.mp4")).video().height()).isEqualTo(240);
        assertThat(azure.emulator.stats().operation("Task_Add").requests()).isZero();
    }

    @Test
    void blobSourcesWithOnlyALocalDirectoryLandThereAndAttachReportsTheSubmittersRows(Azurite azurite)
            throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        upload(source, "raw/a/wide.mp4", MEDIA.video(tmp.resolve("clips/wide.mp4"), 640, 360, 1.0, true));
        upload(source, "raw/b/small.mp4", MEDIA.video(tmp.resolve("clips/small.mp4"), 320, 240, 1.0, true));
        Path out = tmp.resolve("out");
        AzureHarness.Phases phases = new AzureHarness.Phases();

        TranscodeReport submitted = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(TranscodeRequest.builder().inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw"))
                        .outputDirectory(out)
                        .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.THUMBNAIL)).build(),
                        phases).await(AzureHarness.WAIT);

        assertThat(submitted.allSucceeded()).as(submitted.toJson()).isTrue();
        assertThat(files(out)).containsExactly("a/wide.360p.mp4", "a/wide.jpg", "b/small.240p.mp4", "b/small.jpg");
        assertThat(submitted.files()).flatExtracting(FileResult::outputs).allSatisfy(o -> assertThat(o.blob())
                .startsWith(JobLayout.OUTPUTS).endsWith("/" + o.path()));
        assertThat(azure.outputNames(azure.outputContainer())).containsExactlyInAnyOrder("a/wide.360p.mp4",
                "a/wide.jpg", "b/small.240p.mp4", "b/small.jpg");
        // nothing staged from the client: the input container holds only the job's script and plan
        assertThat(phases.messages()).contains("Tasks read 2 source blob(s) in container [" + blobs.sourceContainer()
                + "] directly; nothing is uploaded");
        assertThat(azure.allBlobs(azure.inputContainer())).isNotEmpty()
                .allMatch(n -> n.startsWith("_batch-transcode/" + submitted.jobId() + "/"));

        assertThat(azure.allBlobs(azure.outputContainer())).as("the submitter copied the own-height rung")
                .noneMatch(n -> n.contains("/own-"));
        Path again = tmp.resolve("again");
        TranscodeReport attached = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .attach(submitted.jobId(), again).await(AzureHarness.WAIT);

        // the own-height rung the submitter had copied already (its staged blob gone) counts as placed
        assertThat(rows(attached)).isEqualTo(rows(submitted));
        assertThat(files(again)).isEqualTo(files(out));
        for (String f : files(out)) {
            assertThat(again.resolve(f)).as(f).hasSameBinaryContentAs(out.resolve(f));
        }
    }

    @Test
    void closeCancelsAnAttachedNodePlannedJobBeforeItReturns(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(Duration.ofMinutes(10)));
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        for (int i = 0; i < 3; i++) { // simulated tasks: nothing decodes them
            upload(source, "raw/f-" + i + ".mp4", Files.writeString(tmp.resolve("f-" + i + ".mp4"), "placeholder " + i));
        }
        TranscodeJob submitted = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(TranscodeRequest.builder().inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw"))
                        .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "v"))
                        .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.MP3)).build());
        AzureHarness.await("tasks running", AzureHarness.WAIT, () -> azure.emulator.busyNodes(azure.poolId()),
                busy -> busy.size() == 2);
        TranscodeSession other = TranscodeSession.builder().azure(azure.options().build()).build();
        TranscodeJob attached = other.attach(submitted.id(), null);

        other.close();

        JobState state = azure.batch().job(submitted.id()).orElseThrow().state();
        assertThat(state).isIn(JobState.TERMINATING, JobState.COMPLETED);
        assertThat(catchThrowable(() -> attached.await(AzureHarness.WAIT)))
                .isInstanceOf(TranscodeCancelledException.class);
    }

    @Test
    void aNodePlannedJobRecordedBeforeAttachSupportedItIsRefusedNamingTheJob(Azurite azurite) {
        azure = AzureHarness.start(azurite);
        String jobId = "old-node-" + azure.suffix;
        azure.batch().addJob(new JobAddParameter().withId(jobId)
                .withPoolInfo(new PoolInformation().withPoolId(azure.poolId())));
        azure.container(azure.outputContainer()).createIfNotExists();
        azure.container(azure.outputContainer()).getBlobClient("_batch-transcode-logs/" + jobId + "/plan.json")
                .upload(com.azure.core.util.BinaryData.fromString("[{\"taskId\":\"t1\",\"input\":\"raw/x.mp4\","
                        + "\"output\":\"x.360p.mp4\",\"inputBytes\":1,\"md5\":\"etag:1\",\"sourceContainer\":\"media\","
                        + "\"nodePlanned\":true}]"), true);

        assertThatThrownBy(() -> azure.session().attach(jobId, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("job " + jobId)
                .hasMessageContaining("earlier version").hasMessageContaining("submit the request again");
    }

    /** Starts a client JVM on the node-planned request, kills it once it monitors the job; the job's id. */
    private String submitAndKill(String sourceContainer, String sourcePrefix, String destinationContainer,
            String destinationPrefix) throws Exception {
        Path log = tmp.resolve("client.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NodePlannedCrashMain.class.getName(),
                azure.emulator.endpoint(), AzureHarness.ACCOUNT, azure.azurite.connectionString(),
                azure.inputContainer(), azure.outputContainer(), azure.poolId(), sourceContainer, sourcePrefix,
                destinationContainer, destinationPrefix).redirectError(log.toFile());
        pb.environment().put("BT_BATCH_KEY", azure.key);
        client = pb.start();
        String jobId = ClientCrashIT.readUntilMonitoring(client, log);
        client.destroyForcibly();
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).as("client killed").isTrue();
        return jobId;
    }

    private static CloudTask task(BatchGateway batch, String jobId, String input) {
        return batch.tasks(jobId, null, "id,displayName").stream().filter(t -> input.equals(t.displayName()))
                .findFirst().orElseThrow(() -> new AssertionError("no task for " + input + " in job " + jobId));
    }

    /** What a user compares between two reports of one job: per input, its outcome and every output. */
    private static Map<String, List<Object>> rows(TranscodeReport report) {
        return report.files().stream().collect(Collectors.toMap(FileResult::input, r -> List.of(r.status(),
                String.valueOf(r.failureCode()), String.valueOf(r.error()), String.valueOf(r.output()),
                String.valueOf(r.outputBlob()), String.valueOf(r.taskId()), r.attempts(),
                r.outputs().stream().map(o -> List.of(o.path(), o.preset(), o.status(), String.valueOf(o.blob()),
                        String.valueOf(o.width()), String.valueOf(o.height()), String.valueOf(o.videoCodec()),
                        String.valueOf(o.audioCodec()), String.valueOf(o.bytes()), String.valueOf(o.durationSeconds()),
                        String.valueOf(o.error()))).toList())));
    }
}
