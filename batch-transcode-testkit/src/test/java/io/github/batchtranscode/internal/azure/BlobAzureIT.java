package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media that lives in Blob Storage, on Azure Batch (the emulator, driven by the real azure-batch client): tasks
 * read the source blobs with a read-only SAS each and write outputs straight to the destination container and
 * prefix; the client moves no media, which both its own counter and Azurite's request log show.
 */
class BlobAzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    private static final Path DEBUG_LOG = debugLog();
    @RegisterExtension
    static final AzuriteExtension AZURITE = AzuriteExtension.using(Azurite.builder().debugLog(DEBUG_LOG));
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @AfterEach
    void close() {
        if (azure != null) {
            azure.close();
        }
    }

    private static AzuriteRequests read(long offset) {
        try {
            return AzuriteRequests.read(DEBUG_LOG, offset);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path debugLog() {
        try {
            return Files.createTempDirectory("blob-azure-it-").resolve("azurite-debug.log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tasksReadSourceBlobsAndWriteDestinationBlobsWithNothingThroughTheClient(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeSession session = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build());
        long logStart = Files.exists(DEBUG_LOG) ? Files.size(DEBUG_LOG) : 0;

        TranscodeReport report = session.submit(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.parse(azurite.blobEndpoint() + "/" + blobs.sourceContainer() + "/raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "mp3/2024")).build(), phases)
                .await(AzureHarness.WAIT);

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::input)
                .containsExactlyInAnyOrderElementsOf(BlobStoreFixture.NESTED);
        List<String> expected = List.of("mp3/2024/a/LowPriVMs-1.mp3", "mp3/2024/b/LowPriVMs-1.mp3",
                "mp3/2024/top.mp3", "mp3/2024/a/deeper/still/clip.v2.mp3");
        assertThat(report.files()).extracting(FileResult::outputBlob).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.files()).as("each row lists its output, naming the blob it is in")
                .flatExtracting(FileResult::outputs).extracting(OutputResult::blob, OutputResult::status)
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .map(b -> org.assertj.core.groups.Tuple.tuple(b, FileStatus.SUCCEEDED)).toList());
        assertThat(blobs.names(blobs.destinationContainer())).containsExactlyInAnyOrderElementsOf(expected);
        Path one = blobs.download(blobs.destinationContainer(), "mp3/2024/top.mp3", tmp.resolve("check/top.mp3"));
        assertThat(MEDIA.durationSeconds(one)).hasValueCloseTo(2.0, org.assertj.core.data.Offset.offset(0.3));
        // the client's own counter
        assertThat(phases.messages()).contains("This process moved 0 byte(s) of media: the tasks read the source"
                + " blobs and wrote the outputs directly");
        // nothing was staged: the input container holds the job's script and arguments only
        assertThat(azure.userBlobs(azure.inputContainer())).isEmpty();
        // Azurite's request log: the media was read and written by the node's HTTP client, never by the SDK
        String sourcePath = "/" + blobs.sourceContainer() + "/raw/2024/";
        AzuriteRequests log = AzureHarness.await("Azurite's log of the source reads", java.time.Duration.ofSeconds(30),
                () -> read(logStart), l -> l.matching("GET", sourcePath).size() >= 4);
        List<AzuriteRequests.Request> reads = log.matching("GET", sourcePath);
        List<AzuriteRequests.Request> writes = log.matching("PUT", "/" + blobs.destinationContainer() + "/mp3/2024/")
                .stream().filter(r -> !r.url().contains(".batch-transcode-write-check-")).toList();
        assertThat(reads).as("source blobs fetched").hasSize(4)
                .allSatisfy(r -> assertThat(r.userAgent()).doesNotContain("azsdk-java"));
        assertThat(writes).as("outputs written").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(r -> assertThat(r.userAgent()).doesNotContain("azsdk-java"));
        assertThat(log.bySdk()).as("the client's own requests").noneMatch(r ->
                (r.method().equals("GET") && r.url().contains("/" + blobs.sourceContainer() + "/"))
                        || (r.method().equals("PUT") && r.url().contains("/mp3/2024/")
                        && !r.url().contains(".batch-transcode-write-check-")));
    }

    @Test
    void aLocalDestinationBesideTheBlobsIsTheOnlyMediaTheClientDownloads(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        Path out = tmp.resolve("out");
        AzureHarness.Phases phases = new AzureHarness.Phases();

        TranscodeReport report = azure.session().submit(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer())).outputDirectory(out).build(), phases)
                .await(AzureHarness.WAIT);

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(out.resolve("a/deeper/still/clip.v2.mp3")).isNotEmptyFile();
        long downloaded = report.files().stream().mapToLong(FileResult::outputBytes).sum();
        assertThat(phases.messages()).contains("This process moved " + downloaded + " byte(s) of media");
        assertThat(blobs.names(blobs.destinationContainer())).contains("top.mp3", "a/deeper/still/clip.v2.mp3");
    }

    @Test
    void skipExistingWithABlobDestinationAddsTasksOnlyForMissingOutputs(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        TranscodeSession session = azure.session();
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "mp3"))
                .overwrite(OverwritePolicy.SKIP_EXISTING).build();
        assertThat(session.transcode(request).allSucceeded()).isTrue();
        blobs.service.getBlobContainerClient(blobs.destinationContainer()).getBlobClient("mp3/top.mp3").delete();
        long addsBefore = azure.emulator.stats().operation("Task_AddCollection").requests();

        TranscodeReport again = session.transcode(request);

        assertThat(again.allSucceeded()).isTrue();
        assertThat(azure.batch().tasks(again.jobId(), null, "id")).as("tasks of the rerun").hasSize(1);
        assertThat(again.files()).filteredOn(r -> r.attempts() == 0).hasSize(3)
                .allSatisfy(r -> assertThat(r.outputs()).extracting(OutputResult::blob).as("reused")
                        .containsExactly(r.outputBlob()));
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests() - addsBefore).isEqualTo(1);
        assertThat(blobs.names(blobs.destinationContainer())).contains("mp3/top.mp3");
    }

    @Test
    void anotherSessionAttachesToABlobToBlobJobAndReportsItsSourceAndDestinationBlobs(Azurite azurite)
            throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        TranscodeReport submitted = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(TranscodeRequest.builder().inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                        .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "mp3")).build());
        assertThat(submitted.allSucceeded()).as(submitted.toJson()).isTrue();
        long adds = azure.emulator.stats().operation("Task_AddCollection").requests();

        TranscodeSession other = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build());
        TranscodeReport attached = other.attach(submitted.jobId(), tmp.resolve("again")).await(AzureHarness.WAIT);

        assertThat(attached.jobId()).isEqualTo(submitted.jobId());
        assertThat(attached.allSucceeded()).as(attached.toJson()).isTrue();
        assertThat(attached.files()).extracting(FileResult::input, FileResult::outputBlob).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("raw/2024/a/LowPriVMs-1.mp4", "mp3/a/LowPriVMs-1.mp3"),
                org.assertj.core.groups.Tuple.tuple("raw/2024/b/LowPriVMs-1.mp4", "mp3/b/LowPriVMs-1.mp3"),
                org.assertj.core.groups.Tuple.tuple("raw/2024/top.mp4", "mp3/top.mp3"),
                org.assertj.core.groups.Tuple.tuple("raw/2024/a/deeper/still/clip.v2.mp4",
                        "mp3/a/deeper/still/clip.v2.mp3"));
        assertThat(attached.files()).allSatisfy(r -> assertThat(r.outputs()).extracting(OutputResult::blob)
                .containsExactly(r.outputBlob()));
        assertThat(attached.files()).extracting(FileResult::taskId)
                .containsExactlyInAnyOrderElementsOf(submitted.files().stream().map(FileResult::taskId).toList());
        // the local copy asked for on attach comes from the destination blobs, keeping relative paths
        assertThat(tmp.resolve("again/a/deeper/still/clip.v2.mp3")).isNotEmptyFile();
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests()).as("nothing added again")
                .isEqualTo(adds);
        assertThat(blobs.names(blobs.destinationContainer())).hasSize(4);
    }

    @Test
    void aSourceContainerThatDoesNotExistFailsBeforeAnyPoolOrJobNamingIt(Azurite azurite) {
        azure = AzureHarness.start(azurite);

        assertThatThrownBy(() -> azure.session().transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of("no-such-media-" + ProcessHandle.current().pid(), "raw"))
                .outputBlobs(BlobLocation.of("out-" + ProcessHandle.current().pid())).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("container 'no-such-media-" + ProcessHandle.current().pid() + "'")
                .hasMessageContaining("does not exist").hasMessageContaining("check the container name");
        assertNothingOnBatch();
    }

    @Test
    void aPrefixWithNoMatchingBlobFailsBeforeAnyPoolOrJobNamingContainerAndPrefix(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);

        assertThatThrownBy(() -> azure.session().transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2025"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer())).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no blob in container '" + blobs.sourceContainer() + "' below prefix 'raw/2025/'")
                .hasMessageContaining("names are case-sensitive");
        assertNothingOnBatch();
    }

    @Test
    void aSourceBlobThatIsNotMediaIsAFailedRowNamingItAndTheOthersSucceed(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        Path junk = Files.writeString(tmp.resolve("junk.mp4"), "this is text, not an MP4");
        blobs.service.getBlobContainerClient(blobs.sourceContainer()).getBlobClient("raw/2024/junk.mp4")
                .uploadFromFile(junk.toString(), true);

        TranscodeReport report = azure.session().transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "mp3")).build());

        assertThat(report.failedFiles()).as(report.toJson()).singleElement().satisfies(r -> {
            assertThat(r.input()).isEqualTo("raw/2024/junk.mp4");
            assertThat(r.error()).startsWith("source blob 'raw/2024/junk.mp4' in container '"
                    + blobs.sourceContainer() + "': ").contains("Invalid data found when processing input");
            // one audio format: ffmpeg alone judges the input, as on the local backend (BlobLocalIT)
            assertThat(r.failureCode()).isEqualTo(io.github.batchtranscode.model.FailureCode.FFMPEG_EXIT);
            assertThat(r.outputs()).extracting(OutputResult::status, OutputResult::blob)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(FileStatus.FAILED, null));
        });
        assertThat(report.succeeded()).isEqualTo(4);
        assertThat(blobs.names(blobs.destinationContainer())).hasSize(4).doesNotContain("mp3/junk.mp3");
    }

    private void assertNothingOnBatch() {
        var stats = azure.emulator.stats();
        for (String op : List.of("Pool_Add", "Job_Add", "Task_Add", "Task_AddCollection")) {
            assertThat(stats.operation(op).requests()).as(op).isZero();
        }
    }
}
