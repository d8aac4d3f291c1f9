package io.github.batchtranscode.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Ready-made outputs: audio ({@link #MP3} is what the Azure Batch tutorial produces), single-bitrate H.264
 * renditions, an adaptive H.264 ladder (as MP4 files or packaged as HLS), VP9 WebM and a JPEG poster frame.
 *
 * <pre>{@code
 * TranscodeRequest request = TranscodeRequest.builder().inputDirectory(IN).outputDirectory(OUT)
 *         .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL))
 *         .build();
 * List<Preset> fromText = Preset.parseList("h264-ladder,hls,thumbnail");  // CLI names or constant names
 * }</pre>
 *
 * <p>Video presets never upscale, keep the aspect ratio, honour rotation metadata and align key frames every
 * 2 seconds across all renditions; their exact ffmpeg arguments are documented in the README ("Video presets")
 * and depend on the encoders the ffmpeg in use has ({@code libx264} where present, else {@code libopenh264}).
 */
public enum Preset {
    /** MP3 via LAME, 192 kbit/s: the tutorial's output. */
    MP3("mp3", "mp3", Kind.AUDIO, 0, List.of("-c:a", "libmp3lame", "-b:a", "192k")),
    /** AAC-LC in an MPEG-4 audio container ({@code .m4a}), 160 kbit/s. */
    AAC("aac", "m4a", Kind.AUDIO, 0, List.of("-c:a", "aac", "-b:a", "160k")),
    /** Opus in Ogg ({@code .opus}), 96 kbit/s. */
    OPUS("opus", "opus", Kind.AUDIO, 0, List.of("-c:a", "libopus", "-b:a", "96k")),
    /** H.264 + AAC in MP4 at up to 480 lines, 1.4 Mbit/s: {@code <stem>.480p.mp4}. */
    H264_480P("h264-480p", "mp4", Kind.RENDITION, 480, List.of()),
    /** H.264 + AAC in MP4 at up to 720 lines, 2.8 Mbit/s: {@code <stem>.720p.mp4}. */
    H264_720P("h264-720p", "mp4", Kind.RENDITION, 720, List.of()),
    /** H.264 + AAC in MP4 at up to 1080 lines, 5 Mbit/s: {@code <stem>.1080p.mp4}. */
    H264_1080P("h264-1080p", "mp4", Kind.RENDITION, 1080, List.of()),
    /** H.264 + AAC MP4 renditions at 1080p, 720p, 480p and 360p, only those at or below the source's height. */
    H264_LADDER("h264-ladder", "mp4", Kind.LADDER, 1080, List.of()),
    /** The ladder packaged as HLS: {@code <stem>.hls/master.m3u8} with relative URIs. */
    HLS("hls", "m3u8", Kind.HLS, 1080, List.of()),
    /** VP9 + Opus in WebM at up to 720 lines: {@code <stem>.720p.webm}. */
    WEBM_720P("webm-720p", "webm", Kind.RENDITION, 720, List.of()),
    /** A JPEG poster frame at up to 720 lines: {@code <stem>.jpg}. */
    THUMBNAIL("thumbnail", "jpg", Kind.THUMBNAIL, 720, List.of());

    /** What a preset produces. */
    public enum Kind {
        /** One audio file; the input needs an audio stream. */
        AUDIO,
        /** One video file at one height. */
        RENDITION,
        /** Several MP4 files, one per rung. */
        LADDER,
        /** An HLS folder. */
        HLS,
        /** One JPEG image. */
        THUMBNAIL
    }

    private final String cliName;
    private final String extension;
    private final Kind kind;
    private final int maxHeight;
    private final List<String> arguments;

    Preset(String cliName, String extension, Kind kind, int maxHeight, List<String> arguments) {
        this.cliName = cliName;
        this.extension = extension;
        this.kind = kind;
        this.maxHeight = maxHeight;
        this.arguments = arguments;
    }

    /** The output file extension, without the dot ({@code m3u8} for HLS, whose output is a folder). */
    public String extension() {
        return extension;
    }

    /**
     * The ffmpeg output arguments of an audio preset (codec and bit rate); input, output and safety flags are
     * added by the library. Empty for video presets: their arguments depend on the source and the encoders present.
     */
    public List<String> arguments() {
        return arguments;
    }

    /** What this preset produces. */
    public Kind kind() {
        return kind;
    }

    /** Whether this preset writes video (everything but the audio presets). */
    public boolean isVideo() {
        return kind != Kind.AUDIO;
    }

    /** The largest output height in lines (0 for audio presets). */
    public int maxHeight() {
        return maxHeight;
    }

    /** The name on the command line and in reports, e.g. {@code h264-720p}. */
    public String cliName() {
        return cliName;
    }

    /** Every preset's command-line name, comma-separated, in declaration order. */
    public static String names() {
        return Arrays.stream(values()).map(Preset::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The preset with this name, case-insensitively: a {@link #cliName()} such as {@code h264-720p}, or the constant's
     * name such as {@code H264_720P}.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static Preset parse(String name) {
        String n = name == null ? "" : name.trim();
        for (Preset p : values()) {
            if (p.cliName.equalsIgnoreCase(n) || p.name().equalsIgnoreCase(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "': use one of " + names());
    }

    /**
     * A comma-separated list of presets, e.g. {@code h264-ladder,hls,thumbnail}.
     *
     * @throws IllegalArgumentException naming the unknown or repeated entry
     */
    public static List<Preset> parseList(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalArgumentException("no preset given: use one or more of " + names() + ", comma-separated");
        }
        List<Preset> list = new java.util.ArrayList<>();
        for (String part : names.split(",", -1)) {
            Preset p = parse(part);
            if (list.contains(p)) {
                throw new IllegalArgumentException("preset '" + p + "' is listed twice in '" + names + "'");
            }
            list.add(p);
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
