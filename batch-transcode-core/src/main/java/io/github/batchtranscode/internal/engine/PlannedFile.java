package io.github.batchtranscode.internal.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file with everything derived from it before any work starts.
 *
 * @param taskId     deterministic id (stable hash of the relative path and the output formats), a valid Batch task id
 * @param input      path relative to the input directory, {@code /}-separated; for a blob source, the blob's
 *                   full name in its container
 * @param inputPath  the input file on disk; for a blob source, the name below the prefix (downloaded first)
 * @param output     the first output's path relative to the output directory, {@code /}-separated; never collides
 *                   with another
 * @param inputBytes the input's size
 * @param stem       what every output name of this input starts with ({@code a/x} for {@code a/x.mp4}, or
 *                   {@code a/x.mp4} when another input shares {@code a/x}); outputs are {@code <stem>.<suffix>}
 * @param version    for a blob source, what identifies the blob's content ({@code md5:<hex>} from its Content-MD5,
 *                   else {@code etag:<etag>}); {@code null} for local files
 */
public record PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes, String stem,
        String version) {
    /** A local file with several outputs sharing {@code stem}. */
    public PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes, String stem) {
        this(taskId, input, inputPath, output, inputBytes, stem, null);
    }

    public PlannedFile {
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(inputPath, "inputPath == null");
        Objects.requireNonNull(output, "output == null");
        Objects.requireNonNull(stem, "stem == null");
    }

    /** A file with a single output whose stem is the output without its extension. */
    public PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes) {
        this(taskId, input, inputPath, output, inputBytes, stripExtension(output));
    }

    private static String stripExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot <= slash + 1 ? path : path.substring(0, dot);
    }
}
