package io.github.batchtranscode.internal.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file with everything derived from it before any work starts.
 *
 * @param taskId     deterministic id (stable hash of the relative path and the output format), a valid Batch task id
 * @param input      path relative to the input directory, {@code /}-separated; for a blob source, the blob's
 *                   full name in its container
 * @param inputPath  the input file on disk; for a blob source, the name below the prefix (downloaded first)
 * @param output     the output path relative to the output directory, {@code /}-separated; never collides with another
 * @param inputBytes the input's size
 * @param version    for a blob source, what identifies the blob's content ({@code md5:<hex>} from its Content-MD5,
 *                   else {@code etag:<etag>}); {@code null} for local files
 */
public record PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes,
        String version) {
    /** A local file (no blob version). */
    public PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes) {
        this(taskId, input, inputPath, output, inputBytes, null);
    }

    public PlannedFile {
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(inputPath, "inputPath == null");
        Objects.requireNonNull(output, "output == null");
    }
}
