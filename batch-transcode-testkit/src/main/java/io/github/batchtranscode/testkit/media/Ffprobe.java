package io.github.batchtranscode.testkit.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/** Reads a media file's duration with ffprobe. */
final class Ffprobe {
    private final Path ffprobe;

    Ffprobe(Path ffprobe) {
        this.ffprobe = ffprobe;
    }

    /** The container's duration in seconds, or empty when ffprobe cannot read the file or it states none. */
    OptionalDouble durationSeconds(Path file) throws IOException {
        Process p = new ProcessBuilder(List.of(ffprobe.toString(), "-v", "error", "-show_entries", "format=duration",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString())).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("ffprobe did not finish reading " + file);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffprobe read " + file, e);
        }
        if (p.exitValue() != 0) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(out.lines().reduce((a, b) -> b).orElse("")));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
