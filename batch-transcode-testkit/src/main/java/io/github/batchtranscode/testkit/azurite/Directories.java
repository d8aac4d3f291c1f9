package io.github.batchtranscode.testkit.azurite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes folder trees (without following symbolic links). */
final class Directories {
    private Directories() {
    }

    /**
     * Deletes {@code dir} and everything in it; nothing happens when it does not exist.
     *
     * @throws UncheckedIOException when something in it cannot be deleted
     */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
