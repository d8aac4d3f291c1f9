package io.github.batchtranscode.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial app with azcopy-style blob URLs as {@code --input} and {@code --output}, against Azurite. */
@ExtendWith(AzuriteExtension.class)
class TutorialAppBlobIT {
    @TempDir
    Path dir;

    @Test
    void blobUrlsInAndOutTranscodeBlobToBlobWithCredentialsFromTheConfigFile(Azurite azurite) throws Exception {
        String suffix = Long.toString(ProcessHandle.current().pid());
        BlobContainerClient media = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient().getBlobContainerClient("cli-media-" + suffix);
        media.createIfNotExists();
        List<Path> clips = SampleMedia.create().tutorialClips(dir.resolve("clips"), 2);
        media.getBlobClient("raw/one/LowPriVMs-1.mp4").uploadFromFile(clips.get(0).toString(), true);
        media.getBlobClient("raw/two/LowPriVMs-2.mp4").uploadFromFile(clips.get(1).toString(), true);
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"storageConnectionString\": \"" + azurite.connectionString() + "\"}");
        String base = azurite.blobEndpoint() + "/" + media.getBlobContainerName();

        Run run = run("--input", base + "/raw", "--output", base + "/mp3", "--config", config.toString(),
                "--report", dir.resolve("report.json").toString());

        assertThat(run.exit).as(run.out + run.err).isZero();
        List<String> names = new ArrayList<>();
        media.listBlobs().forEach(b -> names.add(b.getName()));
        assertThat(names).contains("mp3/one/LowPriVMs-1.mp3", "mp3/two/LowPriVMs-2.mp3");
        TranscodeReport report = TranscodeReport.fromJson(Files.readString(dir.resolve("report.json")));
        assertThat(report.files()).extracting(FileResult::input)
                .containsExactlyInAnyOrder("raw/one/LowPriVMs-1.mp4", "raw/two/LowPriVMs-2.mp4");
        assertThat(report.files()).extracting(FileResult::outputBlob)
                .containsExactlyInAnyOrder("mp3/one/LowPriVMs-1.mp3", "mp3/two/LowPriVMs-2.mp3");
        assertThat(run.out + run.err).doesNotContain(azurite.accountKey());
    }

    @Test
    void anOutputUrlAndAnOutputDirectoryBothGetEveryOutputAndTheReportNamesEachBlob(Azurite azurite)
            throws Exception {
        String suffix = Long.toString(ProcessHandle.current().pid());
        BlobServiceClient service = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        BlobContainerClient media = service.getBlobContainerClient("cli-both-" + suffix);
        media.createIfNotExists();
        List<Path> clips = SampleMedia.create().tutorialClips(dir.resolve("clips"), 2);
        media.getBlobClient("raw/one/LowPriVMs-1.mp4").uploadFromFile(clips.get(0).toString(), true);
        media.getBlobClient("raw/LowPriVMs-2.mp4").uploadFromFile(clips.get(1).toString(), true);
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"storageConnectionString\": \"" + azurite.connectionString() + "\"}");
        String base = azurite.blobEndpoint() + "/" + media.getBlobContainerName();
        Path local = dir.resolve("local");

        Run run = run("--input", base + "/raw", "--output", base + "/out", "--output", local.toString(),
                "--config", config.toString());

        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(local.resolve("one/LowPriVMs-1.mp3")).isNotEmptyFile();
        assertThat(local.resolve("LowPriVMs-2.mp3")).isNotEmptyFile();
        List<String> names = new ArrayList<>();
        media.listBlobs().forEach(b -> names.add(b.getName()));
        assertThat(names).contains("out/one/LowPriVMs-1.mp3", "out/LowPriVMs-2.mp3");
        TranscodeReport report = TranscodeReport.fromJson(Files.readString(local.resolve("report.json")));
        assertThat(report.files()).flatExtracting(FileResult::outputs)
                .extracting(io.github.batchtranscode.model.OutputResult::path,
                        io.github.batchtranscode.model.OutputResult::blob)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("one/LowPriVMs-1.mp3", "out/one/LowPriVMs-1.mp3"),
                        org.assertj.core.groups.Tuple.tuple("LowPriVMs-2.mp3", "out/LowPriVMs-2.mp3"));
        assertThat(run.out + run.err).doesNotContain(azurite.accountKey());
    }

    @Test
    void aUrlWithASasExitsOneWithAMessage() {
        Run run = run("--input", "http://127.0.0.1:1/devstoreaccount1/media/raw?sv=2024&sig=c2VjcmV0");
        assertThat(run.exit).isEqualTo(TutorialApp.EXIT_ERROR);
        assertThat(run.err).contains("SAS").doesNotContain("c2VjcmV0");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new TutorialApp(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
