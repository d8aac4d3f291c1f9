package io.github.batchtranscode.internal.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file with everything derived from it before any work starts.
 *
 * @param taskId     deterministic id (stable hash of the relative path and the output format), a valid Batch task id
 * @param input      path relative to the input directory, {@code /}-separated
 * @param inputPath  the input file on disk
 * @param output     the output path relative to the output directory, {@code /}-separated; never collides with another
 * @param inputBytes the input's size
 */
public record PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes) {
    public PlannedFile {
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(inputPath, "inputPath == null");
        Objects.requireNonNull(output, "output == null");
    }
}
