package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.model.OutputFormat;
import java.util.List;
import java.util.Locale;

/**
 * What runs on a node. The task command line is the constant {@link #COMMAND_LINE}: it never contains user text.
 * The node sees fixed names ({@code in/source}, {@code out/result.<ext>}); original file names live only in blob
 * names. The ffmpeg argument list comes from {@link FfmpegCommand} (the local backend's, so both backends run
 * the same ffmpeg) as {@code args.txt}, one argument per line, read into a bash array: never word-split, never
 * evaluated. The script then checks the output against the input's audio duration with the local backend's
 * tolerance, and prints both durations on stdout for the report.
 */
final class NodeScript {
    static final String COMMAND_LINE = "/bin/bash transcode.sh";
    static final String SCRIPT_FILE = "transcode.sh";
    static final String ARGS_FILE = "args.txt";
    static final String INPUT_FILE = "in/source";
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

    /** The argument file: ffmpeg's arguments after the program name, one per line. */
    static String arguments(OutputFormat format) {
        List<String> argv = FfmpegCommand.argv("ffmpeg", INPUT_FILE, outputFile(format), format);
        return String.join("\n", argv.subList(1, argv.size())) + "\n";
    }

    /** The script; {@code verify} switches the duration check. */
    static String script(boolean verify) {
        return String.format(Locale.ROOT, """
                #!/bin/bash
                # batch-transcode node script. Runs in the task's working directory with in/source and args.txt
                # downloaded as resource files. Exit 0: out/ holds a verified output. Exit %1$d: verification
                # failed. Exit %2$d: no audio stream. Exit %6$d: neither audio nor video (truncated or damaged).
                # Any other code is ffmpeg's.
                set -u
                mkdir -p out
                mapfile -t ARGS < args.txt
                OUT="${ARGS[${#ARGS[@]}-1]}"
                duration() {
                  local d
                  d=$(ffprobe -v error -select_streams a:0 -show_entries stream=duration -of default=nw=1:nk=1 "$1" 2>/dev/null | head -n 1)
                  if [ -z "$d" ] || [ "$d" = "N/A" ]; then
                    d=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1" 2>/dev/null | head -n 1)
                  fi
                  echo "$d"
                }
                if STREAMS=$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 in/source 2>/dev/null); then
                  FOUND=$(printf '%%s' "$STREAMS" | tr '\\n' ',' | sed 's/,$//; s/,/, /g')
                  if ! printf '%%s\\n' "$STREAMS" | grep -qx audio; then
                    if printf '%%s\\n' "$STREAMS" | grep -qx video; then
                      echo "the input has no audio stream (it has: $FOUND)" >&2
                      exit %2$d
                    fi
                    echo "the input is not usable media, probably truncated or damaged: it has no audio or video stream (found: ${FOUND:-no streams})" >&2
                    exit %6$d
                  fi
                fi
                IN_SECONDS=$(duration in/source)
                echo "BT_INPUT_SECONDS=$IN_SECONDS"
                ffmpeg "${ARGS[@]}"
                RC=$?
                if [ "$RC" -ne 0 ]; then
                  echo "ffmpeg exited with code $RC" >&2
                  exit "$RC"
                fi
                if [ ! -s "$OUT" ]; then
                  echo "ffmpeg reported success but wrote no output" >&2
                  exit %1$d
                fi
                OUT_SECONDS=$(duration "$OUT")
                echo "BT_OUTPUT_SECONDS=$OUT_SECONDS"
                echo "BT_OUTPUT_BYTES=$(stat -c %%s "$OUT")"
                if [ "%3$s" = "true" ] && [ -n "$IN_SECONDS" ] && [ "$IN_SECONDS" != "N/A" ]; then
                  if ! awk -v i="$IN_SECONDS" -v o="$OUT_SECONDS" 'BEGIN { t = i * %4$s; if (t < %5$s) t = %5$s; d = o - i; if (d < 0) d = -d; exit !(o != "" && d <= t) }'; then
                    echo "output is ${OUT_SECONDS:-?} s long but the input's audio is $IN_SECONDS s: the input is probably truncated or damaged" >&2
                    rm -f "$OUT"
                    exit %1$d
                  fi
                fi
                exit 0
                """, EXIT_VERIFICATION, EXIT_NO_AUDIO, verify, Double.toString(OutputVerifier.RELATIVE),
                Double.toString(OutputVerifier.ABSOLUTE), EXIT_INVALID_INPUT);
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
                # args-NN.txt downloaded as resource files; writes below out/NN/. Exit 0: every preset encoded.
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
