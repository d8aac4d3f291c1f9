package io.github.batchtranscode.testkit.batch.internal.node;

import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * One long-lived sandbox per node: a holder process made once by {@code unshare} and {@code node-sandbox.sh}
 * (read-only host, the node's own writable directory and {@code /tmp}, the provisioning shim), which then only
 * waits on its stdin. Each node process enters the holder's user and mount namespaces with {@code nsenter}, so a
 * launch costs one extra exec instead of the script's few dozen. The holder reads a pipe from this JVM, so it
 * ends when the node is released, the emulator closes, or this JVM dies. Thread-safe.
 */
final class NodeNamespaces implements AutoCloseable {
    private static final Logger LOG = TestkitLoggers.EMULATOR;
    static final String READY = "ready";
    private static final long START_SECONDS = 30;

    private final Map<NodeRecord, Process> holders = new IdentityHashMap<>();
    private final String nsenter;

    NodeNamespaces() {
        this.nsenter = program("nsenter");
    }

    /**
     * The holder of {@code node}'s sandbox, started on first use (or again when it died) by {@code holderArgv}
     * run in {@code directory}; its pid names the namespaces to enter.
     */
    long holder(NodeRecord node, Path directory, Function<NodeRecord, List<String>> holderArgv) {
        synchronized (holders) {
            Process p = holders.get(node);
            if (p != null && p.isAlive()) {
                return p.pid();
            }
            if (p != null) {
                LOG.warn("the sandbox of node {} ended (exit {}); making it again", node.id, p.exitValue());
            }
            Process started = start(node.id, directory, holderArgv.apply(node));
            holders.put(node, started);
            return started.pid();
        }
    }

    /** The argv that runs {@code argv} inside the holder {@code pid}'s namespaces, in {@code workingDir}. */
    List<String> enter(long pid, Path workingDir, List<String> argv) {
        List<String> out = new ArrayList<>(List.of(nsenter, "--user", "--mount", "--target", Long.toString(pid),
                "--wd=" + workingDir, "--"));
        out.addAll(argv);
        return out;
    }

    /** Ends the node's sandbox (the node left its pool). */
    void release(NodeRecord node) {
        Process p;
        synchronized (holders) {
            p = holders.remove(node);
        }
        stop(p);
    }

    @Override
    public void close() {
        List<Process> all;
        synchronized (holders) {
            all = new ArrayList<>(holders.values());
            holders.clear();
        }
        all.forEach(NodeNamespaces::stop);
    }

    static Process start(String nodeId, Path directory, List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve(".emulator")
                            .resolve("sandbox.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator could not start the sandbox of node " + nodeId, e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(p);
            throw new IllegalStateException("interrupted while starting the sandbox of node " + nodeId, e);
        } catch (ExecutionException | TimeoutException e) {
            first = null;
        }
        if (!READY.equals(first)) {
            stop(p);
            throw new IllegalStateException("the sandbox of node " + nodeId + " did not start (see "
                    + directory.resolve(".emulator").resolve("sandbox.log") + ")");
        }
        return p;
    }

    static void stop(Process p) {
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close(); // the holder's cat sees end of input and the namespaces go away
        } catch (IOException ignored) {
            // it is being killed below anyway
        }
        p.destroyForcibly();
    }

    /** The absolute path of a util-linux program, so the JVM's PATH does not matter. */
    static String program(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return name;
    }
}
