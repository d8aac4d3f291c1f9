package io.github.batchtranscode.internal.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Best-effort helpers for files and folders (HLS outputs are folders). */
final class Trees {
    private Trees() {
    }

    /** Deletes a file, or a folder with everything in it; ignores what cannot be deleted. */
    static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary name never looks like a finished output
                }
            });
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort
        }
    }

    /** The size of a file, or of every file below a folder; null when it cannot be read. */
    static Long size(Path p) {
        try {
            if (!Files.isDirectory(p)) {
                return Files.size(p);
            }
            try (Stream<Path> walk = Files.walk(p)) {
                return walk.filter(Files::isRegularFile).mapToLong(x -> x.toFile().length()).sum();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
