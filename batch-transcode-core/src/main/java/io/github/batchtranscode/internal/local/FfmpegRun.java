package io.github.batchtranscode.internal.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Runs one ffmpeg argument list (never a shell string) with a time limit, killable by the run's cancel. */
final class FfmpegRun {
    /**
     * How it ended.
     *
     * @param finished  whether it exited within the time limit
     * @param exit      its exit code, or null when it was killed
     * @param cancelled whether the run was cancelled while it ran and it did not succeed
     */
    record Ended(boolean finished, Integer exit, boolean cancelled) {
    }

    private final Consumer<Process> register;
    private final Consumer<Process> unregister;
    private final BooleanSupplier cancelled;

    FfmpegRun(Consumer<Process> register, Consumer<Process> unregister, BooleanSupplier cancelled) {
        this.register = register;
        this.unregister = unregister;
        this.cancelled = cancelled;
    }

    /**
     * @param cwd    the working directory, or null for this process's
     * @param stderr where ffmpeg's stderr goes
     */
    Ended run(List<String> argv, Path cwd, Path stderr, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        register.accept(p);
        if (cancelled.getAsBoolean()) {
            ProcessKiller.kill(p); // cancel() ran between the caller's check and the registration: it missed this one
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        } finally {
            if (p.isAlive()) {
                ProcessKiller.kill(p);
            }
            unregister.accept(p);
        }
        Integer exit = finished ? p.exitValue() : null;
        boolean stopped = cancelled.getAsBoolean() && (!finished || exit != 0);
        return new Ended(finished, exit, stopped);
    }
}
