package io.github.batchtranscode.testkit.batch.internal.node;

import io.github.batchtranscode.testkit.batch.NodeIsolation;
import io.github.batchtranscode.testkit.batch.PackageRequest;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * Keeps node processes off the host (see {@link NodeIsolation}). Once per node, {@code unshare --user
 * --map-root-user --mount} runs {@code node-sandbox.sh}, which makes every host mount read-only, gives the node its
 * own writable directory and {@code /tmp}, and binds the provisioning shim over {@code apt-get}/{@code apt}/
 * {@code dpkg}/{@code sudo}; that process then holds the node's namespaces ({@link NodeNamespaces}). Each start
 * task and task enters them with {@code nsenter}, and non-admin processes drop to uid 1000 in a nested namespace.
 * The program's arguments stay an argument list: nothing interprets them.
 * Thread-safe; files are written once per emulator and once per node.
 */
public final class NodeSandbox implements AutoCloseable {
    private static final Logger LOG = TestkitLoggers.EMULATOR;
    static final String NON_ADMIN_UID = "1000";
    private static final String[] SHIMMED = {"apt-get", "apt", "dpkg", "sudo"};
    private static final String UNSHARE = NodeNamespaces.program("unshare");
    private static volatile Boolean available;

    private final NodeIsolation isolation;
    private final Path root;
    private final Path script;
    private final Path toolDir;
    private final NodeNamespaces namespaces = new NodeNamespaces();

    public NodeSandbox(NodeIsolation isolation, Path workDir, Path toolDir) {
        this.isolation = isolation;
        this.root = workDir.resolve("sandbox");
        this.script = root.resolve("node-sandbox.sh");
        this.toolDir = toolDir;
        if (isolation == NodeIsolation.SANDBOX) {
            try {
                Files.createDirectories(root);
                Files.writeString(script, resource("node-sandbox.sh"));
            } catch (IOException e) {
                throw new UncheckedIOException("the emulator could not write its node sandbox script under " + root, e);
            }
        }
    }

    /** Whether processes run sandboxed (false for {@link NodeIsolation#HOST}). */
    boolean enabled() {
        return isolation == NodeIsolation.SANDBOX;
    }

    /**
     * Why a process with this elevation may not run at all, or null when it may: sandboxing was asked for but
     * this machine cannot make namespaces, and the process would have changed the host.
     */
    String refusal(boolean admin) {
        if (!enabled() || available()) {
            return null;
        }
        boolean root = runsAsRoot();
        if (!admin && !root) {
            return null;
        }
        return "The Batch emulator cannot sandbox this node's " + (admin ? "admin " : "") + "process (user"
                + " namespaces are not available: 'unshare --user --map-root-user --mount' failed), and running it"
                + " on the host " + (root ? "as root" : "as admin") + " could change the machine. Allow unprivileged"
                + " user namespaces (e.g. sysctl kernel.unprivileged_userns_clone=1), or build the emulator with"
                + " nodeIsolation(NodeIsolation.HOST) (CLI --node-isolation host) on a throw-away machine";
    }

    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The directory holding the node's shims, put first on its PATH. */
    Path shimDir(NodeRecord node) {
        return root.resolve(node.id);
    }

    /** The node's HOME. */
    static Path home(NodeRecord node) {
        return node.root.resolve("home");
    }

    /**
     * Turns a node process's argv into the sandboxed one, run in {@code workingDir} (unchanged on the host or when
     * unavailable). Makes the node's sandbox on first use.
     */
    UnaryOperator<List<String>> wrapper(NodeRecord node, boolean admin, Path workingDir) {
        if (!enabled() || !available()) {
            return argv -> argv;
        }
        prepare(node);
        long holder = namespaces.holder(node, node.root, n -> holderArgv(n.root, shimDir(n)));
        return argv -> namespaces.enter(holder, workingDir, identity(admin, argv));
    }

    /** The argv that makes a node's sandbox and keeps it ({@code node-sandbox.sh} with uid {@code hold}). */
    private List<String> holderArgv(Path nodeRoot, Path shims) {
        return List.of(UNSHARE, "--user", "--map-root-user", "--mount", "--propagation", "private", "--",
                "/bin/sh", script.toString(), nodeRoot.toString(), toolDir == null ? "" : toolDir.toString(),
                shims.toString(), "hold");
    }

    /** Admin runs as the namespace's root; anyone else as uid 1000 in a nested user namespace. */
    private static List<String> identity(boolean admin, List<String> argv) {
        if (admin) {
            return argv;
        }
        List<String> out = new ArrayList<>(List.of(UNSHARE, "--user", "--map-user=" + NON_ADMIN_UID,
                "--map-group=" + NON_ADMIN_UID, "--"));
        out.addAll(argv);
        return out;
    }

    /** Ends a node's sandbox once the node left its pool. */
    public void release(NodeRecord node) {
        namespaces.release(node);
    }

    /** Ends every node's sandbox. */
    @Override
    public void close() {
        namespaces.close();
    }

    /** What the node's processes asked package managers for, in order. */
    public List<PackageRequest> packageRequests(NodeRecord node) {
        Path log = log(node);
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        List<PackageRequest> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 3) {
                    out.add(new PackageRequest(node.pool.id, node.id, f[0], f[1], f[2]));
                }
            }
        } catch (IOException e) {
            LOG.debug("package requests of node {} unreadable: {}", node.id, e.toString());
        }
        return out;
    }

    private static Path log(NodeRecord node) {
        return node.root.resolve(".emulator").resolve("packages.log");
    }

    private synchronized void prepare(NodeRecord node) {
        Path shims = shimDir(node);
        if (Files.isDirectory(shims)) {
            return;
        }
        try {
            Files.createDirectories(node.root.resolve("tmp"));
            Files.createDirectories(home(node));
            Files.createDirectories(log(node).getParent());
            Path staging = Files.createDirectories(root.resolve(node.id + ".new"));
            String shim = resource("provisioning-shim.sh")
                    .replace("@LOG@", quote(log(node).toString()))
                    .replace("@TOOLS@", quote(toolDir == null ? "" : toolDir.toString()));
            for (String name : SHIMMED) {
                Path f = staging.resolve(name);
                Files.writeString(f, shim);
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.move(staging, shims);
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator could not prepare node " + node.id + "'s sandbox", e);
        }
    }

    /** Single-quotes for sh: the value is the emulator's own path, quoted so that no character is special. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Whether this machine can make the sandbox; probed once per JVM by running the real script. */
    boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (NodeSandbox.class) {
                a = available;
                if (a == null) {
                    a = probe();
                    available = a;
                }
            }
        }
        return a;
    }

    /** Makes a sandbox as nodes get theirs and enters it as a non-admin process would: the whole path, once. */
    private boolean probe() {
        Process holder = null;
        try {
            Path node = Files.createDirectories(root.resolve("probe"));
            Files.createDirectories(node.resolve("tmp"));
            Files.createDirectories(node.resolve(".emulator"));
            Path shims = Files.createDirectories(root.resolve("probe-shims"));
            for (String name : SHIMMED) {
                Files.writeString(shims.resolve(name), "#!/bin/sh\nexit 0\n");
                Files.setPosixFilePermissions(shims.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            holder = NodeNamespaces.start("probe", node, holderArgv(node, shims));
            Process p = new ProcessBuilder(namespaces.enter(holder.pid(), node, identity(false, List.of("/bin/sh",
                    "-c", "test \"$(id -u)\" = " + NON_ADMIN_UID + " && ! touch /usr/.probe"))))
                    .directory(node.toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!ok) {
                p.destroyForcibly();
                LOG.warn("node sandbox unavailable on this machine ({}); admin start tasks and tasks will be refused",
                        out.isEmpty() ? "no output" : out.lines().reduce((x, y) -> y).orElse(out));
            }
            return ok;
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            LOG.warn("node sandbox unavailable on this machine: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            NodeNamespaces.stop(holder);
        }
    }

    private static String resource(String name) {
        try (InputStream in = NodeSandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
