package io.github.batchtranscode.testkit.batch.internal.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a node process: argv from the command line (no shell), the program looked up on the task's own
 * {@code PATH} (the JVM would use its own), a clean environment, stdout/stderr into files. Stateless.
 */
public final class ProcessLauncher {
    /** A command that could not be started, with the Batch failure code to report. */
    static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        LaunchException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private ProcessLauncher() {
    }

    /**
     * Starts the command; {@code wrapper} turns the resolved argv into the one to execute (the node sandbox's,
     * or itself on the host).
     */
    static Process start(String commandLine, Path workingDir, Map<String, String> env, Path stdout, Path stderr,
                         java.util.function.UnaryOperator<List<String>> wrapper) throws LaunchException {
        List<String> argv;
        try {
            argv = new java.util.ArrayList<>(CommandLineSplitter.split(commandLine));
        } catch (IllegalArgumentException e) {
            throw new LaunchException("CommandLaunchFailed", "The command line could not be parsed: "
                    + e.getMessage());
        }
        Path program = resolve(argv.get(0), workingDir, env.getOrDefault("PATH", ""))
                .orElseThrow(() -> new LaunchException("CommandProgramNotFound",
                        "The specified command program is not found: " + argv.get(0)));
        argv.set(0, program.toString());
        ProcessBuilder pb = new ProcessBuilder(wrapper.apply(argv)).directory(workingDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new LaunchException("CommandLaunchFailed", "The command could not be started: " + e.getMessage());
        }
    }

    static Optional<Path> resolve(String program, Path workingDir, String path) {
        if (program.contains("/")) {
            Path p = workingDir.resolve(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir).resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits for {@code p} to exit until {@code deadline} ({@link System#nanoTime()}; {@link Long#MAX_VALUE} for
     * none): its exit code, or null when the deadline passed first (the process and its descendants are killed).
     */
    static Integer waitFor(Process p, long deadline) throws InterruptedException {
        if (deadline == Long.MAX_VALUE) {
            return p.waitFor();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !p.waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
            kill(p);
            return null;
        }
        return p.exitValue();
    }

    /** Kills a process and its descendants. */
    public static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
