package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import java.nio.file.Path;
import java.util.List;

/**
 * What is known about one input: from ffprobe when something needs it before ffmpeg runs (video plans, an existing
 * output to keep, a verification that needs the audio stream's own duration), otherwise from what the transcoding
 * ffmpeg run printed about it. Probes at most once.
 */
final class InputFacts {
    private static final MediaProbe.Info UNKNOWN = new MediaProbe.Info(false, false, List.of(), null, null, null,
            null, null, null);
    private final MediaProbe probe;
    private final Path input;
    private MediaProbe.Info info;
    private boolean probed;

    InputFacts(MediaProbe probe, Path input) {
        this.probe = probe;
        this.input = input;
    }

    /** ffprobe's answer, asked for now unless it was asked before. */
    MediaProbe.Info probed() {
        if (!probed) {
            info = probe.probe(input);
            probed = true;
        }
        return info;
    }

    boolean isProbed() {
        return probed;
    }

    /** What is known so far, or null. */
    MediaProbe.Info known() {
        return info;
    }

    /** Keeps what an ffmpeg run said unless something better is known. */
    void learn(MediaProbe.Info fromRun) {
        if (info == null && fromRun.readable()) {
            info = fromRun;
        }
    }

    /** What is known, or an empty answer. */
    MediaProbe.Info orUnknown() {
        return info != null ? info : UNKNOWN;
    }
}
