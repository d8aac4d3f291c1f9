package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.ffmpeg.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one ffmpeg argument list (never a shell string) for a file of a run, through the run's {@link ProcessRunner}
 * (time limit, concurrent reading, killable by the run's cancel).
 */
final class FfmpegRun {
    /**
     * How it ended.
     *
     * @param finished  whether it exited within the time limit
     * @param exit      its exit code, or null when it was killed
     * @param cancelled whether the run was cancelled while it ran and it did not succeed
     * @param stdout    what it wrote on stdout (the {@code -progress} report when asked for)
     */
    record Ended(boolean finished, Integer exit, boolean cancelled, String stdout) {
    }

    private final ProcessRunner runner;

    FfmpegRun(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * @param cwd    the working directory, or null for this process's
     * @param stderr where ffmpeg's stderr goes
     */
    Ended run(List<String> argv, Path cwd, Path stderr, Duration timeout) throws IOException {
        ProcessRunner.Result r = runner.run(argv, cwd, stderr, timeout);
        return new Ended(r.finished(), r.exit(), r.cancelled(), r.stdout());
    }
}
