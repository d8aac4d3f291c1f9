package io.github.batchtranscode.internal.ffmpeg;

import io.github.batchtranscode.model.OutputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument list that transcodes one file: {@code -nostdin -y}, the input, {@code -vn} and the first audio
 * stream, the format's arguments, the output. An argument list, never a shell string.
 */
public final class FfmpegCommand {
    private FfmpegCommand() {
    }

    /**
     * @param program the ffmpeg executable (a path, or {@code ffmpeg} for a PATH lookup on a node)
     * @param input   the input file as ffmpeg should open it
     * @param output  the output file; its extension selects the container
     */
    public static List<String> argv(String program, String input, String output, OutputFormat format) {
        List<String> argv = new ArrayList<>(List.of(program, "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error",
                "-y", "-i", input, "-vn", "-sn", "-dn", "-map", "0:a:0", "-map_metadata", "0"));
        argv.addAll(format.arguments());
        argv.add(output);
        return List.copyOf(argv);
    }

    /**
     * The same run, made to report on itself for verification without ffprobe (see {@link FfmpegReport}): stderr at
     * {@code -loglevel info} (it then describes the input) and a {@code -progress} report on stdout.
     */
    public static List<String> reportingArgv(String program, String input, String output, OutputFormat format) {
        return reportingArgv(program, input, output, format, "pipe:1");
    }

    /**
     * As {@link #reportingArgv(String, String, String, OutputFormat)}, with the {@code -progress} report written to
     * {@code progress} ({@code pipe:1}, or a fixed file name such as a node's {@code progress.txt}).
     */
    public static List<String> reportingArgv(String program, String input, String output, OutputFormat format,
            String progress) {
        List<String> argv = new ArrayList<>(argv(program, input, output, format));
        int level = argv.indexOf("-loglevel");
        argv.set(level + 1, "info");
        argv.addAll(level, List.of("-progress", progress));
        return List.copyOf(argv);
    }
}
