package io.github.batchtranscode.internal.ffmpeg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The ffmpeg and ffprobe executables to run, and where they were found.
 *
 * @param ffmpeg  the ffmpeg executable
 * @param ffprobe the ffprobe executable
 * @param source  how they were found: {@code setting}, {@code BATCH_TRANSCODE_FFMPEG}, {@code PATH} or {@code bundled}
 */
public record FfmpegTools(Path ffmpeg, Path ffprobe, String source) {
    public FfmpegTools {
        Objects.requireNonNull(ffmpeg, "ffmpeg == null");
        Objects.requireNonNull(ffprobe, "ffprobe == null");
        Objects.requireNonNull(source, "source == null");
    }

    /** The directory holding ffmpeg, to put first on a child process's {@code PATH}. */
    public Path directory() {
        return ffmpeg.toAbsolutePath().getParent();
    }
}
