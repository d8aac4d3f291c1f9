package io.github.batchtranscode.model;

import java.util.List;
import java.util.Locale;

/**
 * Ready-made audio outputs. {@link #MP3} is what the Azure Batch tutorial produces.
 *
 * <pre>{@code
 * TranscodeRequest request = TranscodeRequest.builder().inputDirectory(IN).outputDirectory(OUT)
 *         .preset(Preset.parse("opus"))                // or Preset.OPUS; writes .opus files
 *         .build();
 * }</pre>
 */
public enum Preset {
    /** MP3 via LAME, 192 kbit/s: the tutorial's output. */
    MP3("mp3", List.of("-c:a", "libmp3lame", "-b:a", "192k")),
    /** AAC-LC in an MPEG-4 audio container ({@code .m4a}), 160 kbit/s. */
    AAC("m4a", List.of("-c:a", "aac", "-b:a", "160k")),
    /** Opus in Ogg ({@code .opus}), 96 kbit/s. */
    OPUS("opus", List.of("-c:a", "libopus", "-b:a", "96k"));

    private final String extension;
    private final List<String> arguments;

    Preset(String extension, List<String> arguments) {
        this.extension = extension;
        this.arguments = arguments;
    }

    /** The output file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The ffmpeg output arguments (codec and bit rate); input, output and safety flags are added by the library. */
    public List<String> arguments() {
        return arguments;
    }

    /**
     * The preset with this name, case-insensitively ({@code mp3}, {@code aac}, {@code opus}).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static Preset parse(String name) {
        for (Preset p : values()) {
            if (p.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "': use one of mp3, aac, opus");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
