package io.github.batchtranscode.internal.ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether an output is good: the one place verification lives, so that how outputs are read can change
 * here alone. Audio: it exists, is not empty, and its duration is within 2 % (or 0.5 s, whichever is larger) of
 * the input's audio duration. ffmpeg exits 0 on a truncated "faststart" MP4 and writes part of the audio: this
 * catches that. Video and HLS: see {@link #verifyVideo} and {@link #verifyHls}.
 */
public final class OutputVerifier {
    /** Relative tolerance. */
    public static final double RELATIVE = 0.02;
    /** Absolute tolerance in seconds. */
    public static final double ABSOLUTE = 0.5;

    private final MediaProbe probe;
    private final VideoVerifier video;

    public OutputVerifier(MediaProbe probe) {
        this.probe = probe;
        this.video = new VideoVerifier(probe);
    }

    /**
     * What a video output must be.
     *
     * @param videoCodec the codec name ffprobe reports ({@code h264}, {@code vp9}, {@code mjpeg})
     * @param maxHeight  the rung: the output may not be taller
     * @param audioCodec the audio codec it must have, or null when it must have no audio
     * @param seconds    the input's duration, or null to skip the duration check (thumbnails)
     */
    public record Expect(String videoCodec, int maxHeight, String audioCodec, Double seconds) {
    }

    /**
     * The verdict on a video output, with what was found.
     *
     * @param ok         whether it passed
     * @param problem    why not, or null
     * @param width      the video's width, or null
     * @param height     the video's height, or null
     * @param videoCodec its video codec, or null
     * @param audioCodec its audio codec, or null
     * @param seconds    its duration, or null
     */
    public record Media(boolean ok, String problem, Integer width, Integer height, String videoCodec,
            String audioCodec, Double seconds) {
        static Media failed(String problem) {
            return new Media(false, problem, null, null, null, null, null);
        }
    }

    /** Verifies an MP4, WebM or JPEG output. */
    public Media verifyVideo(Path output, Expect expect) {
        return video.verify(output, expect);
    }

    /** Verifies an HLS folder through its master playlist. */
    public Media verifyHls(Path master, Expect expect) {
        return video.verifyHls(master, expect);
    }

    /**
     * The verdict on one output.
     *
     * @param ok            whether it passed
     * @param outputSeconds the output's duration, or null
     * @param problem       why it failed, or null
     */
    public record Verdict(boolean ok, Double outputSeconds, String problem) {
    }

    /**
     * @param expectedSeconds the input's audio duration, or null when unknown (then only existence and size count)
     */
    public Verdict verify(Path output, Double expectedSeconds) {
        try {
            if (!Files.exists(output)) {
                return new Verdict(false, null, "ffmpeg reported success but wrote no output");
            }
            if (Files.size(output) == 0) {
                return new Verdict(false, null, "the output is empty (0 bytes)");
            }
        } catch (java.io.IOException e) {
            return new Verdict(false, null, "the output could not be read: " + e.getMessage());
        }
        MediaProbe.Info info = probe.probe(output);
        if (!info.readable() || !info.hasAudio()) {
            return new Verdict(false, null, "the output is not readable audio: " + (info.error() == null ? "no audio stream" : info.error()));
        }
        Double actual = info.audioSeconds();
        return judge(expectedSeconds, actual);
    }

    /** Compares durations with the tolerance. */
    public static Verdict judge(Double expectedSeconds, Double actualSeconds) {
        if (expectedSeconds == null) {
            return new Verdict(true, actualSeconds, null);
        }
        if (actualSeconds == null) {
            return new Verdict(false, null, "the output's duration could not be determined");
        }
        double tolerance = Math.max(ABSOLUTE, expectedSeconds * RELATIVE);
        if (Math.abs(actualSeconds - expectedSeconds) > tolerance) {
            return new Verdict(false, actualSeconds, String.format(java.util.Locale.ROOT,
                    "output is %.2f s long but the input's audio is %.2f s (%.0f %%): the input is probably truncated"
                    + " or damaged", actualSeconds, expectedSeconds, 100 * actualSeconds / expectedSeconds));
        }
        return new Verdict(true, actualSeconds, null);
    }
}
