package io.github.batchtranscode.examples;

import io.github.batchtranscode.model.Preset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial app's command line.
 *
 * @param input       the input directory, or null to use the bundled sample clips
 * @param output      the output directory
 * @param backend     where to run
 * @param preset      the output format
 * @param report      where to write report.json
 * @param parallelism local ffmpeg processes at once, or null for the default
 * @param help        whether --help was given
 */
record CliOptions(Path input, Path output, Backend backend, Preset preset, Path report, Integer parallelism, boolean help) {

    /** Where the tutorial runs. */
    enum Backend {
        LOCAL, EMULATOR, AZURE;

        static Backend parse(String s) {
            for (Backend b : values()) {
                if (b.name().equalsIgnoreCase(s)) {
                    return b;
                }
            }
            throw new UsageException("unknown backend '" + s + "': use local, emulator or azure");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = """
            Usage: java -jar batch-transcode-examples.jar [options]

            Transcodes every MP4 in a directory to audio, in parallel: the Azure Batch Python tutorial, in Java.

              --input DIR         directory with the input files (default: five bundled sample clips)
              --output DIR        where outputs go, keeping relative paths (default: output)
              --backend NAME      local (default; ffmpeg on this machine), emulator, or azure
              --preset NAME       mp3 (default), aac or opus
              --report FILE       where to write the JSON report (default: <output>/report.json)
              --parallelism N     ffmpeg processes at once on the local backend (default: CPU count)
              --help              show this help

            Exit status: 0 every file succeeded; 2 some files failed (the others are written);
            1 nothing could run (bad arguments, no ffmpeg, unreadable input, ...).
            """;

    /** Thrown for bad arguments; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliOptions parse(List<String> args) {
        Path input = null;
        Path output = Path.of("output");
        Backend backend = Backend.LOCAL;
        Preset preset = Preset.MP3;
        Path report = null;
        Integer parallelism = null;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--input" -> input = Path.of(value);
                case "--output" -> output = Path.of(value);
                case "--backend" -> backend = Backend.parse(value);
                case "--preset" -> preset = parsePreset(value);
                case "--report" -> report = Path.of(value);
                case "--parallelism" -> parallelism = parsePositive(name, value);
                default -> throw new UsageException("unknown option '" + name + "'");
            }
        }
        return new CliOptions(input, output, backend, preset, report != null ? report : output.resolve("report.json"),
                parallelism, help);
    }

    private static Preset parsePreset(String value) {
        try {
            return Preset.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int parsePositive(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new UsageException(name + " must be a whole number of at least 1, not '" + value + "'");
    }
}
