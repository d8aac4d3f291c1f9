package io.github.batchtranscode.testkit.azurite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code node} and {@code npm} on the {@code PATH} and checks that node runs and is recent enough. */
final class NodeProbe {
    /** The oldest Node.js major version Azurite 3.x is run on here. */
    static final int MIN_MAJOR = 18;
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.\\d+\\.\\d+");
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Map<String, String> env;

    NodeProbe(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The tools when usable. */
    Optional<NodeTools> find() {
        Optional<Path> node = onPath(WINDOWS ? "node.exe" : "node");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String version = version(node.get());
        Matcher m = VERSION.matcher(version);
        if (!m.matches() || Integer.parseInt(m.group(1)) < MIN_MAJOR) {
            return Optional.empty();
        }
        Path npm = onPath(WINDOWS ? "npm.cmd" : "npm").orElse(null);
        return Optional.of(new NodeTools(node.get(), npm, version));
    }

    /** Why {@link #find()} found nothing, and what to do. */
    String problem() {
        Optional<Path> node = onPath(WINDOWS ? "node.exe" : "node");
        if (node.isEmpty()) {
            return "no Node.js: 'node' is not on the PATH (install Node.js " + MIN_MAJOR + " or newer with npm)";
        }
        String version = version(node.get());
        return "Node.js at " + node.get() + " reports '" + version + "', but " + MIN_MAJOR + " or newer is needed";
    }

    private Optional<Path> onPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String version(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "(no answer to --version within 20 s)";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(cannot run: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
