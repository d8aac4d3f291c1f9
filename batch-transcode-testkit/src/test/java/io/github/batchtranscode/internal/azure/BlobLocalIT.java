package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.BlobLocation;
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
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local backend with media in Blob Storage: blobs below a prefix in nested folders are downloaded,
 * transcoded and uploaded below the destination prefix by the local relative-path rules, and every bad input is
 * a clear error naming the container or blob.
 */
@ExtendWith(AzuriteExtension.class)
class BlobLocalIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @TempDir
    Path tmp;
    private TranscodeSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    private TranscodeSession session(Azurite azurite) {
        session = TranscodeSession.builder().parallelism(2)
                .storage(StorageSettings.connectionString(azurite.connectionString())).build();
        return session;
    }

    @Test
    void blobsBelowAPrefixInNestedFoldersBecomeBlobsBelowTheDestinationPrefix(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.parse(azurite.blobEndpoint() + "/" + blobs.sourceContainer() + "/raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "mp3/2024")).build();

        TranscodeReport report = session(azurite).transcode(request);

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::input).containsExactlyInAnyOrderElementsOf(BlobStoreFixture.NESTED);
        assertThat(report.files()).extracting(FileResult::outputBlob).containsExactlyInAnyOrder(
                "mp3/2024/a/LowPriVMs-1.mp3", "mp3/2024/b/LowPriVMs-1.mp3", "mp3/2024/top.mp3",
                "mp3/2024/a/deeper/still/clip.v2.mp3");
        assertThat(report.files()).flatExtracting(FileResult::outputs).extracting(OutputResult::blob)
                .containsExactlyInAnyOrder("mp3/2024/a/LowPriVMs-1.mp3", "mp3/2024/b/LowPriVMs-1.mp3",
                        "mp3/2024/top.mp3", "mp3/2024/a/deeper/still/clip.v2.mp3");
        assertThat(blobs.names(blobs.destinationContainer())).containsExactlyInAnyOrder(
                "mp3/2024/a/LowPriVMs-1.mp3", "mp3/2024/b/LowPriVMs-1.mp3", "mp3/2024/top.mp3",
                "mp3/2024/a/deeper/still/clip.v2.mp3");
        Path one = blobs.download(blobs.destinationContainer(), "mp3/2024/a/deeper/still/clip.v2.mp3",
                tmp.resolve("check/clip.v2.mp3"));
        assertThat(MEDIA.durationSeconds(one)).hasValueCloseTo(2.0, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void outputsGoToBothADirectoryAndBlobsWhenBothAreAsked(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        Path out = tmp.resolve("out");
        TranscodeReport report = session(azurite).transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer())).outputDirectory(out).build());

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(out.resolve("a/deeper/still/clip.v2.mp3")).isNotEmptyFile();
        assertThat(out.resolve("top.mp3")).isNotEmptyFile();
        assertThat(blobs.names(blobs.destinationContainer())).containsExactlyInAnyOrder("a/LowPriVMs-1.mp3",
                "b/LowPriVMs-1.mp3", "top.mp3", "a/deeper/still/clip.v2.mp3");
    }

    @Test
    void aLocalDirectoryCanBeTranscodedIntoBlobs(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        Path in = tmp.resolve("in");
        MEDIA.tutorialClips(in.resolve("sub"), 2);
        TranscodeReport report = session(azurite).transcode(TranscodeRequest.builder().inputDirectory(in)
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "x")).build());

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(blobs.names(blobs.destinationContainer()))
                .containsExactlyInAnyOrder("x/sub/LowPriVMs-1.mp3", "x/sub/LowPriVMs-2.mp3");
    }

    @Test
    void skipExistingReusesOutputBlobsAndRedoesOnlyTheMissingOnes(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "mp3"))
                .overwrite(OverwritePolicy.SKIP_EXISTING).build();
        assertThat(session(azurite).transcode(request).allSucceeded()).isTrue();
        blobs.service.getBlobContainerClient(blobs.destinationContainer()).getBlobClient("mp3/top.mp3").delete();

        TranscodeReport again = session.transcode(request);

        assertThat(again.allSucceeded()).isTrue();
        assertThat(again.files()).filteredOn(r -> r.input().equals("raw/2024/top.mp4"))
                .singleElement().satisfies(r -> assertThat(r.attempts()).isEqualTo(1));
        assertThat(again.files()).filteredOn(r -> !r.input().equals("raw/2024/top.mp4"))
                .hasSize(3).allSatisfy(r -> assertThat(r.attempts()).as("reused " + r.input()).isZero());
        assertThat(blobs.names(blobs.destinationContainer())).contains("mp3/top.mp3");
    }

    @Test
    void aContainerThatDoesNotExistFailsBeforeWorkNamingIt(Azurite azurite) {
        TranscodeRequest request = TranscodeRequest.builder().inputBlobs(BlobLocation.of("no-such-media", "raw"))
                .outputDirectory(tmp.resolve("out")).build();

        assertThatThrownBy(() -> session(azurite).transcode(request)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("container 'no-such-media'").hasMessageContaining("does not exist");
    }

    @Test
    void aPrefixWithNoMatchingBlobFailsBeforeWorkNamingContainerAndPrefix(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        TranscodeRequest request = TranscodeRequest.builder().inputBlobs(BlobLocation.of(blobs.sourceContainer(), "Raw"))
                .outputDirectory(tmp.resolve("out")).build();

        assertThatThrownBy(() -> session(azurite).transcode(request)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no blob in container '" + blobs.sourceContainer() + "' below prefix 'Raw/'");
    }

    @Test
    void aBlobThatIsNotMediaIsAFailedRowNamingItAndTheOthersSucceed(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        Path junk = Files.writeString(tmp.resolve("junk.mp4"), "this is text, not an MP4");
        blobs.service.getBlobContainerClient(blobs.sourceContainer()).getBlobClient("raw/2024/junk.mp4")
                .uploadFromFile(junk.toString(), true);

        TranscodeReport report = session(azurite).transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer())).build());

        assertThat(report.failedFiles()).singleElement().satisfies(r -> {
            assertThat(r.input()).isEqualTo("raw/2024/junk.mp4");
            assertThat(r.error()).contains("source blob 'raw/2024/junk.mp4' in container '" + blobs.sourceContainer() + "'");
            assertThat(r.failureCode()).isEqualTo(io.github.batchtranscode.model.FailureCode.FFMPEG_EXIT); // as on Azure
        });
        assertThat(report.succeeded()).isEqualTo(4);
        assertThat(blobs.names(blobs.destinationContainer())).hasSize(4).doesNotContain("junk.mp3");
    }

    @Test
    void credentialsThatMayNotListTheSourceFailBeforeWork(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        session = TranscodeSession.builder().storage(StorageSettings.client(sasClient(azurite, blobs, "rw"))).build();

        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw")).outputDirectory(tmp.resolve("o")).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("may not list container '" + blobs.sourceContainer() + "'")
                .hasMessageNotContaining("sig=");
    }

    @Test
    void credentialsThatMayNotWriteTheDestinationFailBeforeWork(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        blobs.uploadNested(MEDIA, tmp);
        blobs.service.getBlobContainerClient(blobs.destinationContainer()).create();
        session = TranscodeSession.builder().storage(StorageSettings.client(sasClient(azurite, blobs, "rl"))).build();

        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "out")).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("may not write blob 'out/.batch-transcode-write-check-")
                .hasMessageContaining("container '" + blobs.destinationContainer() + "'")
                .hasMessageNotContaining("sig=");
        assertThat(blobs.names(blobs.destinationContainer())).isEmpty();
    }

    @Test
    void aUrlOfAnotherAccountThanTheSettingsReachIsRefused(Azurite azurite) {
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.parse("https://otheraccount.blob.core.windows.net/media/raw"))
                .outputDirectory(tmp.resolve("out")).build();

        assertThatThrownBy(() -> session(azurite).transcode(request)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("storage account 'otheraccount'").hasMessageContaining("'devstoreaccount1'");
    }

    @Test
    void blobRequestsWithoutStorageSettingsSayHowToGiveThem() {
        try (TranscodeSession plain = TranscodeSession.builder().build()) {
            assertThatThrownBy(() -> plain.transcode(TranscodeRequest.builder().inputBlobs(BlobLocation.of("media"))
                    .outputDirectory(tmp.resolve("out")).build())).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("storage(...)");
        }
    }

    /** A client whose account SAS allows only {@code permissions} ("r", "w", "l", ...). */
    private static com.azure.storage.blob.BlobServiceClient sasClient(Azurite azurite, BlobStoreFixture blobs,
            String permissions) {
        String sas = blobs.service.generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1),
                AccountSasPermission.parse(permissions), AccountSasService.parse("b"),
                AccountSasResourceType.parse("sco")));
        return new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint()).sasToken(sas).buildClient();
    }

    static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    @Test
    void severalFormatsAndVideoPresetsGoBlobToBlobWithEveryOutputAndTheWholeHlsFolder(Azurite azurite)
            throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        var source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        List<Path> clips = MEDIA.tutorialClips(tmp.resolve("clips"), 2, java.time.Duration.ofSeconds(2));
        source.getBlobClient("raw/a/one.mp4").uploadFromFile(clips.get(0).toString(), true);
        source.getBlobClient("raw/b/deeper/two.mp4").uploadFromFile(clips.get(1).toString(), true);

        TranscodeReport report = session(azurite).transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "out"))
                .formats(OutputFormat.of(Preset.MP3), OutputFormat.of(Preset.H264_480P), OutputFormat.of(Preset.HLS),
                        OutputFormat.of(Preset.THUMBNAIL)).build());

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::input)
                .containsExactlyInAnyOrder("raw/a/one.mp4", "raw/b/deeper/two.mp4");
        List<String> names = blobs.names(blobs.destinationContainer());
        assertThat(report.files()).allSatisfy(row -> {
            assertThat(row.outputs()).hasSize(4).allMatch(OutputResult::succeeded);
            assertThat(row.outputBlob()).isEqualTo("out/" + row.output());
            assertThat(row.outputs()).allSatisfy(o -> assertThat(names).contains("out/" + o.path()));
            assertThat(row.outputs()).as("every output names the blob it is in").allSatisfy(o -> {
                assertThat(o.blob()).isEqualTo("out/" + o.path());
                assertThat(names).contains(o.blob());
            });
            assertThat(row.outputs()).filteredOn(o -> o.preset().equals("hls")).singleElement()
                    .satisfies(o -> assertThat(o.blob()).as("the HLS folder's master").endsWith(".hls/master.m3u8"));
        });
        assertThat(names).contains("out/a/one.mp3", "out/a/one.jpg", "out/a/one.hls/master.m3u8",
                "out/b/deeper/two.mp3", "out/b/deeper/two.jpg", "out/b/deeper/two.hls/master.m3u8");
        List<String> hls = names.stream().filter(n -> n.startsWith("out/b/deeper/two.hls/")).toList();
        assertThat(hls).as("the master, each variant's playlist and its segments")
                .contains("out/b/deeper/two.hls/master.m3u8")
                .anyMatch(n -> n.endsWith("/index.m3u8")).anyMatch(n -> n.endsWith(".ts") || n.endsWith(".m4s"));
        // a player reading the container: the HLS folder as uploaded plays through its master playlist
        for (String n : hls) {
            blobs.download(blobs.destinationContainer(), n, tmp.resolve("check").resolve(n));
        }
        assertThat(MEDIA.durationSeconds(tmp.resolve("check/out/b/deeper/two.hls/master.m3u8")))
                .hasValueCloseTo(2.0, org.assertj.core.data.Offset.offset(0.4));
        Path mp4 = blobs.download(blobs.destinationContainer(), names.stream()
                .filter(n -> n.startsWith("out/a/one") && n.endsWith(".mp4")).findFirst().orElseThrow(),
                tmp.resolve("check/one.mp4"));
        assertThat(MEDIA.durationSeconds(mp4)).hasValueCloseTo(2.0, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void skipExistingWithSeveralFormatsRedoesOnlyInputsMissingAnOutput(Azurite azurite) throws Exception {
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        var source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        List<Path> clips = MEDIA.tutorialClips(tmp.resolve("clips"), 2, java.time.Duration.ofSeconds(2));
        source.getBlobClient("one.mp4").uploadFromFile(clips.get(0).toString(), true);
        source.getBlobClient("two.mp4").uploadFromFile(clips.get(1).toString(), true);
        TranscodeRequest request = TranscodeRequest.builder().inputBlobs(BlobLocation.of(blobs.sourceContainer()))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "o")).formats(OutputFormat.of(Preset.MP3), OutputFormat.of(Preset.AAC))
                .overwrite(OverwritePolicy.SKIP_EXISTING).build();
        assertThat(session(azurite).transcode(request).allSucceeded()).isTrue();
        var dest = blobs.service.getBlobContainerClient(blobs.destinationContainer());
        assertThat(blobs.names(blobs.destinationContainer()))
                .containsExactlyInAnyOrder("o/one.mp3", "o/one.m4a", "o/two.mp3", "o/two.m4a");
        dest.getBlobClient("o/two.m4a").delete();
        var oneEtag = dest.getBlobClient("o/one.mp3").getProperties().getETag();
        var twoEtag = dest.getBlobClient("o/two.mp3").getProperties().getETag();

        TranscodeReport again = session.transcode(request);

        assertThat(again.allSucceeded()).as(again.toJson()).isTrue();
        assertThat(again.files()).allSatisfy(row -> assertThat(row.outputs()).extracting(OutputResult::blob)
                .as("reused or made, each output names its blob").containsExactly(
                        "o/" + row.input().replace(".mp4", ".mp3"), "o/" + row.input().replace(".mp4", ".m4a")));
        assertThat(dest.getBlobClient("o/two.m4a").exists()).as("made again").isTrue();
        assertThat(dest.getBlobClient("o/one.mp3").getProperties().getETag()).as("left alone").isEqualTo(oneEtag);
        // the input made again for its m4a keeps its mp3 as it is, as on Azure Batch
        assertThat(dest.getBlobClient("o/two.mp3").getProperties().getETag()).as("kept").isEqualTo(twoEtag);
    }
}
