package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.BlobContainerClient;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.TranscodeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the Azure video and blob ITs share: a report's row by input, the files a run wrote, a source upload. */
final class ItFixtures {
    private ItFixtures() {
    }

    /** The row of {@code input} (its relative path or source blob name); fails when the report has none. */
    static FileResult row(TranscodeReport report, String input) {
        return report.files().stream().filter(r -> r.input().equals(input)).findFirst().orElseThrow();
    }

    /** Every regular file below {@code dir}, relative and with {@code /}, sorted; empty when it does not exist. */
    static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }

    /** Uploads {@code file} as blob {@code name}, replacing one there. */
    static void upload(BlobContainerClient c, String name, Path file) {
        c.getBlobClient(name).uploadFromFile(file.toString(), true);
    }
}
