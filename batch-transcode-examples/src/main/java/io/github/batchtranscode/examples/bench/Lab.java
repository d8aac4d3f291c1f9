package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.FfmpegInstallation;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the benchmarks share in one run: the number of repetitions, a scratch directory, the bundled ffmpeg,
 * generated inputs, and one Azurite (started on first use). Each benchmark starts its own Batch emulator, because
 * they need different node, slot and simulation settings. Not thread-safe: benchmarks run one after another.
 */
final class Lab implements AutoCloseable {
    static final int CLIPS = 16;
    static final Duration CLIP_LENGTH = Duration.ofSeconds(20);

    private final int runs;
    private final Path scratch;
    private final PrintStream log;
    private final FfmpegInstallation ffmpeg;
    private Azurite azurite;
    private Path clips;

    Lab(int runs, PrintStream log) throws IOException {
        this.runs = runs;
        this.log = log;
        this.scratch = Files.createTempDirectory("batch-transcode-bench-");
        this.ffmpeg = FfmpegInstallation.locate();
    }

    int runs() {
        return runs;
    }

    int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    FfmpegInstallation ffmpeg() {
        return ffmpeg;
    }

    void log(String format, Object... args) {
        log.printf(format + "%n", args);
        log.flush();
    }

    /** A new empty directory under the scratch directory. */
    Path dir(String name) throws IOException {
        Path d = scratch.resolve(name);
        if (Files.exists(d)) {
            delete(d);
        }
        return Files.createDirectories(d);
    }

    /** The 16 clips of 20 s that B1 and B6 transcode (made once per run). */
    Path clips() throws IOException {
        if (clips == null) {
            Path d = dir("clips");
            log("making %d clips of %d s with %s", CLIPS, CLIP_LENGTH.toSeconds(), ffmpeg.ffmpeg());
            SampleMedia.using(ffmpeg).tutorialClips(d, CLIPS, CLIP_LENGTH);
            clips = d;
        }
        return clips;
    }

    /**
     * {@code n} tiny distinct inputs for the control-plane benchmarks (their tasks are simulated, never decoded).
     * The same relative names hold the same bytes in every set, so a set staged once is skipped by MD5 afterwards.
     */
    Path tinyInputs(int n) throws IOException {
        Path d = scratch.resolve("tiny-" + n);
        if (Files.isDirectory(d)) {
            return d;
        }
        Files.createDirectories(d);
        for (int i = 0; i < n; i++) {
            String name = String.format("d%03d/f%05d.mp4", i / 1000, i);
            Path f = d.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "input " + name + "\n", StandardCharsets.UTF_8);
        }
        return d;
    }

    /** The Azurite shared by B2–B6, started on first use. */
    Azurite azurite() {
        if (azurite == null) {
            log("starting Azurite");
            azurite = Azurite.start();
            log("Azurite (%s) at %s", azurite.provisioning(), azurite.blobEndpoint());
        }
        return azurite;
    }

    /** The classpath of this program, for a child JVM (also when run by {@code exec:java}). */
    static String classpath() {
        ClassLoader cl = Lab.class.getClassLoader();
        if (cl instanceof java.net.URLClassLoader u && u.getURLs().length > 0) {
            StringBuilder cp = new StringBuilder();
            for (java.net.URL url : u.getURLs()) {
                try {
                    cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(url.toURI()));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("classpath entry " + url + " is not a file", e);
                }
            }
            return cp.toString();
        }
        return System.getProperty("java.class.path");
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        if (azurite != null) {
            azurite.close();
        }
        try {
            delete(scratch);
        } catch (IOException | UncheckedIOException e) {
            log("could not delete %s: %s", scratch, e.getMessage());
        }
    }
}
