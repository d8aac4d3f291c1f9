package io.github.batchtranscode.testkit.media;

import io.github.batchtranscode.FfmpegInstallation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** Reads a media file's duration with ffprobe, run through the library's public {@link FfmpegInstallation}. */
final class Ffprobe {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private final FfmpegInstallation ffmpeg;

    Ffprobe(FfmpegInstallation ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** The container's duration in seconds, or empty when ffprobe cannot read the file or it states none. */
    OptionalDouble durationSeconds(Path file) throws IOException {
        FfmpegInstallation.Result r = ffmpeg.runProbe(List.of("-v", "error", "-show_entries",
                "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file.toString()), TIMEOUT);
        if (!r.finished()) {
            throw new IOException("ffprobe did not finish reading " + file + " within " + TIMEOUT.toSeconds()
                    + " s and was killed");
        }
        if (r.exit() != 0) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(r.stdout().strip().lines().reduce((a, b) -> b).orElse("")));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
