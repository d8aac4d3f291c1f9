package io.github.batchtranscode.internal.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Asks ffprobe for a file's streams and durations. */
public final class MediaProbe {
    /** Made on the first probe: a run whose files need no probe does not pay for Jackson before its first ffmpeg. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);
    private final Path ffprobe;
    private final ProcessRunner runner;

    /** A probe outside any run. */
    public MediaProbe(Path ffprobe) {
        this(ffprobe, new ProcessRunner());
    }

    /** A probe whose processes {@code runner} registers, so that a cancel kills them. */
    public MediaProbe(Path ffprobe, ProcessRunner runner) {
        this.ffprobe = ffprobe;
        this.runner = runner;
    }

    /**
     * What ffprobe saw.
     *
     * @param readable      whether ffprobe could open the file as media
     * @param hasAudio      whether it has an audio stream
     * @param streamTypes   the stream types found, e.g. {@code [video, audio]}
     * @param audioSeconds  the first audio stream's duration (or the container's when the stream has none), or null
     * @param error         ffprobe's complaint when the file is unreadable
     * @param audioCodec    the first audio stream's codec, or null
     * @param video         the first video stream, or null
     * @param formatSeconds the container's duration, or null
     * @param codecs        the RFC 6381 codecs string of the first video and audio stream for HLS
     *                      ({@code avc1.64001f,mp4a.40.2}), or null when a stream's codec has no known form
     */
    public record Info(boolean readable, boolean hasAudio, List<String> streamTypes, Double audioSeconds, String error,
            String audioCodec, Video video, Double formatSeconds, String codecs) {
        Info(boolean readable, boolean hasAudio, List<String> streamTypes, Double audioSeconds, String error) {
            this(readable, hasAudio, streamTypes, audioSeconds, error, null, null, null, null);
        }

        /** The longest duration known: the container's, else the video's, else the audio's; or null. */
        public Double mediaSeconds() {
            if (formatSeconds != null) {
                return formatSeconds;
            }
            return video != null && video.seconds() != null ? video.seconds() : audioSeconds;
        }
    }

    /**
     * A video stream as it displays.
     *
     * @param codec   e.g. {@code h264}
     * @param width   displayed width (rotation applied)
     * @param height  displayed height (rotation applied)
     * @param seconds the stream's duration, or null
     * @param rotated whether a display matrix turns it by 90 or 270 degrees (width and height are already swapped)
     * @param fps     the frame rate, or 0 when unknown
     */
    public record Video(String codec, int width, int height, Double seconds, boolean rotated, double fps) {
    }

    public Info probe(Path file) {
        List<String> argv = List.of(ffprobe.toString(), "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,profile,level,width,height,r_frame_rate,duration:stream_side_data=rotation:format=duration", "-of", "json", file.toString());
        try {
            ProcessRunner.Result r = runner.run(argv, TIMEOUT);
            if (r.cancelled()) {
                return new Info(false, false, List.of(), null, "cancelled");
            }
            if (!r.finished()) {
                return new Info(false, false, List.of(), null, "ffprobe did not answer within "
                        + TIMEOUT.toSeconds() + " s and was killed");
            }
            if (r.exit() != 0) {
                return new Info(false, false, List.of(), null, StderrTail.of(r.stderr()));
            }
            return parse(r.stdout());
        } catch (IOException e) {
            return new Info(false, false, List.of(), null, "ffprobe could not run: " + e.getMessage());
        }
    }

    static Info parse(String json) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        List<String> types = new java.util.ArrayList<>();
        Double audio = null;
        String audioCodec = null;
        Video video = null;
        String videoTag = null;
        String audioTag = null;
        for (JsonNode s : root.path("streams")) {
            String type = s.path("codec_type").asText("");
            types.add(type);
            if (video == null && type.equals("video")) {
                video = video(s);
                videoTag = Rfc6381.video(s.path("codec_name").asText(""), s.path("profile").asText(""),
                        s.path("level").asInt(0));
            }
            if (audioCodec == null && type.equals("audio")) {
                audioCodec = s.path("codec_name").asText(null);
                audioTag = Rfc6381.audio(audioCodec, s.path("profile").asText(""));
            }
            if (audio == null && type.equals("audio")) {
                audio = number(s.path("duration"));
                if (audio == null) {
                    audio = number(root.path("format").path("duration"));
                }
            }
        }
        String codecs = videoTag == null || (audioCodec != null && audioTag == null) ? null
                : audioTag == null ? videoTag : videoTag + "," + audioTag;
        return new Info(true, types.contains("audio"), List.copyOf(types), audio, null, audioCodec, video,
                number(root.path("format").path("duration")), codecs);
    }

    private static Video video(JsonNode s) {
        int w = s.path("width").asInt(0);
        int h = s.path("height").asInt(0);
        boolean rotated = false;
        for (JsonNode side : s.path("side_data_list")) {
            if (side.has("rotation")) {
                int r = Math.floorMod(Math.round((float) side.path("rotation").asDouble(0)), 360);
                rotated = r == 90 || r == 270;
            }
        }
        return new Video(s.path("codec_name").asText(""), rotated ? h : w, rotated ? w : h, number(s.path("duration")),
                rotated, rate(s.path("r_frame_rate").asText("")));
    }

    private static double rate(String r) {
        try {
            int slash = r.indexOf('/');
            double v = slash < 0 ? Double.parseDouble(r)
                    : Double.parseDouble(r.substring(0, slash)) / Double.parseDouble(r.substring(slash + 1));
            return Double.isFinite(v) && v > 0 && v < 1000 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Double number(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            double d = Double.parseDouble(n.asText());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
