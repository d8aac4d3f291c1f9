package io.github.batchtranscode.internal.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one place that runs an ffmpeg or ffprobe process: from an argument list (never a shell string), with stdin
 * closed, stdout and stderr read concurrently while it runs (so a chatty child never blocks on a full pipe and the
 * time limit always fires), a time limit after which it and its descendants are killed, and registration of the
 * live process with its owner so that a cancel can kill it.
 */
public final class ProcessRunner {
    /** Bytes of stdout kept; more is read and dropped so the child never blocks. */
    static final int MAX_STDOUT = 8 * 1024 * 1024;
    /** Bytes of stderr kept when it is captured in memory: the last ones. */
    static final int MAX_STDERR = 64 * 1024;

    /** Who is told about live processes, e.g. a run that kills them on cancel. */
    public interface Children {
        /** Nobody: for one-off probes outside a run. */
        Children NONE = new Children() {
            @Override
            public void started(Process p) {
            }

            @Override
            public void ended(Process p) {
            }
        };

        /** A process started. */
        void started(Process p);

        /** A process ended (or was killed). */
        void ended(Process p);
    }

    /**
     * How a process ended.
     *
     * @param finished  whether it exited within its time limit
     * @param exit      its exit code, or null when it was killed
     * @param cancelled whether the owner was cancelled while it ran and it did not succeed
     * @param stdout    what it wrote on stdout (UTF-8, at most {@link #MAX_STDOUT} bytes)
     * @param stderr    what it wrote on stderr (the last {@link #MAX_STDERR} bytes), or empty when it went to a file
     */
    public record Result(boolean finished, Integer exit, boolean cancelled, String stdout, String stderr) {
        /** Whether it finished with exit code 0. */
        public boolean ok() {
            return finished && exit != null && exit == 0;
        }
    }

    private static final BooleanSupplier NEVER = () -> false;
    private final Children children;
    private final BooleanSupplier cancelled;

    /** A runner for one-off processes: nobody to register with, never cancelled. */
    public ProcessRunner() {
        this(Children.NONE, NEVER);
    }

    /**
     * @param children  told when each process starts and ends
     * @param cancelled whether the owner was cancelled: a process started after that is killed at once
     */
    public ProcessRunner(Children children, BooleanSupplier cancelled) {
        this.children = Objects.requireNonNull(children, "children == null");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled == null");
    }

    /** Runs with stderr captured in memory. */
    public Result run(List<String> argv, Duration timeout) throws IOException {
        return run(argv, null, null, timeout);
    }

    /**
     * Runs a process to its end or its time limit.
     *
     * @param cwd        the working directory, or null for this process's
     * @param stderrFile where stderr goes, or null to capture its tail in {@link Result#stderr()}
     * @throws IOException when the process cannot start
     */
    public Result run(List<String> argv, Path cwd, Path stderrFile, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (stderrFile != null) {
            pb.redirectError(stderrFile.toFile());
        }
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        children.started(p);
        try {
            p.getOutputStream().close();
            Drain out = new Drain(p.getInputStream(), MAX_STDOUT, false, argv.get(0) + " stdout");
            Drain err = stderrFile == null ? new Drain(p.getErrorStream(), MAX_STDERR, true, argv.get(0) + " stderr")
                    : null;
            if (cancelled.getAsBoolean()) {
                kill(p); // cancelled between the caller's check and the registration: the cancel missed this one
            }
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished || p.isAlive()) {
                kill(p);
            }
            String stdout = out.text();
            String stderr = err == null ? "" : err.text();
            Integer exit = finished ? p.exitValue() : null;
            boolean stopped = cancelled.getAsBoolean() && (!finished || exit != 0);
            return new Result(finished, exit, stopped, stdout, stderr);
        } finally {
            if (p.isAlive()) {
                kill(p);
            }
            children.ended(p);
        }
    }

    /** Ends a process and everything it started: politely, then forcibly. */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one stream on its own thread to its end, keeping the first (or last) bytes. */
    private static final class Drain {
        private final Thread thread;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile byte[] tail;

        Drain(InputStream in, int max, boolean keepLast, String name) {
            thread = new Thread(() -> read(in, max, keepLast), name);
            thread.setDaemon(true);
            thread.start();
        }

        private void read(InputStream in, int max, boolean keepLast) {
            byte[] buf = new byte[8192];
            byte[] ring = keepLast ? new byte[max] : null;
            long total = 0;
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (keepLast) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) ((total + i) % max)] = buf[i];
                        }
                    } else if (kept.size() < max) {
                        kept.write(buf, 0, Math.min(n, max - kept.size()));
                    }
                    total += n;
                }
            } catch (IOException e) {
                // the process was killed or closed its end: keep what was read
            }
            if (keepLast) {
                int len = (int) Math.min(total, max);
                byte[] t = new byte[len];
                long start = total - len;
                for (int i = 0; i < len; i++) {
                    t[i] = ring[(int) ((start + i) % max)];
                }
                tail = t;
            }
        }

        String text() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10)); // the process is gone: its pipe ends soon
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] t = tail;
            return new String(t != null ? t : kept.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
