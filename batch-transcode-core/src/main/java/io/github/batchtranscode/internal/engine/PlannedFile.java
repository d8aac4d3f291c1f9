package io.github.batchtranscode.internal.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file with everything derived from it before any work starts.
 *
 * @param taskId     deterministic id (stable hash of the relative path and the output formats), a valid Batch task id
 * @param input      path relative to the input directory, {@code /}-separated
 * @param inputPath  the input file on disk
 * @param output     the first output's path relative to the output directory, {@code /}-separated; never collides
 *                   with another
 * @param inputBytes the input's size
 * @param stem       what every output name of this input starts with ({@code a/x} for {@code a/x.mp4}, or
 *                   {@code a/x.mp4} when another input shares {@code a/x}); outputs are {@code <stem>.<suffix>}
 */
public record PlannedFile(String taskId, String input, Path inputPath, String output, long inputBytes, String stem) {
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
