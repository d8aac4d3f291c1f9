package io.github.batchtranscode.internal.azure;

import static io.github.batchtranscode.internal.azure.ItFixtures.row;
import static io.github.batchtranscode.internal.azure.ItFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.BlobContainerClient;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.HlsMaster;
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
import io.github.batchtranscode.model.VideoTaskSplit;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video presets and several formats, blob to blob on Azure Batch (the emulator, driven by the real azure-batch
 * client, real ffmpeg on its nodes): the nodes probe the source blobs, pick the renditions, verify every output and
 * write a result manifest; the outputs go by OutputFile rules straight to the destination container and prefix,
 * the HLS master included. The client moves no media: its own counter and Azurite's request log both say so.
 */
class BlobVideoAzureIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());
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

    private static Path debugLog() {
        try {
            return Files.createTempDirectory("blob-video-it-").resolve("azurite-debug.log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void videoAndAudioPresetsRunBlobToBlobPlannedAndVerifiedOnTheNodes(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        Path clips = tmp.resolve("clips");
        upload(source, "raw/2024/a/wide.mp4", MEDIA.video(clips.resolve("wide.mp4"), 854, 480, 1.5, true));
        upload(source, "raw/2024/b/deeper/mute.mp4", MEDIA.video(clips.resolve("mute.mp4"), 320, 240, 1.0, false));
        upload(source, "raw/2024/talk.mp4", audioOnly(clips.resolve("talk.mp4"), 1.5));
        Path cut = MEDIA.video(clips.resolve("cut.mp4"), 640, 360, 1.5, true);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(all, all.length / 2)); // ffmpeg exits 0 on it and writes part of it
        upload(source, "raw/2024/b/cut.mp4", cut);
        AzureHarness.Phases phases = new AzureHarness.Phases();
        long logStart = Files.exists(DEBUG_LOG) ? Files.size(DEBUG_LOG) : 0;

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(TranscodeRequest.builder()
                        .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw/2024"))
                        .outputBlobs(BlobLocation.of(blobs.destinationContainer(), "video/v1"))
                        .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS),
                                OutputFormat.of(Preset.THUMBNAIL), OutputFormat.of(Preset.MP3))
                        .build(), phases).await(AzureHarness.WAIT);

        String d = "video/v1/";
        // nothing through the client: its own counter and Azurite's log (read before this test downloads anything)
        assertThat(phases.messages()).contains("This process moved 0 byte(s) of media: the tasks read the source"
                + " blobs and wrote the outputs directly");
        AzuriteRequests log = AzureHarness.await("Azurite's log of the source reads", java.time.Duration.ofSeconds(30),
                () -> read(logStart), l -> l.matching("GET", "/" + blobs.sourceContainer() + "/raw/2024/").size() >= 4);
        assertThat(log.matching("GET", "/" + blobs.sourceContainer() + "/raw/2024/"))
                .allSatisfy(r -> assertThat(r.userAgent()).doesNotContain("azsdk-java"));
        assertThat(log.bySdk()).as("the client's own requests").noneMatch(r ->
                (r.method().equals("GET") && (r.url().contains("/" + blobs.sourceContainer() + "/raw/")
                        || r.url().contains("/" + blobs.destinationContainer() + "/")))
                        || (r.method().equals("PUT") && r.url().contains("/" + blobs.destinationContainer() + "/" + d)
                        // the own-height rung is copied by the service (Copy Blob), no byte through the client
                        && !r.url().endsWith("/b/deeper/mute.240p.mp4")
                        && !r.url().contains(".batch-transcode-write-check-")));
        assertThat(report.files()).hasSize(4);
        FileResult wide = row(report, "raw/2024/a/wide.mp4");
        assertThat(wide.status()).as(report.toJson()).isEqualTo(FileStatus.SUCCEEDED);
        // rungs not above the 480-line source
        assertThat(wide.outputs()).extracting(OutputResult::path, OutputResult::preset, OutputResult::height,
                OutputResult::videoCodec, OutputResult::audioCodec).containsExactly(
                        Tuple.tuple("a/wide.480p.mp4", "h264-ladder", 480, "h264", "aac"),
                        Tuple.tuple("a/wide.360p.mp4", "h264-ladder", 360, "h264", "aac"),
                        Tuple.tuple("a/wide.hls/master.m3u8", "hls", 480, "h264", "aac"),
                        Tuple.tuple("a/wide.jpg", "thumbnail", 480, "mjpeg", null),
                        Tuple.tuple("a/wide.mp3", "mp3", null, null, "mp3"));
        assertThat(wide.outputs().get(0).durationSeconds()).isCloseTo(1.5, within(0.3));
        assertThat(wide.outputs()).allSatisfy(o -> assertThat(o.bytes()).isPositive());
        assertThat(wide.outputs()).extracting(OutputResult::blob).containsExactly("video/v1/a/wide.480p.mp4",
                "video/v1/a/wide.360p.mp4", "video/v1/a/wide.hls/master.m3u8", "video/v1/a/wide.jpg",
                "video/v1/a/wide.mp3");
        assertThat(wide.outputBlob()).isEqualTo("video/v1/a/wide.480p.mp4");
        assertThat(wide.inputDurationSeconds()).isCloseTo(1.5, within(0.1));

        FileResult mute = row(report, "raw/2024/b/deeper/mute.mp4");
        assertThat(mute.status()).isEqualTo(FileStatus.FAILED);
        assertThat(mute.failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(mute.error()).startsWith("source blob 'raw/2024/b/deeper/mute.mp4' in container '"
                + blobs.sourceContainer() + "': b/deeper/mute.mp3: ").contains("no audio stream (it has: video)");
        // a source below the ladder's lowest rung gets one at its own height, named as locally
        assertThat(mute.outputs()).extracting(OutputResult::path, OutputResult::status, OutputResult::audioCodec)
                .containsExactly(Tuple.tuple("b/deeper/mute.240p.mp4", FileStatus.SUCCEEDED, null),
                        Tuple.tuple("b/deeper/mute.hls/master.m3u8", FileStatus.SUCCEEDED, null),
                        Tuple.tuple("b/deeper/mute.jpg", FileStatus.SUCCEEDED, null),
                        Tuple.tuple("b/deeper/mute.mp3", FileStatus.FAILED, null));

        FileResult talk = row(report, "raw/2024/talk.mp4");
        assertThat(talk.failureCode()).isEqualTo(FailureCode.NO_VIDEO);
        assertThat(talk.outputs()).filteredOn(o -> o.status() == FileStatus.SUCCEEDED)
                .extracting(OutputResult::path).containsExactly("talk.mp3");

        FileResult bad = row(report, "raw/2024/b/cut.mp4");
        assertThat(bad.status()).isEqualTo(FileStatus.FAILED);
        assertThat(bad.failureCode()).isEqualTo(FailureCode.VERIFICATION);
        assertThat(bad.error()).contains("': b/cut.360p.mp4: ").contains("truncated");
        assertThat(bad.outputs()).filteredOn(o -> o.status() == FileStatus.SUCCEEDED).extracting(OutputResult::path)
                .containsExactly("b/cut.jpg"); // the poster frame is whole: only the truncated renditions fail

        List<String> names = blobs.names(blobs.destinationContainer());
        assertThat(names).contains(d + "a/wide.480p.mp4", d + "a/wide.360p.mp4", d + "a/wide.jpg", d + "a/wide.mp3",
                d + "a/wide.hls/master.m3u8", d + "a/wide.hls/480p/index.m3u8", d + "a/wide.hls/360p/index.m3u8",
                d + "b/deeper/mute.240p.mp4", d + "b/deeper/mute.hls/240p/index.m3u8", d + "talk.mp3")
                .noneMatch(n -> n.startsWith(d + "b/cut.360p") || n.startsWith(d + "b/cut.hls/"))
                .noneMatch(n -> n.contains("1080p") || n.contains("720p") || n.startsWith(d + "talk.")
                        && !n.equals(d + "talk.mp3") || n.contains("mute.mp3"))
                .allMatch(n -> n.startsWith(d));
        assertThat(blobs.service.getBlobContainerClient(blobs.destinationContainer())
                .getBlobClient(d + "a/wide.hls/master.m3u8").getProperties().getContentType())
                .isEqualTo("application/vnd.apple.mpegurl");

        // the destination's HLS folder plays on its own, and its master is the one the local backend writes
        Path hls = tmp.resolve("hls");
        for (String n : names) {
            if (n.startsWith(d + "a/wide.hls/")) {
                blobs.download(blobs.destinationContainer(), n, hls.resolve(n.substring((d + "a/wide.hls/").length())));
            }
        }
        MediaProbe.Info played = PROBE.probe(hls.resolve("master.m3u8"));
        assertThat(played.readable()).as(played.error()).isTrue();
        assertThat(played.video().height()).isEqualTo(480);
        assertThat(played.hasAudio()).isTrue();
        assertThat(played.mediaSeconds()).isCloseTo(1.5, within(0.5));
        String nodeMaster = Files.readString(hls.resolve("master.m3u8"));
        HlsMaster.write(hls, List.of(new int[] {480, 480}, new int[] {360, 360}),
                new MediaProbe.Video("h264", 854, 480, 1.5, false, 25), PROBE);
        assertThat(nodeMaster).isEqualTo(Files.readString(hls.resolve("master.m3u8")));

        // the node's command line is the constant one
        assertThat(azure.batch().tasks(report.jobId(), null, null)).hasSize(4)
                .allSatisfy(t -> assertThat(t.commandLine()).isEqualTo(NodeScript.COMMAND_LINE));
    }

    @Test
    void oneTaskPerRenditionWithBlobLocationsIsRefusedNamingTheSetting(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        BlobStoreFixture blobs = new BlobStoreFixture(azurite);
        BlobContainerClient source = blobs.service.getBlobContainerClient(blobs.sourceContainer());
        source.createIfNotExists();
        upload(source, "raw/one.mp4", MEDIA.video(tmp.resolve("one.mp4"), 320, 240, 0.5, true));
        TranscodeRequest.Builder request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(blobs.sourceContainer(), "raw"))
                .outputBlobs(BlobLocation.of(blobs.destinationContainer()))
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.MP3));

        assertThatThrownBy(() -> azure.session(azure.options().videoTaskSplit(VideoTaskSplit.PER_RENDITION).build())
                .transcode(request.build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("videoTaskSplit(PER_RENDITION)");
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).isZero();
    }

    /** An MP4 holding only a 1 kHz tone (AAC): an audio-only source. */
    private static Path audioOnly(Path file, double seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(TOOLS.ffmpeg().toString(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=1000:sample_rate=44100:duration=" + seconds, "-c:a", "aac", file.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        return file;
    }

    private static AzuriteRequests read(long offset) {
        try {
            return AzuriteRequests.read(DEBUG_LOG, offset);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
