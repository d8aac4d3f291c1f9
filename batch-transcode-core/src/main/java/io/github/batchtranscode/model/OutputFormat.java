package io.github.batchtranscode.model;

import java.util.List;
import java.util.Objects;

/**
 * What to produce: a {@link Preset}, or custom ffmpeg output arguments with the output file's extension.
 *
 * <pre>{@code
 * OutputFormat mp3 = OutputFormat.of(Preset.MP3);
 * OutputFormat flac = OutputFormat.custom("flac", List.of("-c:a", "flac", "-ar", "48000"));
 * }</pre>
 *
 * <p>Custom arguments are validated at once and never passed through a shell: they may not name files,
 * URLs or devices, may not select inputs or outputs, and may not contain shell syntax. Immutable and thread-safe.
 */
public final class OutputFormat {
    private final Preset preset;
    private final String extension;
    private final List<String> arguments;

    private OutputFormat(Preset preset, String extension, List<String> arguments) {
        this.preset = preset;
        this.extension = extension;
        this.arguments = arguments;
    }

    /** The format of a preset. */
    public static OutputFormat of(Preset preset) {
        Objects.requireNonNull(preset, "preset == null");
        return new OutputFormat(preset, preset.extension(), preset.arguments());
    }

    /**
     * A custom format.
     *
     * @param extension the output extension without the dot, e.g. {@code flac}: letters and digits, 1 to 10
     * @param arguments ffmpeg output options such as {@code -c:a flac}; the library adds input, output,
     *                  {@code -nostdin -y -vn} itself
     * @throws IllegalArgumentException naming the offending argument when one names a file, uses shell syntax
     *                                  or an option that reads or writes files
     */
    public static OutputFormat custom(String extension, List<String> arguments) {
        Objects.requireNonNull(extension, "extension == null");
        Objects.requireNonNull(arguments, "arguments == null");
        List<String> args = List.copyOf(arguments);
        FfmpegArgumentPolicy.checkExtension(extension);
        FfmpegArgumentPolicy.check(args);
        return new OutputFormat(null, extension, args);
    }

    /** The preset, or {@code null} for a custom format. */
    public Preset preset() {
        return preset;
    }

    /** The output extension without the dot. */
    public String extension() {
        return extension;
    }

    /** The ffmpeg output arguments. */
    public List<String> arguments() {
        return arguments;
    }

    /** Whether this is a video preset (everything but audio presets and custom formats). */
    public boolean isVideo() {
        return preset != null && preset.isVideo();
    }

    /** A short stable key for this format: the preset name, or {@code custom-<ext>-<hash>}. */
    public String key() {
        if (preset != null) {
            return preset.toString();
        }
        return "custom-" + extension + "-" + Integer.toHexString(String.join("\u0000", arguments).hashCode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputFormat other && Objects.equals(preset, other.preset)
                && extension.equals(other.extension) && arguments.equals(other.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preset, extension, arguments);
    }

    @Override
    public String toString() {
        return preset != null ? preset.toString() : "custom(." + extension + " " + String.join(" ", arguments) + ")";
    }
}
