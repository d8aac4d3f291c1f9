package io.github.batchtranscode.internal.plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Output paths: the input's relative path with only the last extension changed ({@code a/x.mp4 -> a/x.mp3},
 * {@code clip.v2.mp4 -> clip.v2.mp3}). Inputs that would share an output (case-insensitively, as on
 * macOS, Windows and in many tools), e.g. {@code x.mp4} and {@code x.mov}, keep their whole name instead
 * ({@code x.mp4.mp3}, {@code x.mov.mp3}).
 */
public final class OutputNames {
    private OutputNames() {
    }

    /**
     * @param inputs    relative input paths, {@code /}-separated, unique
     * @param extension the output extension without the dot
     * @param taken     lower-cased paths that outputs must not take (e.g. inputs when writing next to them)
     * @return input path to output path, every output unique
     */
    public static Map<String, String> assign(List<String> inputs, String extension, Set<String> taken) {
        Map<String, Integer> plainCount = new HashMap<>();
        for (String in : inputs) {
            plainCount.merge(key(replaceExtension(in, extension)), 1, Integer::sum);
        }
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> used = new java.util.HashSet<>(taken);
        for (String in : inputs) {
            String plain = replaceExtension(in, extension);
            String out = plainCount.get(key(plain)) == 1 && !taken.contains(key(plain)) ? plain : in + "." + extension;
            int n = 2;
            String candidate = out;
            while (!used.add(key(candidate))) {
                candidate = stem(out) + "-" + n++ + "." + extension;
            }
            result.put(in, candidate);
        }
        return result;
    }

    /** The ladder's rungs, tallest first. */
    public static final List<Integer> LADDER = List.of(1080, 720, 480, 360);

    /**
     * Stems for multi-format requests: every output of an input is {@code <stem>.<suffix>} (see
     * {@link #fixedNames}). The stem is the input's path without its last extension ({@code a/x.mp4 -> a/x}) unless
     * another input would then share an output name, case-insensitively ({@code x.mp4} and {@code x.mov}, or an
     * output that is an input when writing next to the inputs): then the whole name is the stem
     * ({@code x.mp4.720p.mp4}, {@code x.mov.720p.mp4}). A stem still taken gets {@code -2}, {@code -3}, ...
     *
     * @param inputs  relative input paths, {@code /}-separated, unique
     * @param formats the request's formats
     * @param taken   lower-cased paths that outputs must not take
     * @return input path to stem
     */
    public static Map<String, String> stems(List<String> inputs, List<io.github.batchtranscode.model.OutputFormat> formats,
            Set<String> taken) {
        Map<String, Integer> count = new HashMap<>();
        for (String in : inputs) {
            for (String name : fixedNames(stem(in), formats)) {
                count.merge(key(name), 1, Integer::sum);
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> used = new java.util.HashSet<>(taken);
        for (String in : inputs) {
            String plain = stem(in);
            boolean clash = fixedNames(plain, formats).stream()
                    .anyMatch(n -> count.get(key(n)) > 1 || taken.contains(key(n)));
            String base = clash ? in : plain;
            String candidate = base;
            int n = 2;
            while (!fixedNames(candidate, formats).stream().allMatch(x -> !used.contains(key(x)))) {
                candidate = base + "-" + n++;
            }
            fixedNames(candidate, formats).forEach(x -> used.add(key(x)));
            result.put(in, candidate);
        }
        return result;
    }

    /** Every name an input with this stem may get from these formats (the ladder: all four rungs). */
    public static List<String> fixedNames(String stem, List<io.github.batchtranscode.model.OutputFormat> formats) {
        List<String> names = new java.util.ArrayList<>();
        for (io.github.batchtranscode.model.OutputFormat f : formats) {
            io.github.batchtranscode.model.Preset p = f.preset();
            if (p != null && p.kind() == io.github.batchtranscode.model.Preset.Kind.LADDER) {
                LADDER.forEach(h -> names.add(rendition(stem, h, p.extension())));
            } else {
                names.add(primary(stem, f));
            }
        }
        return names;
    }

    /** The first (for the ladder: the tallest possible) output name of a format. */
    public static String primary(String stem, io.github.batchtranscode.model.OutputFormat f) {
        io.github.batchtranscode.model.Preset p = f.preset();
        if (p == null) {
            return stem + "." + f.extension();
        }
        return switch (p.kind()) {
            case AUDIO -> stem + "." + p.extension();
            case RENDITION, LADDER -> rendition(stem, p.maxHeight(), p.extension());
            case HLS -> stem + ".hls/master.m3u8";
            case THUMBNAIL -> stem + ".jpg";
        };
    }

    /** {@code <stem>.<height>p.<ext>}, e.g. {@code a/x.720p.mp4}. */
    public static String rendition(String stem, int height, String extension) {
        return stem + "." + height + "p." + extension;
    }

    /** Replaces the last extension of the file name (not of a directory); adds one when there is none. */
    public static String replaceExtension(String path, String extension) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) { // no extension, or a dotfile like ".hidden"
            return path + "." + extension;
        }
        return path.substring(0, dot) + "." + extension;
    }

    private static String stem(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot <= slash + 1 ? path : path.substring(0, dot);
    }

    private static String key(String path) {
        return path.toLowerCase(Locale.ROOT);
    }
}
