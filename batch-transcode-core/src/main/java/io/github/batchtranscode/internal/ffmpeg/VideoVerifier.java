package io.github.batchtranscode.internal.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a video output is good: it decodes, has the expected streams (codec, height at most its rung,
 * audio exactly when the input had audio) and lasts as long as the input, within {@link OutputVerifier}'s tolerance.
 * An HLS folder is good when its master and every media playlist parse, every segment they name exists, each
 * variant's segments add up to the input's duration, and ffprobe reads the master playlist.
 * Reached through {@link OutputVerifier}.
 */
final class VideoVerifier {
    private static final Pattern RUNG = Pattern.compile("^(\\d+)p/");
    private final MediaProbe probe;

    VideoVerifier(MediaProbe probe) {
        this.probe = probe;
    }

    OutputVerifier.Media verify(Path file, OutputVerifier.Expect e) {
        try {
            if (!Files.exists(file)) {
                return OutputVerifier.Media.failed("ffmpeg reported success but wrote no output");
            }
            if (Files.size(file) == 0) {
                return OutputVerifier.Media.failed("the output is empty (0 bytes)");
            }
        } catch (IOException x) {
            return OutputVerifier.Media.failed("the output could not be read: " + x.getMessage());
        }
        return streams(probe.probe(file), e, e.seconds());
    }

    private OutputVerifier.Media streams(MediaProbe.Info info, OutputVerifier.Expect e, Double expectedSeconds) {
        if (!info.readable()) {
            return OutputVerifier.Media.failed("the output does not decode: " + info.error());
        }
        MediaProbe.Video v = info.video();
        if (v == null) {
            return OutputVerifier.Media.failed("the output has no video stream");
        }
        Integer w = v.width();
        Integer h = v.height();
        Double secs = info.mediaSeconds();
        String problem = null;
        if (!v.codec().equals(e.videoCodec())) {
            problem = "its video is " + v.codec() + ", not " + e.videoCodec();
        } else if (h <= 0 || h > e.maxHeight()) {
            problem = "its video is " + w + "x" + h + ", taller than " + e.maxHeight() + " lines";
        } else if (e.audioCodec() != null && !info.hasAudio()) {
            problem = "it has no audio although the input has";
        } else if (e.audioCodec() == null && info.hasAudio()) {
            problem = "it has audio although the input has none";
        } else if (e.audioCodec() != null && !e.audioCodec().equals(info.audioCodec())) {
            problem = "its audio is " + info.audioCodec() + ", not " + e.audioCodec();
        } else if (expectedSeconds != null) {
            OutputVerifier.Verdict d = OutputVerifier.judge(expectedSeconds, secs);
            if (!d.ok()) {
                problem = d.problem().replace("the input's audio", "the input");
            }
        }
        return new OutputVerifier.Media(problem == null, problem, w, h, v.codec(), info.audioCodec(), secs);
    }

    OutputVerifier.Media verifyHls(Path master, OutputVerifier.Expect e) {
        Path dir = master.getParent();
        List<String> variants;
        try {
            variants = HlsPlaylists.readMaster(master);
        } catch (IOException x) {
            return OutputVerifier.Media.failed("the master playlist is not usable: " + x.getMessage());
        }
        OutputVerifier.Media top = null;
        for (String uri : variants) {
            Path playlist = dir.resolve(uri);
            String problem = variant(playlist, uri, e);
            if (problem != null) {
                return OutputVerifier.Media.failed("variant " + uri + ": " + problem);
            }
            Matcher m = RUNG.matcher(uri);
            int rung = m.find() ? Integer.parseInt(m.group(1)) : e.maxHeight();
            try {
                Path first = playlist.resolveSibling(HlsPlaylists.readMedia(playlist).segments().get(0));
                OutputVerifier.Media seg = streams(probe.probe(first), new OutputVerifier.Expect(e.videoCodec(),
                        Math.min(rung, e.maxHeight()), e.audioCodec(), null), null);
                if (!seg.ok()) {
                    return OutputVerifier.Media.failed("variant " + uri + ": " + seg.problem());
                }
                if (top == null) {
                    top = seg;
                }
            } catch (IOException x) {
                return OutputVerifier.Media.failed("variant " + uri + ": " + x.getMessage());
            }
        }
        MediaProbe.Info whole = probe.probe(master);
        if (!whole.readable() || whole.video() == null) {
            return OutputVerifier.Media.failed("ffprobe cannot read the master playlist: "
                    + (whole.error() != null ? whole.error() : "no video stream"));
        }
        Double secs = whole.mediaSeconds();
        return new OutputVerifier.Media(true, null, top.width(), top.height(), top.videoCodec(), top.audioCodec(), secs);
    }

    private static String variant(Path playlist, String uri, OutputVerifier.Expect e) {
        HlsPlaylists.Media media;
        try {
            media = HlsPlaylists.readMedia(playlist);
        } catch (IOException x) {
            return "the playlist is not usable: " + x.getMessage();
        }
        if (!media.ended()) {
            return "the playlist has no #EXT-X-ENDLIST: it was not finished";
        }
        if (media.segments().isEmpty()) {
            return "the playlist names no segment";
        }
        for (String s : media.segments()) {
            Path seg = playlist.resolveSibling(s);
            try {
                if (!Files.isRegularFile(seg) || Files.size(seg) == 0) {
                    return "segment " + s + " is missing or empty";
                }
            } catch (IOException x) {
                return "segment " + s + " cannot be read: " + x.getMessage();
            }
        }
        if (e.seconds() != null) {
            OutputVerifier.Verdict d = OutputVerifier.judge(e.seconds(), media.totalSeconds());
            if (!d.ok()) {
                return String.format(Locale.ROOT, "its segments add up to %.2f s but the input is %.2f s: the input"
                        + " is probably truncated or damaged", media.totalSeconds(), e.seconds());
            }
        }
        return null;
    }
}
