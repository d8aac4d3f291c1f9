package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} run headless, one process per call, each with a fresh profile and no network chatter.
 * Missing chromium fails the test when {@code CI} is set (CI installs it) and skips it, with the reason, otherwise.
 */
final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;
    private final Path work;

    private HeadlessChromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /** The chromium on the {@code PATH}; fails or skips the test when there is none. */
    static HeadlessChromium require(Path work) {
        Optional<Path> found = onPath("chromium");
        if (found.isEmpty()) {
            String why = "chromium is not on the PATH; install Debian's package: apt-get install -y chromium";
            if (System.getenv("CI") != null) {
                Assertions.fail(why + " (CI is set, so this test must run)");
            }
            Assumptions.abort(why);
        }
        return new HeadlessChromium(found.get(), work);
    }

    /** Loads {@code page} and returns the DOM after its scripts ran, and what chromium logged (console included). */
    Result dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()));
    }

    /** Loads {@code page} in a {@code width}×{@code height} window and writes a PNG of it to {@code png}. */
    Result screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        return run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
    }

    private Result run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile-");
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = Files.createTempFile(work, "stdout-", ".txt");
        Path err = Files.createTempFile(work, "stderr-", ".txt");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Assertions.fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd));
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        assertThat(r.exit()).as("chromium exit status; stderr:\n%s", r.log()).isZero();
        return r;
    }

    private static File devNull() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * @param exit chromium's exit status
     * @param dom  what it wrote to stdout (the DOM, for {@code --dump-dom})
     * @param log  what it wrote to stderr (console messages appear as {@code INFO:CONSOLE} lines)
     */
    record Result(int exit, String dom, String log) {
    }
}
