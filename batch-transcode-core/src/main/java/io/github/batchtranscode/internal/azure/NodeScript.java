package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.model.OutputFormat;
import java.util.List;
import java.util.Locale;

/**
 * What runs on a node. The task command line is the constant {@link #COMMAND_LINE}: it never contains user text.
 * The job's own files (this script, the arguments, a node plan) are the resource files of the job's Job
 * Preparation task ({@link TaskFactory#preparation}), downloaded once per node into {@code AZ_BATCH_JOB_PREP_WORKING_DIR};
 * a task downloads only its source into its own working directory, where it runs.
 * The node sees fixed names ({@code in/source}, {@code out/result.<ext>}); original file names live only in blob
 * names. The ffmpeg argument list comes from {@link FfmpegCommand} (the local backend's, so both backends run
 * the same ffmpeg) as {@code args.txt}, one argument per line, read into a bash array: never word-split, never
 * evaluated.
 *
 * <p>Verification costs no extra process for a good file, as on the local backend: ffmpeg reports on itself. Its
 * stream report ({@code -loglevel info} on stderr, kept in {@code ffmpeg.txt}) gives the input's stream types and
 * container duration, and {@code -progress progress.txt} the output's duration. The input is probed with ffprobe
 * only when the output falls short of the container's duration (or the container states none), to judge against
 * its audio stream's own duration: a video whose audio ends early passes, a truncated faststart MP4 that ffmpeg
 * exits 0 on does not (exit {@link #EXIT_VERIFICATION}, the output deleted so it is never uploaded). The output is
 * probed only when ffmpeg wrote no progress report. The durations and size go to stdout as {@code BT_*} lines for
 * the report ({@link TaskOutcome}).
 */
final class NodeScript {
    /**
     * Runs the script from the job preparation directory. The node agent starts a command line without a shell
     * (no variable expansion), so a fixed {@code bash -c} expands the variable the agent sets and reads the script
     * in that same bash (one process, not a second bash start per task).
     */
    static final String COMMAND_LINE = "/bin/bash -c '. \"$AZ_BATCH_JOB_PREP_WORKING_DIR/transcode.sh\"'";
    /** Where the scripts find the job's files: the job preparation directory (the working directory when unset). */
    static final String JOB_FILES = "${AZ_BATCH_JOB_PREP_WORKING_DIR:-.}";
    static final String SCRIPT_FILE = "transcode.sh";
    static final String ARGS_FILE = "args.txt";
    static final String INPUT_FILE = "in/source";
    /** Where the node's ffmpeg writes its {@code -progress} report (in the task's working directory). */
    static final String PROGRESS_FILE = "progress.txt";
    /** Exit code for an output that failed verification. */
    static final int EXIT_VERIFICATION = 3;
    /** Exit code for an input with video but no audio stream. */
    static final int EXIT_NO_AUDIO = 4;
    /** Exit code for an input with neither audio nor video: truncated or damaged, as the local backend says. */
    static final int EXIT_INVALID_INPUT = 5;

    private NodeScript() {
    }

    static String outputFile(OutputFormat format) {
        return "out/result." + format.extension();
    }

    /** The argument file: ffmpeg's arguments after the program name, one per line, reporting on itself. */
    static String arguments(OutputFormat format) {
        List<String> argv = FfmpegCommand.reportingArgv("ffmpeg", INPUT_FILE, outputFile(format), format,
                PROGRESS_FILE);
        return String.join("\n", argv.subList(1, argv.size())) + "\n";
    }

    /**
     * What names an output's blob ({@link JobLayout#outputKey}): the arguments that shape the output, without the
     * ones that only make ffmpeg report on itself, so outputs made before verification moved into the run keep
     * their names and {@code SKIP_EXISTING} still finds them.
     */
    static String outputKeyArguments(OutputFormat format) {
        List<String> argv = FfmpegCommand.argv("ffmpeg", INPUT_FILE, outputFile(format), format);
        return String.join("\n", argv.subList(1, argv.size())) + "\n";
    }

    /** The script; {@code verify} switches the duration check. */
    static String script(boolean verify) {
        return String.format(Locale.ROOT, """
                #!/bin/bash
                # batch-transcode node script. Runs in the task's working directory with in/source downloaded as
                # its resource file; args.txt is in the job preparation directory (once per node). ffmpeg reports on itself (stream report in ffmpeg.txt, -progress in
                # %7$s): a good file starts no ffprobe. Exit 0: out/ holds a verified output. Exit %1$d:
                # verification failed. Exit %2$d: no audio stream. Exit %6$d: neither audio nor video (truncated or
                # damaged). Any other code is ffmpeg's.
                set -u
                mkdir -p out
                mapfile -t ARGS < "%8$s/args.txt"
                OUT="${ARGS[${#ARGS[@]}-1]}"
                rm -f %7$s
                duration() { # one ffprobe: the first audio stream's duration, else the container's
                  ffprobe -v error -select_streams a:0 -show_entries stream=duration:format=duration -of default=nw=1:nk=1 "$1" 2>/dev/null | grep -m 1 -E '^[0-9]+([.][0-9]+)?$'
                }
                within() {
                  awk -v i="$1" -v o="$2" 'BEGIN { t = i * %4$s; if (t < %5$s) t = %5$s; d = o - i; if (d < 0) d = -d; exit !(o != "" && d <= t) }'
                }
                ffmpeg "${ARGS[@]}" 2>ffmpeg.txt
                RC=$?
                # the input as ffmpeg opened it, from its "Input #0" block: opened|stream types|container seconds
                INPUT=$(awk '
                  /^Input #0, / { inside = 1; opened = 1; next }
                  !inside { next }
                  !/^ / { exit }
                  !dated && /^  Duration: / { dated = 1; d = $2; sub(/,$/, "", d); if (split(d, p, ":") == 3) secs = sprintf("%%.3f", p[1] * 3600 + p[2] * 60 + p[3]); next }
                  /^  +Stream #0:[0-9]/ { t = $0; sub(/^  +Stream #0:[0-9]+[^ ]*: /, "", t); sub(/:.*/, "", t); if (t ~ /^(Audio|Video|Subtitle|Data|Attachment)$/) types = types (types == "" ? "" : ", ") tolower(t) }
                  END { printf "%%d|%%s|%%s\\n", opened, types, secs }' ffmpeg.txt)
                OPENED="${INPUT%%%%|*}"
                REST="${INPUT#*|}"
                TYPES="${REST%%%%|*}"
                IN_SECONDS="${REST#*|}"
                if [ "$RC" -ne 0 ]; then
                  case ", $TYPES, " in
                    *", audio, "*) ;;
                    *", video, "*) [ "$OPENED" = 1 ] && { echo "the input has no audio stream (it has: $TYPES)" >&2; exit %2$d; } ;;
                    *) [ "$OPENED" = 1 ] && { echo "the input is not usable media, probably truncated or damaged: it has no audio or video stream (found: ${TYPES:-no streams})" >&2; exit %6$d; } ;;
                  esac
                  cat ffmpeg.txt >&2
                  echo "ffmpeg exited with code $RC" >&2
                  exit "$RC"
                fi
                cat ffmpeg.txt >&2
                if [ ! -s "$OUT" ]; then
                  echo "ffmpeg reported success but wrote no output" >&2
                  exit %1$d
                fi
                OUT_SECONDS=$(awk -F= '$1 == "out_time_us" { v = $2 } $1 == "progress" && $2 == "end" { e = 1 } END { if (e && v ~ /^[0-9]+$/ && v > 0) printf "%%.6f\\n", v / 1e6 }' %7$s 2>/dev/null)
                if [ -z "$OUT_SECONDS" ]; then
                  OUT_SECONDS=$(duration "$OUT") # no progress report: read the output itself
                fi
                if [ "%3$s" = "true" ] && { [ -z "$IN_SECONDS" ] || ! within "$IN_SECONDS" "$OUT_SECONDS"; }; then
                  # short of the container (or it states no duration): judge by the audio stream's own duration
                  IN_SECONDS=$(duration in/source)
                  if [ -n "$IN_SECONDS" ] && ! within "$IN_SECONDS" "$OUT_SECONDS"; then
                    echo "BT_INPUT_SECONDS=$IN_SECONDS"
                    echo "BT_OUTPUT_SECONDS=$OUT_SECONDS"
                    echo "output is ${OUT_SECONDS:-?} s long but the input's audio is $IN_SECONDS s: the input is probably truncated or damaged" >&2
                    rm -f "$OUT"
                    exit %1$d
                  fi
                fi
                echo "BT_INPUT_SECONDS=$IN_SECONDS"
                echo "BT_OUTPUT_SECONDS=$OUT_SECONDS"
                echo "BT_OUTPUT_BYTES=$(stat -c %%s "$OUT")"
                exit 0
                """, EXIT_VERIFICATION, EXIT_NO_AUDIO, verify, Double.toString(OutputVerifier.RELATIVE),
                Double.toString(OutputVerifier.ABSOLUTE), EXIT_INVALID_INPUT, PROGRESS_FILE, JOB_FILES);
    }

    /**
     * The script of formats planned on the node ({@link NodePlan}): probes the source, picks each format's
     * candidate, runs ffmpeg, verifies every output and writes the result manifest. Kept as a resource
     * ({@code node-planned.sh}) so that it can be read and run as the bash it is.
     */
    static String plannedScript() {
        try (var in = NodeScript.class.getResourceAsStream("node-planned.sh")) {
            if (in == null) {
                throw new IllegalStateException("node-planned.sh is missing from the library's jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The video script: runs ffmpeg once per argument file ({@code args-NN.txt}, one per preset, in order), each
     * argument a line read into a bash array, after creating the {@code out/} folders the arguments name. The
     * first ffmpeg failure ends the task with ffmpeg's code and its stderr; the outputs are verified by the client
     * after download (see {@link VideoResults}), so a truncated source that ffmpeg encodes with exit 0 still fails.
     */
    static String videoScript() {
        return """
                #!/bin/bash
                # batch-transcode node script (video). Runs in the task's working directory with in/source and
                # args-NN.txt downloaded as the task's resource files (this script comes once per node with the
                # job preparation task); writes below out/NN/. Exit 0: every preset encoded.
                # Any other code is ffmpeg's.
                set -u
                mkdir -p out
                for ARGFILE in args-*.txt; do
                  mapfile -t ARGS < "$ARGFILE"
                  for A in "${ARGS[@]}"; do
                    case "$A" in
                      out/*) mkdir -p -- "$(dirname -- "$A")" ;;
                    esac
                  done
                  echo "BT_PRESET_START=$ARGFILE"
                  ffmpeg "${ARGS[@]}"
                  RC=$?
                  if [ "$RC" -ne 0 ]; then
                    echo "ffmpeg exited with code $RC" >&2
                    exit "$RC"
                  fi
                done
                exit 0
                """;
    }
}
