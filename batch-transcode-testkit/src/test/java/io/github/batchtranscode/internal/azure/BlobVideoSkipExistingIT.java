package io.github.batchtranscode.internal.azure;

import static io.github.batchtranscode.internal.azure.ItFixtures.row;
import static io.github.batchtranscode.internal.azure.ItFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.StorageSettings;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SKIP_EXISTING} with video presets and several formats, blob to blob on Azure Batch (the emulator driven by
 * the real azure-batch client, real ffmpeg on its nodes): the nodes decide which outputs a source gets, the client
 * tells them which exist. A rerun encodes nothing and rewrites no blob; an output deleted since is the only one made
 * again; a blob that is not media fails as not media, naming the blob, and costs the other inputs nothing.
 */
class BlobVideoSkipExistingIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final String D = "video/v2/";
    @RegisterExtension
    static final AzuriteExtension AZURITE = AzuriteExtension.using(Azurite.builder());
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @AfterEach
    void close() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void aRerunKeepsEveryExistingOutputAndMakesOnlyWhatIsMissing(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        Path clips = tmp.resolve("clips");
        upload(source, "raw/wide.mp4", MEDIA.video(clips.resolve("wide.mp4"), 854, 480, 1.0, true));
        // below the ladder's lowest rung (a rung at its own height) and without audio (its mp3 fails every time)
        upload(source, "raw/sub/mute.mp4", MEDIA.video(clips.resolve("mute.mp4"), 320, 240, 1.0, false));
        upload(source, "raw/notes.mp4", SyntheticMedia.text(clips.resolve("notes.mp4")));
        BlobContainerClient dest = blobs.service.getBlobContainerClient(blobs.destinationContainer());
        TranscodeSession session = azure.session();
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "video/v2"))
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.MP3))
                .overwrite(OverwritePolicy.SKIP_EXISTING).build();

        TranscodeReport first = session.submit(request).await(AzureHarness.WAIT);

        assertThat(row(first, "raw/wide.mp4").status()).as(first.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(row(first, "raw/sub/mute.mp4").failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        FileResult notes = row(first, "raw/notes.mp4");
        assertThat(notes.status()).isEqualTo(FileStatus.FAILED);
        assertThat(notes.failureCode()).as(notes.error()).isEqualTo(FailureCode.INVALID_INPUT);
        assertThat(notes.error()).startsWith("source blob 'raw/notes.mp4' in container '" + blobs.sourceContainer()
                + "': ").contains("not usable media");
        // the run's own files (script, node plan, candidate argument files) are gone with its cleanup
        assertThat(azure.allBlobs(azure.inputContainer())).as("the input container after the run").isEmpty();
        Map<String, String> made = etags(dest);
        assertThat(made.keySet()).contains(D + "wide.480p.mp4", D + "wide.360p.mp4", D + "wide.hls/master.m3u8",
                D + "wide.mp3", D + "sub/mute.240p.mp4", D + "sub/mute.hls/master.m3u8")
                .noneMatch(n -> n.startsWith(D + "notes") || n.equals(D + "sub/mute.mp3"));

        // the same request again: every output there is kept, nothing is encoded or rewritten
        Path out = tmp.resolve("out");
        TranscodeReport second = session.submit(request.toBuilder().outputDirectory(out).build()).await(AzureHarness.WAIT);

        assertThat(etags(dest)).as("no blob rewritten").isEqualTo(made);
        FileResult wide = row(second, "raw/wide.mp4");
        assertThat(wide.status()).as(second.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(wide.outputs()).extracting(OutputResult::path, OutputResult::status, OutputResult::blob)
                .containsExactly(Tuple.tuple("wide.480p.mp4", FileStatus.SUCCEEDED, D + "wide.480p.mp4"),
                        Tuple.tuple("wide.360p.mp4", FileStatus.SUCCEEDED, D + "wide.360p.mp4"),
                        Tuple.tuple("wide.hls/master.m3u8", FileStatus.SUCCEEDED, D + "wide.hls/master.m3u8"),
                        Tuple.tuple("wide.mp3", FileStatus.SUCCEEDED, D + "wide.mp3"));
        assertThat(wide.outputs()).allSatisfy(o -> assertThat(o.bytes()).as(o.path()).isPositive());
        FileResult mute = row(second, "raw/sub/mute.mp4");
        assertThat(mute.failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(mute.outputs()).extracting(OutputResult::path, OutputResult::status).containsExactly(
                Tuple.tuple("sub/mute.240p.mp4", FileStatus.SUCCEEDED),
                Tuple.tuple("sub/mute.hls/master.m3u8", FileStatus.SUCCEEDED),
                Tuple.tuple("sub/mute.mp3", FileStatus.FAILED));
        assertThat(row(second, "raw/notes.mp4").failureCode()).isEqualTo(FailureCode.INVALID_INPUT);
        // kept outputs still come down to the output directory, as ones made now do
        assertThat(out.resolve("wide.480p.mp4")).isNotEmptyFile();
        assertThat(out.resolve("wide.hls/master.m3u8")).isNotEmptyFile();
        assertThat(out.resolve("wide.hls/360p/index.m3u8")).isNotEmptyFile();
        assertThat(out.resolve("sub/mute.240p.mp4")).isNotEmptyFile();

        // one rung and one HLS folder deleted: only they are made again
        dest.getBlobClient(D + "wide.360p.mp4").delete();
        made.keySet().stream().filter(n -> n.startsWith(D + "sub/mute.hls/"))
                .forEach(n -> dest.getBlobClient(n).delete());
        TranscodeReport third = session.submit(request).await(AzureHarness.WAIT);

        Map<String, String> now = etags(dest);
        assertThat(row(third, "raw/wide.mp4").status()).as(third.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(now).containsKeys(D + "wide.360p.mp4", D + "sub/mute.hls/master.m3u8",
                D + "sub/mute.hls/240p/index.m3u8");
        for (Map.Entry<String, String> e : made.entrySet()) {
            boolean remade = e.getKey().equals(D + "wide.360p.mp4") || e.getKey().startsWith(D + "sub/mute.hls/");
            if (!remade) {
                assertThat(now.get(e.getKey())).as("kept: " + e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(row(third, "raw/wide.mp4").outputs().get(1).videoCodec()).as("made now, verified on the node")
                .isEqualTo("h264");

        // formats whose outputs do not depend on the source, all there: no task at all
        long jobs = azure.emulator.stats().operation("Job_Add").requests();
        TranscodeReport fourth = session.submit(request.toBuilder().includes("wide.mp4").formats(OutputFormat.of(Preset.HLS),
                OutputFormat.of(Preset.MP3)).build()).await(AzureHarness.WAIT);
        assertThat(row(fourth, "raw/wide.mp4").outputs()).extracting(OutputResult::path, OutputResult::status)
                .containsExactly(Tuple.tuple("wide.hls/master.m3u8", FileStatus.SUCCEEDED),
                        Tuple.tuple("wide.mp3", FileStatus.SUCCEEDED));
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).isEqualTo(jobs);
        assertThat(etags(dest)).isEqualTo(now);

        // the local backend, the same request to another prefix: a rerun keeps the same outputs, in the same rows
        String l = "video/local/";
        TranscodeRequest there = request.toBuilder().outputBlobs(BlobLocation.of(blobs.destinationContainer(),
                "video/local")).build();
        try (TranscodeSession local = TranscodeSession.builder()
                .storage(StorageSettings.connectionString(azurite.connectionString())).build()) {
            local.transcode(there);
            Map<String, String> localMade = etags(dest);
            localMade.keySet().removeIf(n -> !n.startsWith(l));
            TranscodeReport localSecond = local.transcode(there);

            assertThat(etags(dest)).containsAllEntriesOf(localMade);
            assertThat(shape(row(localSecond, "raw/wide.mp4"), l)).isEqualTo(shape(wide, D));
            assertThat(row(localSecond, "raw/notes.mp4").failureCode()).isEqualTo(FailureCode.INVALID_INPUT);
        }
    }

    /** What a user sees of a row and its outputs, blob names relative to the destination prefix. */
    private static List<String> shape(FileResult r, String prefix) {
        List<String> seen = new java.util.ArrayList<>(List.of(r.status() + " " + r.output() + " " + r.failureCode()
                + " " + r.outputBlob().substring(prefix.length())));
        for (OutputResult o : r.outputs()) {
            seen.add(o.path() + " " + o.preset() + " " + o.status() + " " + o.blob().substring(prefix.length()) + " "
                    + (o.bytes() != null && o.bytes() > 0) + " " + o.videoCodec() + " " + o.durationSeconds() + " "
                    + o.encoder());
        }
        return seen;
    }

    @Test
    void withoutOutputBlobsTheKeyedOutputsAreKeptAndStillDownloaded(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        upload(source, "in/wide.mp4", MEDIA.video(tmp.resolve("wide.mp4"), 854, 480, 1.0, true));
        TranscodeSession session = azure.session();
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "in"))
                .outputDirectory(tmp.resolve("out1"))
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.MP3))
                .overwrite(OverwritePolicy.SKIP_EXISTING).build();
        assertThat(session.submit(request).await(AzureHarness.WAIT).allSucceeded()).isTrue();
        BlobContainerClient keyed = azure.container(azure.outputContainer());
        Map<String, String> made = etags(keyed);
        made.keySet().removeIf(n -> !n.startsWith(JobLayout.OUTPUTS));
        assertThat(made).hasSize(3); // two rungs and the mp3

        Path out = tmp.resolve("out2");
        TranscodeReport again = session.submit(request.toBuilder().outputDirectory(out).build())
                .await(AzureHarness.WAIT);

        FileResult wide = row(again, "in/wide.mp4");
        assertThat(wide.status()).as(again.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(wide.outputs()).extracting(OutputResult::blob).allMatch(made::containsKey);
        assertThat(etags(keyed)).containsAllEntriesOf(made);
        assertThat(out.resolve("wide.480p.mp4")).isNotEmptyFile();
        assertThat(out.resolve("wide.360p.mp4")).isNotEmptyFile();
        assertThat(out.resolve("wide.mp3")).isNotEmptyFile();
        assertThat(Files.size(out.resolve("wide.mp3"))).isEqualTo(Files.size(tmp.resolve("out1/wide.mp3")));
    }

    /** Every blob of the container with its ETag. */
    private static Map<String, String> etags(BlobContainerClient c) {
        Map<String, String> tags = new TreeMap<>();
        for (BlobItem b : c.listBlobs()) {
            tags.put(b.getName(), b.getProperties().getETag());
        }
        return tags;
    }
}
