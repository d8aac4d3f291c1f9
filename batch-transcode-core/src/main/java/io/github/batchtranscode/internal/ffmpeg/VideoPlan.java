package io.github.batchtranscode.internal.ffmpeg;

import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg argument list of one video preset for one source: which renditions (never upscaled), and the encoder
 * settings, identical on every backend. One ffmpeg process per preset decodes the source once and writes every
 * rendition ({@code split} then {@code scale} per rung).
 *
 * <ul>
 *   <li>H.264 ({@code libx264 -preset veryfast -profile:v high -sc_threshold 0}, or {@code libopenh264
 *       -profile:v high -rc_mode bitrate}): 1080p 5000k, 720p 2800k, 480p 1400k, 360p 800k (smaller sources:
 *       800k scaled by height), {@code -maxrate} 1.1× and {@code -bufsize} 2× the bitrate; AAC 128k stereo;
 *       MP4 with {@code -movflags +faststart}.</li>
 *   <li>Key frames every 2 s on every rung ({@code -g}/{@code -keyint_min} = 2 s of frames and
 *       {@code -force_key_frames expr:gte(t,n_forced*2)}), so HLS variants switch cleanly; HLS segments are 2 s.</li>
 *   <li>{@code scale=-2:H}: height H, width keeping the aspect ratio rounded to even; {@code yuv420p}. ffmpeg
 *       applies rotation metadata before the filters, so H is the displayed height.</li>
 *   <li>VP9 ({@code libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1}) 1800k + Opus 128k in WebM.</li>
 *   <li>Thumbnail: the frame at a quarter of the duration (at most 5 s in), JPEG {@code -q:v 3}.</li>
 * </ul>
 *
 * @param renditions the outputs, in argument order
 * @param argv       the argument list after the program name is prepended by {@link #argv(String)}
 */
public record VideoPlan(List<Rendition> renditions, List<String> argv) {
    /** Key frame interval in seconds; also the HLS segment length. */
    public static final int GOP_SECONDS = 2;

    /**
     * One output of the plan.
     *
     * @param height       the target height in lines
     * @param label        the rung's label in names ({@code 720} for {@code .720p.mp4})
     * @param videoKbps    the video bit rate
     * @param target       where ffmpeg writes it (a temporary file, or a variant playlist relative to the HLS dir)
     */
    public record Rendition(int height, int label, int videoKbps, String target) {
    }

    /** The heights a preset makes from a source of this displayed height: never taller than the source. */
    public static List<int[]> rungs(Preset preset, int sourceHeight) {
        int own = Math.max(2, sourceHeight - (sourceHeight % 2));
        List<int[]> out = new ArrayList<>(); // {height, label}
        switch (preset.kind()) {
            case RENDITION, THUMBNAIL -> out.add(new int[] {Math.min(preset.maxHeight(), own), preset.maxHeight()});
            case LADDER, HLS -> {
                for (int h : OutputNames.LADDER) {
                    if (h <= sourceHeight) {
                        out.add(new int[] {h, h});
                    }
                }
                if (out.isEmpty()) {
                    out.add(new int[] {own, own});
                }
            }
            default -> throw new IllegalArgumentException("not a video preset: " + preset);
        }
        return out;
    }

    /** The video bit rate of a rung. */
    public static int kbps(Preset preset, int height) {
        if (preset == Preset.WEBM_720P) {
            return height >= 720 ? 1800 : Math.max(200, 1800 * height / 720);
        }
        return switch (height) {
            case 1080 -> 5000;
            case 720 -> 2800;
            case 480 -> 1400;
            case 360 -> 800;
            default -> height > 1080 ? 5000 : Math.max(200, 800 * height / 360);
        };
    }

    /**
     * Plans one preset.
     *
     * @param input   the input as ffmpeg opens it
     * @param source  the probed source (needs a video stream)
     * @param hasAudio whether to map the source's first audio stream
     * @param encoder the video encoder to use ({@link Encoders#videoEncoder})
     * @param targets for each rung (in {@link #rungs} order) where ffmpeg writes it; for HLS a directory name
     *                relative to the working directory
     */
    public static VideoPlan of(Preset preset, String input, MediaProbe.Video source, boolean hasAudio, String encoder,
            List<String> targets) {
        List<int[]> rungs = rungs(preset, source.height());
        if (targets.size() != rungs.size()) {
            throw new IllegalArgumentException("need " + rungs.size() + " targets, got " + targets.size());
        }
        return build(preset, input, source, hasAudio, encoder, rungs, targets);
    }

    /**
     * Plans one rung of a preset alone ({@code index} in {@link #rungs} order), with the same settings as in
     * {@link #of}: the same size, bit rate and key frame interval, so renditions encoded apart still line up.
     */
    public static VideoPlan rung(Preset preset, String input, MediaProbe.Video source, boolean hasAudio,
            String encoder, int index, String target) {
        List<int[]> rungs = rungs(preset, source.height());
        return build(preset, input, source, hasAudio, encoder, List.of(rungs.get(index)), List.of(target));
    }

    private static VideoPlan build(Preset preset, String input, MediaProbe.Video source, boolean hasAudio,
            String encoder, List<int[]> rungs, List<String> targets) {
        int gop = (int) Math.max(1, Math.round((source.fps() > 0 ? source.fps() : 25) * GOP_SECONDS));
        double seconds = source.seconds() != null ? source.seconds() : 0;
        String seek = String.format(Locale.ROOT, "%.3f", Math.min(5.0, seconds / 4));
        List<String[]> numbers = new ArrayList<>();
        for (int[] r : rungs) {
            int kbps = kbps(preset, r[0]);
            numbers.add(new String[] {Integer.toString(r[0]), Integer.toString(kbps), Integer.toString(kbps * 11 / 10),
                    Integer.toString(kbps * 2)});
        }
        List<String> argv = arguments(preset, input, Integer.toString(gop), seek, hasAudio, encoder, numbers, targets);
        List<Rendition> out = new ArrayList<>();
        for (int i = 0; i < rungs.size(); i++) {
            out.add(new Rendition(rungs.get(i)[0], rungs.get(i)[1],
                    preset == Preset.THUMBNAIL ? 0 : kbps(preset, rungs.get(i)[0]), targets.get(i)));
        }
        return new VideoPlan(List.copyOf(out), argv);
    }

    /** Placeholder a node replaces with its source's key frame interval in frames ({@code GOP_SECONDS} of frames). */
    public static final String GOP = "@GOP@";
    /** Placeholder for the thumbnail's seek time ({@code %.3f} seconds: a quarter of the duration, at most 5). */
    public static final String SEEK = "@SEEK@";
    /** Placeholder for the source's own height rounded down to even (the rung of a source below the preset's). */
    public static final String OWN_HEIGHT = "@H@";
    /** Placeholders for the bit rate ({@link #kbps}), max rate (1.1×) and buffer (2×) of the own-height rung. */
    public static final String OWN_KBPS = "@KBPS@";
    public static final String OWN_MAXRATE = "@MAXRATE@";
    public static final String OWN_BUFSIZE = "@BUFSIZE@";

    /**
     * The argument list of one preset for a source not probed yet, for a node to complete: the same list
     * {@link #of} gives, with {@link #GOP} and {@link #SEEK} for the source's frame rate and duration, and, when
     * {@code ownRung}, the one rung at the source's own height ({@link #OWN_HEIGHT} and the bit rate placeholders).
     *
     * @param rungs {height, label} per rung (ignored when {@code ownRung})
     */
    public static List<String> template(Preset preset, String input, List<int[]> rungs, boolean ownRung,
            boolean hasAudio, String encoder, List<String> targets) {
        List<String[]> numbers = new ArrayList<>();
        if (ownRung) {
            numbers.add(new String[] {OWN_HEIGHT, OWN_KBPS, OWN_MAXRATE, OWN_BUFSIZE});
        } else {
            for (int[] r : rungs) {
                int kbps = kbps(preset, r[0]);
                numbers.add(new String[] {Integer.toString(r[0]), Integer.toString(kbps),
                        Integer.toString(kbps * 11 / 10), Integer.toString(kbps * 2)});
            }
        }
        return arguments(preset, input, GOP, SEEK, hasAudio, encoder, numbers, targets);
    }

    /** The argument list; {@code numbers} holds {height, kbps, maxrate, bufsize} per rung, as text. */
    private static List<String> arguments(Preset preset, String input, String gop, String seek, boolean hasAudio,
            String encoder, List<String[]> numbers, List<String> targets) {
        List<String> a = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-y"));
        if (preset == Preset.THUMBNAIL) {
            a.addAll(List.of("-ss", seek, "-i", input, "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                    "-vf", "scale=-2:" + numbers.get(0)[0] + ":flags=bicubic,setsar=1,format=yuvj420p", "-c:v",
                    "mjpeg", "-q:v", "3", "-update", "1", targets.get(0)));
            return List.copyOf(a);
        }
        a.addAll(List.of("-i", input, "-map_metadata", "0"));
        StringBuilder graph = new StringBuilder("[0:v:0]split=" + numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < numbers.size(); i++) {
            graph.append(";[s").append(i).append("]scale=-2:").append(numbers.get(i)[0])
                    .append(":flags=bicubic,setsar=1,format=yuv420p[v").append(i).append(']');
        }
        a.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < numbers.size(); i++) {
            a.addAll(List.of("-map", "[v" + i + "]"));
            if (hasAudio) {
                a.addAll(List.of("-map", "0:a:0"));
            }
            a.addAll(videoCodec(encoder, numbers.get(i), gop));
            if (hasAudio) {
                a.addAll(preset == Preset.WEBM_720P ? List.of("-c:a", "libopus", "-b:a", "128k", "-ac", "2")
                        : List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2"));
            }
            String target = targets.get(i);
            if (preset == Preset.HLS) {
                a.addAll(List.of("-f", "hls", "-hls_time", Integer.toString(GOP_SECONDS), "-hls_playlist_type", "vod",
                        "-hls_flags", "independent_segments", "-hls_segment_filename", target + "/seg_%05d.ts",
                        target + "/index.m3u8"));
            } else {
                if (preset != Preset.WEBM_720P) {
                    a.addAll(List.of("-movflags", "+faststart"));
                }
                a.add(target);
            }
        }
        return List.copyOf(a);
    }

    private static List<String> videoCodec(String encoder, String[] n, String gop) {
        List<String> a = new ArrayList<>(List.of("-c:v", encoder, "-b:v", n[1] + "k", "-maxrate", n[2] + "k",
                "-bufsize", n[3] + "k", "-g", gop, "-keyint_min", gop,
                "-force_key_frames", "expr:gte(t,n_forced*" + GOP_SECONDS + ")"));
        switch (encoder) {
            case "libx264" -> a.addAll(List.of("-preset", "veryfast", "-profile:v", "high", "-sc_threshold", "0"));
            case "libopenh264" -> a.addAll(List.of("-profile:v", "high", "-rc_mode", "bitrate"));
            case "libvpx-vp9" -> a.addAll(List.of("-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1"));
            default -> {
                // another H.264 encoder: its defaults
            }
        }
        return a;
    }

    /** The full argument list with the program first. */
    public List<String> argv(String program) {
        List<String> all = new ArrayList<>(argv.size() + 1);
        all.add(program);
        all.addAll(argv);
        return List.copyOf(all);
    }

    /**
     * What an output of this preset must be for verification, on every backend.
     *
     * @param height   the rung's height (for HLS the tallest)
     * @param hasAudio whether the source has audio
     * @param seconds  the source's duration, or null
     */
    public static OutputVerifier.Expect expect(Preset preset, int height, boolean hasAudio, Double seconds) {
        String videoCodec = switch (preset) {
            case WEBM_720P -> "vp9";
            case THUMBNAIL -> "mjpeg";
            default -> "h264";
        };
        String audioCodec = !hasAudio || preset == Preset.THUMBNAIL ? null
                : preset == Preset.WEBM_720P ? "opus" : "aac";
        return new OutputVerifier.Expect(videoCodec, height, audioCodec, preset == Preset.THUMBNAIL ? null : seconds);
    }
}
