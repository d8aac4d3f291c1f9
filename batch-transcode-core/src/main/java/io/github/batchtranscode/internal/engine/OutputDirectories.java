package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work starts, that outputs can be written where the request wants them. */
public final class OutputDirectories {
    private OutputDirectories() {
    }

    /**
     * Creates {@code dir} if missing and proves it writable by creating and deleting a probe file.
     *
     * @throws ConfigurationException naming the directory when it is a file or cannot be written
     */
    public static void checkWritable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigurationException("output directory " + dir + " is a file, not a directory: choose a"
                    + " directory (it is created if missing)");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException("output directory " + dir + " cannot be written: " + e.getMessage()
                    + ". Choose a writable directory or fix its permissions", e);
        }
    }
}
