package io.github.batchtranscode.examples;

import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.Preset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial app's command line.
 *
 * @param input       the input directory, or null to use the bundled sample clips (or {@code inputBlobs})
 * @param output      the output directory, or null when outputs go only to {@code outputBlobs}
 * @param backend     where to run
 * @param presets     the output formats, in order (each input gets all of them)
 * @param report      where to write report.json
 * @param parallelism local ffmpeg processes at once, or null for the default
 * @param help        whether --help was given
 * @param inputBlobs  the input blob location when {@code --input} is a blob URL, else null
 * @param outputBlobs the output blob location when an {@code --output} is a blob URL, else null
 */
record CliOptions(Path input, Path output, Backend backend, List<Preset> presets, Path report, Integer parallelism, boolean help,
        Path config, String poolId, String jobId, Boolean deleteJob, Boolean deletePool, boolean keepInput,
        String attach, BlobLocation inputBlobs, BlobLocation outputBlobs) {

    /** Whether the run reads or writes Blob Storage itself. */
    boolean usesBlobs() {
        return inputBlobs != null || outputBlobs != null;
    }

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

            Transcodes every MP4 in a directory, in parallel: the Azure Batch Python tutorial, in Java, plus video
            renditions, an adaptive ladder, HLS and thumbnails.

              --input DIR|URL     directory with the input files (default: five bundled sample clips), or a
                                  blob container URL with an optional prefix, as azcopy takes them:
                                  https://<account>.blob.core.windows.net/<container>/<prefix>
                                  (Azurite: http://127.0.0.1:<port>/devstoreaccount1/<container>/<prefix>)
              --output DIR|URL    where outputs go, keeping relative paths (default: output); a blob URL
                                  writes them below its prefix; give --output twice for a directory and a URL
                                  Blob URLs take no SAS: credentials come from AZURE_STORAGE_CONNECTION_STRING,
                                  AZURE_STORAGE_ACCOUNT + AZURE_STORAGE_KEY, or --config
              --backend NAME      local (default; ffmpeg on this machine), emulator, or azure
              --preset A[,B,...]  what to make of each input (default mp3); several, comma-separated, e.g.
                                  --preset h264-ladder,hls,thumbnail. Audio: mp3, aac, opus. Video (every
                                  backend): h264-480p, h264-720p, h264-1080p (<name>.720p.mp4), h264-ladder
                                  (1080p/720p/480p/360p, never upscaled), hls (<name>.hls/master.m3u8),
                                  webm-720p (VP9 + Opus), thumbnail (<name>.jpg)
              --report FILE       where to write the JSON report (default: <output>/report.json)
              --parallelism N     ffmpeg processes at once on the local backend (default: CPU count)

            Azure (--backend azure reads AZURE_BATCH_ENDPOINT, AZURE_BATCH_ACCOUNT, AZURE_BATCH_ACCESS_KEY and
            AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT + AZURE_STORAGE_KEY, unless --config is given;
            --backend emulator starts Azurite and the Batch emulator in this process):
              --config FILE       JSON settings, like the tutorial's config.py (batchAccountUrl, batchAccountName,
                                  batchAccountKey, storageConnectionString or storageAccountName + storageAccountKey,
                                  storageBlobEndpoint, poolId, poolVmSize, dedicatedNodeCount,
                                  lowPriorityNodeCount, taskSlotsPerNode, jobId)
              --pool-id ID        the pool to use or create
              --job-id ID         the job id (default: generated per run)
              --delete-job yes|no     delete the job at the end (asked when a terminal is attached; default no)
              --delete-pool yes|no    delete the pool at the end if this run created it (asked; default no)
              --keep-input        keep the staged inputs (a rerun then uploads nothing new)
              --attach JOB_ID     re-adopt a job an earlier run submitted (e.g. after a crash): nothing is
                                  uploaded or added again; waits for it, downloads outputs, writes the report
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
        Path output = null;
        BlobLocation inputBlobs = null;
        BlobLocation outputBlobs = null;
        boolean outputGiven = false;
        Backend backend = Backend.LOCAL;
        List<Preset> presets = List.of(Preset.MP3);
        Path report = null;
        Integer parallelism = null;
        boolean help = false;
        Path config = null;
        String poolId = null;
        String jobId = null;
        Boolean deleteJob = null;
        Boolean deletePool = null;
        boolean keepInput = false;
        String attach = null;
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
            if (name.equals("--keep-input")) {
                keepInput = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--input" -> {
                    if (BlobLocation.isUrl(value)) {
                        inputBlobs = blobUrl(name, value);
                        input = null;
                    } else {
                        input = Path.of(value);
                        inputBlobs = null;
                    }
                }
                case "--output" -> {
                    if (BlobLocation.isUrl(value)) {
                        if (outputBlobs != null) {
                            throw new UsageException("--output names two blob URLs: give at most one URL (and one directory)");
                        }
                        outputBlobs = blobUrl(name, value);
                    } else {
                        if (output != null) {
                            throw new UsageException("--output names two directories: give at most one directory (and one URL)");
                        }
                        output = Path.of(value);
                    }
                    outputGiven = true;
                }
                case "--backend" -> backend = Backend.parse(value);
                case "--preset" -> presets = parsePresets(value);
                case "--report" -> report = Path.of(value);
                case "--parallelism" -> parallelism = parsePositive(name, value);
                case "--config" -> config = Path.of(value);
                case "--pool-id" -> poolId = value;
                case "--job-id" -> jobId = value;
                case "--delete-job" -> deleteJob = yesNo(name, value);
                case "--delete-pool" -> deletePool = yesNo(name, value);
                case "--attach" -> attach = value;
                default -> throw new UsageException("unknown option '" + name + "'");
            }
        }
        if (!outputGiven) {
            output = Path.of("output");
        }
        if (attach != null && outputBlobs != null) {
            throw new UsageException("--attach takes a directory as --output, not a blob URL: the outputs of an"
                    + " attached job stay where the job wrote them");
        }
        if (attach != null && backend == Backend.LOCAL) {
            throw new UsageException("--attach needs --backend azure or emulator: only Azure Batch jobs outlive their process");
        }
        Path reportFile = report != null ? report : output != null ? output.resolve("report.json") : Path.of("report.json");
        return new CliOptions(input, output, backend, presets, reportFile, parallelism, help, config, poolId, jobId,
                deleteJob, deletePool, keepInput, attach, inputBlobs, outputBlobs);
    }

    private static BlobLocation blobUrl(String name, String value) {
        try {
            return BlobLocation.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static boolean yesNo(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> true;
            case "no", "n", "false" -> false;
            default -> throw new UsageException(name + " takes yes or no, not '" + value + "'");
        };
    }

    /** The first preset. */
    Preset preset() {
        return presets.get(0);
    }

    private static List<Preset> parsePresets(String value) {
        try {
            return Preset.parseList(value);
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
