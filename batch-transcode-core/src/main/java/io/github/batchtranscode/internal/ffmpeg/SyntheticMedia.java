package io.github.batchtranscode.internal.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes media files for tests and samples with ffmpeg's synthetic sources ({@code -f lavfi} testsrc + sine),
 * and the broken inputs real users hand us: zero-byte, truncated, garbage, video-only, not media at all.
 * The testkit's {@code SampleMedia} is the public face of this class.
 */
public final class SyntheticMedia {
    private final FfmpegTools tools;

    public SyntheticMedia(FfmpegTools tools) {
        this.tools = tools;
    }

    /** An MP4 with a small test-pattern video and a sine tone of {@code seconds} seconds; moov atom at the front. */
    public Path clip(Path file, double seconds, int toneHz) throws IOException {
        return run(file, List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=44100:duration=" + seconds,
                "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart"));
    }

    /**
     * An MP4 test-pattern video of {@code width}×{@code height} at 24 fps, with a sine tone when {@code audio};
     * moov atom at the front. MPEG-4 part 2 at a fixed quality: quick to make, a real decode for the encoders.
     */
    public Path video(Path file, int width, int height, double seconds, boolean audio) throws IOException {
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
        return run(file, args);
    }

    /**
     * A copy of {@code source} whose video carries a display matrix turning it by {@code degrees}, as phones
     * write portrait clips: the pixels stay landscape, players show them rotated.
     */
    public Path rotated(Path source, Path file, int degrees) throws IOException {
        return run(file, List.of("-display_rotation", Integer.toString(degrees), "-i", source.toString(),
                "-c", "copy", "-movflags", "+faststart"));
    }

    /** An MP4 with video only: no audio stream to transcode. */
    public Path videoOnly(Path file, double seconds) throws IOException {
        return run(file, List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + seconds,
                "-c:v", "mpeg4"));
    }

    /**
     * A faststart MP4 cut to {@code fraction} of its bytes: ffmpeg exits 0 on it but writes only part of the
     * audio, which is why outputs are verified.
     */
    public Path truncatedFaststart(Path file, double seconds, double fraction) throws IOException {
        clip(file, seconds, 660);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
        return file;
    }

    /** A file cut so short that its header is incomplete: ffmpeg fails on it. */
    public Path truncatedHeader(Path file) throws IOException {
        clip(file, 1, 550);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, Math.min(all.length, 200)));
        return file;
    }

    /** A file of the given size filled with random bytes from a fixed seed. */
    public static Path garbage(Path file, int bytes, long seed) throws IOException {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, data);
    }

    /** An empty file. */
    public static Path empty(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, new byte[0]);
    }

    /** A text file with a media extension. */
    public static Path text(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, "this is not a video\n", StandardCharsets.UTF_8);
    }

    private Path run(Path file, List<String> args) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> argv = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error", "-y"));
        argv.addAll(args);
        argv.add(file.toString());
        ProcessRunner.Result r = new ProcessRunner().run(argv, java.time.Duration.ofMinutes(2));
        if (!r.finished()) {
            throw new IOException("ffmpeg did not finish making " + file + " within 2 minutes and was killed");
        }
        if (r.exit() != 0) {
            throw new IOException("ffmpeg failed making " + file + " (exit " + r.exit() + "): " + r.stderr().strip());
        }
        return file;
    }
}
