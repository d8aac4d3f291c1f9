package io.github.batchtranscode.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The five bundled sample clips ({@code LowPriVMs-1..5.mp4}), copied out of the jar for a run without --input. */
final class SampleInputs {
    static final int COUNT = 5;

    private SampleInputs() {
    }

    /** Deletes a directory made by {@link #extract()}, and its parent. */
    static void delete(Path inputFiles) {
        try (var walk = Files.walk(inputFiles.getParent())) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** Copies the clips into a new temporary directory named like the tutorial's {@code InputFiles}. */
    static Path extract() throws IOException {
        Path dir = Files.createTempDirectory("batch-transcode-samples-").resolve("InputFiles");
        Files.createDirectories(dir);
        for (int i = 1; i <= COUNT; i++) {
            String name = "LowPriVMs-" + i + ".mp4";
            try (InputStream in = SampleInputs.class.getResourceAsStream("InputFiles/" + name)) {
                if (in == null) {
                    throw new IOException("sample clip " + name + " is missing from the jar; rebuild it");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
