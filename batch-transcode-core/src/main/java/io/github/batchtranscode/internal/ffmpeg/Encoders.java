package io.github.batchtranscode.internal.ffmpeg;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The encoders an ffmpeg build has ({@code ffmpeg -encoders}), and the choice each preset makes among them:
 * H.264 is {@code libx264} where present, else {@code libopenh264} (the bundled {@code org.bytedeco} build);
 * VP9 is {@code libvpx-vp9}; Opus {@code libopus}; AAC the native {@code aac}; JPEG {@code mjpeg}.
 *
 * @param names every encoder name the build lists
 */
public record Encoders(Set<String> names) {
    private static final Pattern LINE = Pattern.compile("^\\s*[VAS][A-Z.]{5}\\s+(\\S+)\\s", Pattern.MULTILINE);
    private static final Map<Path, Encoders> CACHE = new ConcurrentHashMap<>();

    public Encoders {
        names = Set.copyOf(names);
    }

    /** Parses the output of {@code ffmpeg -hide_banner -encoders}. */
    public static Encoders parse(String listing) {
        Set<String> found = new TreeSet<>();
        Matcher m = LINE.matcher(listing);
        while (m.find()) {
            if (!m.group(1).equals("=")) {
                found.add(m.group(1));
            }
        }
        return new Encoders(found);
    }

    /**
     * The encoders of this ffmpeg, asked once per executable.
     *
     * @throws ConfigurationException when ffmpeg cannot list them
     */
    public static Encoders of(Path ffmpeg) {
        return CACHE.computeIfAbsent(ffmpeg.toAbsolutePath(), Encoders::ask);
    }

    private static Encoders ask(Path ffmpeg) {
        try {
            ProcessRunner.Result r = new ProcessRunner().run(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin",
                    "-encoders"), java.time.Duration.ofSeconds(60));
            if (!r.ok()) {
                throw new ConfigurationException(ffmpeg + " -encoders failed: " + (r.finished()
                        ? StderrTail.of(r.stdout() + "\n" + r.stderr()) : "no answer within 60 s")
                        + ". Check that this is a working ffmpeg");
            }
            return parse(r.stdout());
        } catch (IOException e) {
            throw new ConfigurationException("could not run " + ffmpeg + " -encoders: " + e.getMessage(), e);
        }
    }

    /** The H.264 encoder to use, or null when the build has neither libx264 nor libopenh264. */
    public String h264() {
        return names.contains("libx264") ? "libx264" : names.contains("libopenh264") ? "libopenh264" : null;
    }

    /** The video encoder a preset uses with this build, or null for audio presets and missing encoders. */
    public String videoEncoder(Preset p) {
        return switch (p.kind()) {
            case AUDIO -> null;
            case RENDITION -> p == Preset.WEBM_720P ? present("libvpx-vp9") : h264();
            case LADDER, HLS -> h264();
            case THUMBNAIL -> present("mjpeg");
        };
    }

    private String present(String name) {
        return names.contains(name) ? name : null;
    }

    /**
     * Checks that every encoder the formats need is present.
     *
     * @param ffmpeg the executable, for the message
     * @throws ConfigurationException naming each missing encoder, the preset that needs it and how to get it
     */
    public void require(List<OutputFormat> formats, Path ffmpeg) {
        List<String> missing = new ArrayList<>();
        for (OutputFormat f : formats) {
            Preset p = f.preset();
            if (p == null) {
                continue;
            }
            for (String need : needs(p)) {
                if (need.equals("h264") ? h264() == null : !names.contains(need)) {
                    missing.add((need.equals("h264") ? "an H.264 encoder (libx264 or libopenh264)" : need)
                            + " for preset " + p);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("the ffmpeg at " + ffmpeg + " lacks " + String.join(", ", missing)
                    + ": install an ffmpeg built with it (Debian/Ubuntu: apt-get install ffmpeg, which has libx264,"
                    + " libvpx and libopus), or put org.bytedeco:ffmpeg (libopenh264, libvpx, libopus, libmp3lame) on"
                    + " the classpath, or choose other presets");
        }
    }

    /** The encoders a preset needs, {@code h264} standing for either H.264 encoder. */
    public static List<String> needs(Preset p) {
        return switch (p) {
            case MP3 -> List.of("libmp3lame");
            case AAC -> List.of("aac");
            case OPUS -> List.of("libopus");
            case WEBM_720P -> List.of("libvpx-vp9", "libopus");
            case THUMBNAIL -> List.of("mjpeg");
            default -> List.of("h264", "aac");
        };
    }
}
