package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shell way: {@code xargs -P <n> ffmpeg ...} over a directory of clips, with exactly the ffmpeg arguments the
 * library uses ({@link FfmpegCommand}); {@code -P 1} is the sequential loop. No shell is involved: xargs runs
 * ffmpeg itself, substituting each clip's base name.
 */
final class ShellBaseline {
    private static final String NAME = "{}";
    private final Path ffmpeg;

    ShellBaseline(Path ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** The command line, as a user would type it (for the report). */
    String describe(String parallel) {
        return "xargs -P " + parallel + " -I{} " + String.join(" ", argv(Path.of("in"), Path.of("out")))
                .replace(ffmpeg.toString(), "ffmpeg");
    }

    private List<String> argv(Path in, Path out) {
        return FfmpegCommand.argv(ffmpeg.toString(), in.resolve(NAME + ".mp4").toString(),
                out.resolve(NAME + ".mp3").toString(), OutputFormat.of(Preset.MP3));
    }

    /**
     * Transcodes every {@code *.mp4} in {@code in} into {@code out} with {@code parallel} ffmpeg processes at once.
     *
     * @return the wall time in seconds
     */
    double run(Path in, Path out, int parallel) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(in)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4")).sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        }
        double seconds = xargs(out.resolveSibling(out.getFileName() + ".list"), names, parallel, argv(in, out));
        for (String n : names) {
            if (!Files.isRegularFile(out.resolve(n + ".mp3"))) {
                throw new IllegalStateException("xargs -P " + parallel + " wrote no " + n + ".mp3");
            }
        }
        return seconds;
    }

    /**
     * Runs {@code argv} once per name through {@code xargs -P parallel -I{}} (no shell), the names read from
     * {@code list}, which this writes first.
     *
     * @return the wall time in seconds
     * @throws IllegalStateException when xargs or one of its ffmpeg runs fails
     */
    static double xargs(Path list, List<String> names, int parallel, List<String> argv)
            throws IOException, InterruptedException {
        Files.write(list, names, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("xargs", "-d", "\\n", "-P", Integer.toString(parallel),
                "-I" + NAME));
        command.addAll(argv);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectInput(list.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("xargs -P " + parallel + " ffmpeg exited with " + exit);
        }
        return seconds;
    }
}
