package io.github.batchtranscode.internal.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a transcoding ffmpeg run said about its own input and output, so that verification needs no ffprobe process:
 * the input's container duration and stream types from the {@code Input #0} block ffmpeg prints on stderr at
 * {@code -loglevel info}, and the output's duration from the last {@code out_time_us} of {@code -progress pipe:1}
 * (the timestamp up to which the muxer wrote the encoded stream).
 */
public final class FfmpegReport {
    private static final Pattern DURATION = Pattern.compile("^  Duration: (?:(\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)|N/A)");
    private static final Pattern STREAM = Pattern.compile(
            "^ {2,4}Stream #0:\\d+\\S*: (Audio|Video|Subtitle|Data|Attachment): .*");

    private FfmpegReport() {
    }

    /**
     * The input as ffmpeg opened it.
     *
     * @param opened          whether ffmpeg printed an {@code Input #0} block (it could open the input as media)
     * @param streamTypes     the stream types in order, as ffprobe names them ({@code audio}, {@code video}, …)
     * @param containerSeconds the container's duration, or null when ffmpeg states none
     */
    public record Input(boolean opened, List<String> streamTypes, Double containerSeconds) {
        /** Whether it has an audio stream. */
        public boolean hasAudio() {
            return streamTypes.contains("audio");
        }

        /** As a probe result, for the report row and the no-audio checks. */
        public MediaProbe.Info asInfo() {
            return opened ? new MediaProbe.Info(true, hasAudio(), streamTypes, containerSeconds, null, null, null,
                    containerSeconds, null) : new MediaProbe.Info(false, false, List.of(), null, "ffmpeg could not open it");
        }
    }

    /** Parses ffmpeg's stderr at {@code -loglevel info} up to its stream mapping. */
    public static Input input(String stderr) {
        boolean inside = false;
        boolean opened = false;
        boolean dated = false;
        Double seconds = null;
        List<String> types = new ArrayList<>();
        for (String line : stderr.split("\r?\n")) {
            if (line.startsWith("Input #0, ")) {
                inside = true;
                opened = true;
                continue;
            }
            if (!inside) {
                continue;
            }
            if (!line.startsWith(" ")) {
                break; // "Stream mapping:", "Output #0", an error: the input block is over
            }
            Matcher d = DURATION.matcher(line);
            if (!dated && d.find()) {
                dated = true;
                seconds = d.group(1) == null ? null : Integer.parseInt(d.group(1)) * 3600.0
                        + Integer.parseInt(d.group(2)) * 60.0 + Double.parseDouble(d.group(3));
                continue;
            }
            Matcher s = STREAM.matcher(line);
            if (s.matches()) {
                types.add(s.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Input(opened, List.copyOf(types), seconds);
    }

    /** The output's duration in seconds from a {@code -progress} report that reached {@code progress=end}, or null. */
    public static Double outputSeconds(String progress) {
        Double last = null;
        boolean ended = false;
        for (String line : progress.split("\r?\n")) {
            if (line.startsWith("out_time_us=")) {
                try {
                    last = Long.parseLong(line.substring("out_time_us=".length()).strip()) / 1e6;
                } catch (NumberFormatException e) {
                    last = null; // N/A: nothing written yet
                }
            } else if (line.strip().equals("progress=end")) {
                ended = true;
            }
        }
        return ended && last != null && last > 0 ? last : null;
    }
}
