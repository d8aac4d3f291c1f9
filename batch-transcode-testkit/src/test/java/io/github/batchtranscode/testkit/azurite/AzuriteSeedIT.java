package io.github.batchtranscode.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded Azurite serves every seeded blob as Azurite's own: all of them listed in name order, under each prefix
 * and across pages, read back with their content, and still right after Azurite itself adds and deletes blobs in
 * the same container and after a restart on the same {@code location}.
 */
class AzuriteSeedIT {
    private static final byte[] CONTENT = "seeded\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void seededBlobsAreListedReadAndKeptLikeAzuritesOwn(@TempDir Path dir) {
        // written out of name order, so a listing in name order relies on the name index and Azurite's sort
        List<String> names = IntStream.range(0, 3_000).map(i -> 2_999 - i)
                .mapToObj(i -> String.format(Locale.ROOT, "lib/%02d/clip-%04d.mp4", i % 7, i)).toList();
        Path location = dir.resolve("azurite");
        try (Azurite azurite = start(AzuriteSeed.of(location, "seeded", names, CONTENT))) {
            BlobContainerClient c = client(azurite);
            assertThat(list(c, null)).as("every seeded blob, in name order")
                    .isEqualTo(names.stream().sorted().toList());
            assertThat(list(c, "lib/03/")).hasSize((int) names.stream().filter(n -> n.startsWith("lib/03/")).count());
            assertThat(c.getBlobClient("lib/02/clip-1234.mp4").downloadContent().toBytes()).isEqualTo(CONTENT);

            c.getBlobClient("lib/00/added.mp4").upload(BinaryData.fromString("new"), true);
            c.getBlobClient("lib/01/clip-0001.mp4").delete();
            c.getBlobClient("lib/02/clip-0002.mp4").upload(BinaryData.fromString("replaced"), true);
            assertThat(list(c, "lib/0")).hasSize(3_000).contains("lib/00/added.mp4")
                    .doesNotContain("lib/01/clip-0001.mp4");
            assertThat(c.getBlobClient("lib/02/clip-0002.mp4").downloadContent().toString()).isEqualTo("replaced");
        }
        try (Azurite again = Azurite.builder().location(location).start()) {
            assertThat(list(client(again), null)).as("the same folder after a restart").hasSize(3_000)
                    .contains("lib/00/added.mp4", "lib/03/clip-2999.mp4");
        }
        assertThat(Files.isDirectory(location)).as("the location outlives Azurite").isTrue();
    }

    @Test
    void refusesAFolderInUseAndRepeatedNames(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("used"));
        Files.writeString(dir.resolve("used").resolve("x"), "x");
        assertThatThrownBy(() -> AzuriteSeed.of(dir.resolve("used"), "c", List.of("a"), CONTENT).start())
                .hasMessageContaining("not empty");
        assertThatThrownBy(() -> AzuriteSeed.of(dir.resolve("n"), "c", List.of("a", "a"), CONTENT))
                .hasMessageContaining("distinct");
    }

    private static Azurite start(AzuriteSeed seed) {
        try {
            return seed.start();
        } catch (AzuriteUnavailableException e) {
            throw CiRule.onUnavailable(e, System.getenv());
        }
    }

    private static BlobContainerClient client(Azurite azurite) {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient("seeded");
    }

    private static List<String> list(BlobContainerClient c, String prefix) {
        return c.listBlobs(new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(1_000), null).stream()
                .map(BlobItem::getName).toList();
    }
}
