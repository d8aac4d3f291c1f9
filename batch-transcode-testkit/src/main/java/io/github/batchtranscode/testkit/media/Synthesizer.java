package io.github.batchtranscode.testkit.media;

import io.github.batchtranscode.FfmpegInstallation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The recipes behind {@link SampleMedia}: ffmpeg's synthetic sources ({@code -f lavfi} testsrc + sine), and the
 * broken inputs real users hand a transcoder. Runs ffmpeg through the library's public {@link FfmpegInstallation}.
 */
final class Synthesizer {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private final FfmpegInstallation ffmpeg;

    Synthesizer(FfmpegInstallation ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** An MP4 with a small test-pattern video and a sine tone of {@code seconds} seconds; moov atom at the front. */
    Path clip(Path file, double seconds, int toneHz) throws IOException {
        return make(file, List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=44100:duration=" + seconds,
                "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart"));
    }

    /** A {@code width}×{@code height} 24 fps MPEG-4 test pattern, with a 440 Hz tone when {@code audio}. */
    Path video(Path file, int width, int height, double seconds, boolean audio) throws IOException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc=size=" + width + "x" + height + ":rate=24:duration=" + seconds));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds));
        }
        args.addAll(List.of("-c:v", "mpeg4", "-q:v", "6", "-pix_fmt", "yuv420p"));
        if (audio) {
            args.addAll(List.of("-c:a", "aac", "-b:a", "96k", "-shortest"));
        }
        args.addAll(List.of("-movflags", "+faststart"));
        return make(file, args);
    }

    /** An MP4 with video only: no audio stream to transcode. */
    Path videoOnly(Path file, double seconds) throws IOException {
        return make(file, List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + seconds,
                "-c:v", "mpeg4"));
    }

    /** A faststart MP4 cut to {@code fraction} of its bytes: ffmpeg exits 0 on it but writes only part of it. */
    Path truncatedFaststart(Path file, double seconds, double fraction) throws IOException {
        clip(file, seconds, 660);
        byte[] all = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
    }

    /** A file cut so short that its header is incomplete: ffmpeg fails on it. */
    Path truncatedHeader(Path file) throws IOException {
        clip(file, 1, 550);
        byte[] all = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(all, Math.min(all.length, 200)));
    }

    /** A file of {@code bytes} random bytes from a fixed seed. */
    static Path garbage(Path file, int bytes, long seed) throws IOException {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, data);
    }

    /** An empty file. */
    static Path empty(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, new byte[0]);
    }

    /** A text file with a media extension. */
    static Path text(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, "this is not a video\n", StandardCharsets.UTF_8);
    }

    private Path make(Path file, List<String> args) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> argv = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        argv.addAll(args);
        argv.add(file.toString());
        FfmpegInstallation.Result r = ffmpeg.run(argv, TIMEOUT);
        if (!r.finished()) {
            throw new IOException("ffmpeg did not finish making " + file + " within " + TIMEOUT.toMinutes()
                    + " minutes and was killed");
        }
        if (r.exit() != 0) {
            throw new IOException("ffmpeg failed making " + file + " (exit " + r.exit() + "): " + r.stderr().strip());
        }
        return file;
    }
}
