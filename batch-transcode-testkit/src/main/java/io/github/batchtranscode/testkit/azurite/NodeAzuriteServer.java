package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Azurite's blob service as a local Node.js process on 127.0.0.1, with its data in a fresh temporary folder (or in
 * the caller's {@link ServerOptions#location()}, which is never deleted). Its output goes to {@code azurite.log} in
 * a temporary folder; a failed start keeps the log for reading, a clean stop deletes the temporary folder.
 */
final class NodeAzuriteServer implements AzuriteServer {
    private static final Logger LOG = TestkitLoggers.AZURITE;
    private static final String HOST = "127.0.0.1";
    private static final Pattern LISTENING = Pattern.compile("successfully listens on https?://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final Path workDir;
    private final int port;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeAzuriteServer(Process process, Path workDir, int port, Thread shutdownHook) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts {@code node main.js} and waits until it answers.
     *
     * @param port the port to listen on, or 0 for one the system picks
     * @throws AzuriteStartException when it cannot be started, exits, or does not answer within {@code timeout}
     */
    static NodeAzuriteServer start(NodeTools tools, Path blobMain, int port, Duration timeout, ServerOptions options) {
        Path workDir;
        Process process;
        try {
            workDir = Files.createTempDirectory("batch-transcode-azurite-");
            Path data = options.location() != null ? Files.createDirectories(options.location().toAbsolutePath())
                    : Files.createDirectory(workDir.resolve("data"));
            ProcessBuilder builder = new ProcessBuilder(command(tools, blobMain, port, data, options))
                    .directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(workDir.resolve("azurite.log").toFile()));
            builder.environment().remove("AZURITE_ACCOUNTS"); // keep the well-known devstoreaccount1
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new AzuriteStartException("could not start Azurite with " + tools.node() + ": " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> ProcessTree.stop(process.toHandle(), Duration.ofSeconds(2)),
                "azurite-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        int actualPort;
        try {
            actualPort = awaitReady(process, workDir, timeout, options);
        } catch (RuntimeException e) {
            removeHook(hook);
            throw e;
        }
        NodeAzuriteServer server = new NodeAzuriteServer(process, workDir, actualPort, hook);
        LOG.info("Azurite {} (npm, Node.js {}) listens on {}://{}:{}, pid {}", AzuriteVersion.pinned(),
                tools.version(), options.scheme(), HOST, server.port, process.pid());
        return server;
    }

    private static List<String> command(NodeTools tools, Path blobMain, int port, Path data, ServerOptions options) {
        List<String> cmd = new ArrayList<>(List.of(tools.node().toString(), blobMain.toString(),
                "--blobHost", HOST, "--blobPort", Integer.toString(port)));
        if (!options.inMemory()) { // Azurite refuses a location together with --inMemoryPersistence
            cmd.addAll(List.of("--location", data.toString()));
        }
        cmd.addAll(List.of("--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
                "--disableProductStyleUrl"));
        cmd.addAll(options.arguments());
        return cmd;
    }

    private static int awaitReady(Process process, Path workDir, Duration timeout, ServerOptions options) {
        Path log = workDir.resolve("azurite.log");
        ReadinessProbe probe;
        try {
            probe = new ReadinessProbe(options.scheme(), options.sslContext());
        } catch (java.security.GeneralSecurityException e) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
            throw new AzuriteStartException("the HTTPS certificate could not be read: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalInt port = OptionalInt.empty();
        while (true) {
            if (port.isEmpty()) {
                port = listeningPort(log);
            }
            if (port.isPresent() && probe.answers(HOST, port.getAsInt())) {
                return port.getAsInt();
            }
            if (!process.isAlive()) {
                throw failed(process, workDir, "exited with code " + process.exitValue() + " before it answered");
            }
            if (System.nanoTime() - deadline > 0) {
                throw failed(process, workDir, "did not answer within " + timeout
                        + " (raise the builder's startupTimeout on a slow machine)");
            }
            awaitExit(process, POLL_MILLIS);
        }
    }

    private static OptionalInt listeningPort(Path log) {
        Matcher m = LISTENING.matcher(LogFiles.read(log));
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static AzuriteStartException failed(Process process, Path workDir, String what) {
        ProcessTree.stop(process.toHandle(), STOP_GRACE);
        Path log = workDir.resolve("azurite.log");
        deleteQuietly(workDir.resolve("data"));
        return new AzuriteStartException("Azurite (npm) " + what + "; its output is in " + log + ": "
                + LogFiles.tail(log, 5));
    }

    private static void awaitExit(Process process, long millis) {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // still running: poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
            throw new AzuriteStartException("interrupted while waiting for Azurite to start", e);
        }
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Provisioning provisioning() {
        return Provisioning.NPM;
    }

    /** The Node.js process, for tests that check nothing is left behind. */
    ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** The temporary folder holding the data and the log. */
    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean ended = ProcessTree.stop(process.toHandle(), STOP_GRACE);
        removeHook(shutdownHook);
        if (!ended) {
            LOG.warn("Azurite process {} or a child of it did not end; its data stays in {}", process.pid(), workDir);
            return;
        }
        deleteQuietly(workDir);
        LOG.info("Azurite on port {} stopped", port);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (RuntimeException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
