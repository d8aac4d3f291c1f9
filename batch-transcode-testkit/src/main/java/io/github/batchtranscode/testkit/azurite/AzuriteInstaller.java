package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Installs the npm package {@code azurite} at one version into {@code <cache>/azurite-<version>}, once.
 * Two JVMs (or two threads) installing at once is safe: a file lock serialises them, the install runs in a
 * scratch folder, and only a complete install is renamed into place, so a reader never sees half of one.
 */
final class AzuriteInstaller {
    private static final Logger LOG = TestkitLoggers.AZURITE;
    private static final String COMPLETE_MARKER = ".batch-transcode-complete";
    private static final Map<Path, Object> IN_JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path cacheRoot;
    private final String version;
    private final Duration timeout;

    AzuriteInstaller(Path cacheRoot, String version, Duration timeout) {
        this.cacheRoot = cacheRoot.toAbsolutePath();
        this.version = version;
        this.timeout = timeout;
    }

    /** The installed blob service entry point ({@code main.js}); installs first when needed. */
    Path ensureInstalled(NodeTools tools) {
        return install(tools).blobMain();
    }

    /**
     * The installation, and whether this call made it.
     *
     * @param blobMain    the blob service entry point ({@code main.js})
     * @param installedNow whether this call ran {@code npm install} (false: it was there, or another caller made it)
     */
    record Installation(Path blobMain, boolean installedNow) {
    }

    /** Installs when needed. */
    Installation install(NodeTools tools) {
        Path home = home();
        if (isComplete(home)) {
            return new Installation(blobMain(home), false);
        }
        boolean installedNow = false;
        synchronized (IN_JVM_LOCKS.computeIfAbsent(home, k -> new Object())) {
            try {
                Files.createDirectories(cacheRoot);
                try (FileChannel channel = FileChannel.open(cacheRoot.resolve("azurite-" + version + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock(); // blocks while another JVM installs; released with the channel
                    if (!isComplete(home)) {
                        npmInstall(tools, home);
                        installedNow = true;
                    }
                    lock.release();
                }
            } catch (IOException e) {
                throw new AzuriteStartException("could not install Azurite " + version + " into " + home + ": " + e
                        + ". Set " + CacheLocation.ENV + " or the builder's cacheDirectory to a writable folder", e);
            }
        }
        return new Installation(blobMain(home), installedNow);
    }

    /** Where this version is (or will be) installed. */
    Path home() {
        return cacheRoot.resolve("azurite-" + version);
    }

    private static Path blobMain(Path home) {
        return home.resolve("node_modules/azurite/dist/src/blob/main.js");
    }

    private static boolean isComplete(Path home) {
        return Files.isRegularFile(home.resolve(COMPLETE_MARKER)) && Files.isRegularFile(blobMain(home));
    }

    private void npmInstall(NodeTools tools, Path home) throws IOException {
        if (tools.npm() == null) {
            throw new AzuriteStartException("Azurite " + version + " is not installed in " + home
                    + " and npm is not on the PATH to install it: install npm (it comes with Node.js)");
        }
        Path scratch = Files.createTempDirectory(cacheRoot, "azurite-" + version + ".part-");
        Path log = cacheRoot.resolve("azurite-" + version + "-install.log");
        List<String> argv = List.of(tools.npm().toString(), "install", "--prefix", scratch.toString(),
                "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=warn", "azurite@" + version);
        LOG.info("installing Azurite {} with npm into {} (first use; takes about half a minute)", version, home);
        long started = System.nanoTime();
        int exit = run(argv, log);
        if (exit != 0 || !Files.isRegularFile(blobMain(scratch))) {
            Directories.deleteTree(scratch);
            throw new AzuriteStartException("npm install azurite@" + version + " failed (exit " + exit + "); npm's"
                    + " output is in " + log + ": " + LogFiles.tail(log, 5));
        }
        Files.writeString(scratch.resolve(COMPLETE_MARKER), version + "\n", StandardCharsets.UTF_8);
        if (Files.exists(home)) {
            Directories.deleteTree(home); // an incomplete leftover: we hold the lock, nobody else uses it
        }
        try {
            Files.move(scratch, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratch, home);
        }
        LOG.info("installed Azurite {} in {} s", version, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private int run(List<String> argv, Path log) throws IOException {
        Process p = new ProcessBuilder(argv).directory(cacheRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(p.toHandle(), Duration.ofSeconds(5));
                throw new AzuriteStartException("npm install azurite@" + version + " did not finish within " + timeout
                        + "; npm's output is in " + log);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            ProcessTree.stop(p.toHandle(), Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new AzuriteStartException("interrupted while npm installed azurite@" + version, e);
        }
    }
}
