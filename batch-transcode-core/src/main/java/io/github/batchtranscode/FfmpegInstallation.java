package io.github.batchtranscode;

import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ffmpeg and ffprobe a session would use, found the same way, and a way to run them as the library does: to
 * make test media, or to probe outputs with the very binaries that wrote them.
 *
 * <pre>{@code
 * FfmpegInstallation ffmpeg = FfmpegInstallation.locate();
 * FfmpegInstallation.Result r = ffmpeg.runProbe(List.of("-v", "error", "-show_entries", "format=duration",
 *         "-of", "default=nw=1:nk=1", "out/a.mp3"), Duration.ofMinutes(1));
 * double seconds = Double.parseDouble(r.stdout().strip());
 * }</pre>
 *
 * <p>Found in this order: the path given to {@link #at(Path)}; the {@code BATCH_TRANSCODE_FFMPEG} environment
 * variable (the executable or its folder); the {@code PATH}; a bundled {@code org.bytedeco:ffmpeg} on the classpath,
 * extracted once into a cache folder. Instances are immutable and thread-safe; {@code run} blocks while the process
 * runs, from an argument list (never a shell), with stdin closed and both pipes read while it runs, and kills the
 * process and its descendants at the time limit or when the calling thread is interrupted.
 */
public final class FfmpegInstallation {
    private final FfmpegTools tools;

    private FfmpegInstallation(FfmpegTools tools) {
        this.tools = tools;
    }

    /**
     * The installation a session without an ffmpeg setting would use.
     *
     * @throws ConfigurationException when none is found, saying how to provide one
     */
    public static FfmpegInstallation locate() {
        return new FfmpegInstallation(new FfmpegLocator().locate(null));
    }

    /**
     * The installation at {@code ffmpeg}: the executable, or the folder holding ffmpeg and ffprobe.
     *
     * @throws NullPointerException   when {@code ffmpeg} is null
     * @throws ConfigurationException when it names no executable ffmpeg with ffprobe beside it
     */
    public static FfmpegInstallation at(Path ffmpeg) {
        return new FfmpegInstallation(new FfmpegLocator().locate(Objects.requireNonNull(ffmpeg, "ffmpeg == null")));
    }

    /** The ffmpeg executable. */
    public Path ffmpeg() {
        return tools.ffmpeg();
    }

    /** The ffprobe executable. */
    public Path ffprobe() {
        return tools.ffprobe();
    }

    /** The folder holding ffmpeg: what the Batch emulator puts first on its tasks' {@code PATH}, for example. */
    public Path directory() {
        return tools.directory();
    }

    /** How it was found: {@code setting}, {@code BATCH_TRANSCODE_FFMPEG}, {@code PATH} or {@code bundled}. */
    public String source() {
        return tools.source();
    }

    /**
     * Runs ffmpeg with {@code arguments} (without the program itself) until it exits or {@code timeout} passes.
     *
     * @throws IOException              when ffmpeg cannot be started
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public Result run(List<String> arguments, Duration timeout) throws IOException {
        return exec(tools.ffmpeg(), arguments, timeout);
    }

    /** As {@link #run(List, Duration)}, for ffprobe. */
    public Result runProbe(List<String> arguments, Duration timeout) throws IOException {
        return exec(tools.ffprobe(), arguments, timeout);
    }

    private static Result exec(Path program, List<String> arguments, Duration timeout) throws IOException {
        Objects.requireNonNull(arguments, "arguments == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        List<String> argv = new ArrayList<>(arguments.size() + 1);
        argv.add(program.toString());
        for (String a : arguments) {
            argv.add(Objects.requireNonNull(a, "an argument is null"));
        }
        ProcessRunner.Result r = new ProcessRunner().run(argv, timeout);
        return new Result(r.finished(), r.exit(), r.stdout(), r.stderr());
    }

    @Override
    public String toString() {
        return "FfmpegInstallation[" + tools.ffmpeg() + ", found by " + tools.source() + "]";
    }

    /**
     * How a run ended.
     *
     * @param finished whether the process exited within its time limit (false: it was killed)
     * @param exit     its exit code, or null when it was killed
     * @param stdout   what it wrote on stdout (UTF-8, at most 8 MiB)
     * @param stderr   the last 64 KiB it wrote on stderr
     */
    public record Result(boolean finished, Integer exit, String stdout, String stderr) {
        /** Checks the fields. */
        public Result {
            Objects.requireNonNull(stdout, "stdout == null");
            Objects.requireNonNull(stderr, "stderr == null");
        }

        /** Whether it exited with code 0 within its time limit. */
        public boolean ok() {
            return finished && exit != null && exit == 0;
        }
    }
}
