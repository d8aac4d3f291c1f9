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
