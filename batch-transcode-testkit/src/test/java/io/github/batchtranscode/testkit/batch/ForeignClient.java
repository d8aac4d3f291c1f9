package io.github.batchtranscode.testkit.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * A Batch client this project did not write, run as a separate process on a script from the test resources:
 * <ul>
 *   <li>{@link #javascript()}: Microsoft's JavaScript SDK ({@code @azure/batch} {@value #JS_VERSION}), provisioned
 *       the way the testkit provisions Azurite: Node.js and npm from the {@code PATH}, the package installed once
 *       with npm into the testkit's cache ({@code $BATCH_TRANSCODE_CACHE}, else
 *       {@code $XDG_CACHE_HOME/batch-transcode}, else {@code ~/.cache/batch-transcode}) under a file lock, and
 *       renamed into place only when complete;</li>
 *   <li>{@link #python()}: Microsoft's Python SDK ({@code azure-batch}) as Debian's {@code python3-azure} ships it
 *       ({@code .ci/run} installs it), run by the first {@code python3} that can import it.</li>
 * </ul>
 * When a client cannot be had, the test is skipped with the reason on a developer's machine and fails when
 * {@code CI} is set.
 */
final class ForeignClient {
    /** The newest {@code @azure/batch} the npm registry serves (it sends api-version 2022-10-01.16.0). */
    static final String JS_VERSION = "10.2.0";
    private static final String MARKER = ".batch-transcode-complete";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> interpreter;
    private final Map<String, String> env;

    private ForeignClient(List<String> interpreter, Map<String, String> env) {
        this.interpreter = List.copyOf(interpreter);
        this.env = Map.copyOf(env);
    }

    /** The JavaScript SDK, installed when needed; skips (developer machine) or fails (CI) when it cannot be had. */
    static ForeignClient javascript() {
        Map<String, String> env = System.getenv();
        Optional<Path> node = onPath(env, "node");
        Optional<Path> npm = onPath(env, "npm");
        if (node.isEmpty()) {
            throw unavailable("'node' is not on the PATH (install Node.js 18 or newer with npm)", env);
        }
        Path home = cacheRoot(env).resolve("foreign-clients").resolve("azure-batch-" + JS_VERSION);
        if (!Files.isRegularFile(home.resolve(MARKER))) {
            if (npm.isEmpty()) {
                throw unavailable("@azure/batch " + JS_VERSION + " is not installed in " + home
                        + " and 'npm' is not on the PATH to install it", env);
            }
            install(npm.get(), home);
        }
        return new ForeignClient(List.of(node.get().toString()),
                Map.of("NODE_PATH", home.resolve("node_modules").toString()));
    }

    /** Debian's Python SDK; skips (developer machine) or fails (CI) when no {@code python3} can import it. */
    static ForeignClient python() {
        Map<String, String> env = System.getenv();
        List<Path> candidates = new java.util.ArrayList<>();
        onPath(env, "python3").ifPresent(candidates::add);
        candidates.add(Path.of("/usr/bin/python3"));
        for (Path python : candidates) {
            if (Files.isExecutable(python) && imports(python, "azure.batch")) {
                return new ForeignClient(List.of(python.toString()), Map.of("PYTHONDONTWRITEBYTECODE", "1"));
            }
        }
        throw unavailable("no python3 here can import azure.batch (on Debian/Ubuntu: apt-get install"
                + " python3-azure; tried " + candidates + ")", env);
    }

    private static boolean imports(Path python, String module) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + module)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code script} (a test resource) with {@code config} as its JSON argument and returns the JSON object it
     * printed.
     */
    JsonNode run(String script, Map<String, Object> config, Path scratch, Duration timeout) throws Exception {
        Path scriptFile = scratch.resolve(Path.of(script).getFileName().toString());
        try (InputStream in = ForeignClient.class.getResourceAsStream("/" + script)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + script + " is missing");
            }
            Files.copy(in, scriptFile, StandardCopyOption.REPLACE_EXISTING);
        }
        Path configFile = scratch.resolve("config.json");
        JSON.writeValue(configFile.toFile(), config);
        Path out = scratch.resolve("stdout.json");
        Path err = scratch.resolve("stderr.txt");
        List<String> argv = new java.util.ArrayList<>(interpreter);
        argv.addAll(List.of(scriptFile.toString(), configFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(scratch.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish within " + timeout + "; stderr: " + tail(err));
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || printed.isEmpty()) {
            throw new AssertionError(script + " exited " + p.exitValue() + " and printed '" + printed + "'; stderr: "
                    + tail(err));
        }
        return JSON.readTree(printed);
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
    }

    private static void install(Path npm, Path home) {
        try {
            Files.createDirectories(home.getParent());
            try (FileChannel channel = FileChannel.open(home.getParent().resolve(home.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) { // another JVM installing waits here
                if (Files.isRegularFile(home.resolve(MARKER))) {
                    return;
                }
                Path scratch = Files.createTempDirectory(home.getParent(), home.getFileName() + ".part-");
                Path log = home.getParent().resolve(home.getFileName() + "-install.log");
                Process p = new ProcessBuilder(npm.toString(), "install", "--prefix", scratch.toString(), "--no-audit",
                        "--no-fund", "--no-update-notifier", "--loglevel=warn", "@azure/batch@" + JS_VERSION)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                p.getOutputStream().close();
                boolean done = p.waitFor(5, TimeUnit.MINUTES);
                if (!done || p.exitValue() != 0
                        || !Files.isRegularFile(scratch.resolve("node_modules/@azure/batch/package.json"))) {
                    p.destroyForcibly();
                    deleteTree(scratch);
                    throw new IllegalStateException("npm install @azure/batch@" + JS_VERSION + " failed (see " + log
                            + "): " + tail(log));
                }
                Files.writeString(scratch.resolve(MARKER), JS_VERSION + "\n");
                deleteTree(home);
                try {
                    Files.move(scratch, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(scratch, home);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not install @azure/batch@" + JS_VERSION + " into " + home + ": " + e
                    + ". Set BATCH_TRANSCODE_CACHE to a writable folder", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm installed @azure/batch@" + JS_VERSION, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static RuntimeException unavailable(String why, Map<String, String> env) {
        String ci = env.getOrDefault("CI", "").trim();
        if (!ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            return new IllegalStateException("CI is set, so a foreign-client conformance test fails instead of"
                    + " being skipped: " + why);
        }
        return new TestAbortedException("skipped, a foreign Batch SDK cannot run here (set CI=true to make this a"
                + " failure): " + why);
    }

    private static Path cacheRoot(Map<String, String> env) {
        String configured = env.get("BATCH_TRANSCODE_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg.trim(), "batch-transcode");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "batch-transcode");
    }

    private static Optional<Path> onPath(Map<String, String> env, String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
