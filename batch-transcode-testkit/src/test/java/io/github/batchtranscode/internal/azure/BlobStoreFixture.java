package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Media that lives in Blob Storage for the blob-source tests: a container unique to the test holding clips under a
 * prefix in nested "folders", plus blobs the request must not pick up (another prefix, a non-matching name).
 */
final class BlobStoreFixture {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final List<String> NESTED = List.of("raw/2024/a/LowPriVMs-1.mp4", "raw/2024/b/LowPriVMs-1.mp4",
            "raw/2024/top.mp4", "raw/2024/a/deeper/still/clip.v2.mp4");
    final BlobServiceClient service;
    final String suffix = ProcessHandle.current().pid() + "x" + SEQ.incrementAndGet();

    BlobStoreFixture(Azurite azurite) {
        this.service = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
    }

    String sourceContainer() {
        return "media-" + suffix;
    }

    String destinationContainer() {
        return "mp3-" + suffix;
    }

    /** Uploads {@link #NESTED} clips, plus {@code other/elsewhere.mp4} and {@code raw/2024/notes.txt}. */
    void uploadNested(SampleMedia media, Path tmp) throws IOException {
        BlobContainerClient c = service.getBlobContainerClient(sourceContainer());
        c.createIfNotExists();
        Path clips = tmp.resolve("clips");
        List<Path> made = media.tutorialClips(clips, NESTED.size() + 1, Duration.ofSeconds(2));
        for (int i = 0; i < NESTED.size(); i++) {
            c.getBlobClient(NESTED.get(i)).uploadFromFile(made.get(i).toString(), true);
        }
        c.getBlobClient("other/elsewhere.mp4").uploadFromFile(made.get(NESTED.size()).toString(), true);
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "not media, and not *.mp4");
        c.getBlobClient("raw/2024/notes.txt").uploadFromFile(notes.toString(), true);
    }

    /** Names of the blobs in {@code container} (without the write-check probes' empty blobs). */
    List<String> names(String container) {
        List<String> names = new ArrayList<>();
        service.getBlobContainerClient(container).listBlobs().forEach(b -> {
            if (b.getProperties().getContentLength() > 0) {
                names.add(b.getName());
            }
        });
        return names;
    }

    Path download(String container, String blob, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        service.getBlobContainerClient(container).getBlobClient(blob).downloadToFile(target.toString(), true);
        return target;
    }
}
