package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a consumer of the output container gets from video presets on Azure Batch, through the emulator with the
 * real azure-batch client and real ffmpeg on its nodes: an HLS folder that plays from the container alone.
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
                .presets(Preset.HLS).build());

        FileResult row = report.files().get(0);
        assertThat(row.status()).as(row.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(row.output()).isEqualTo("wide.hls/master.m3u8");
        String folder = row.outputBlob();
        assertThat(folder).startsWith(JobLayout.OUTPUTS).endsWith("wide.hls");
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
