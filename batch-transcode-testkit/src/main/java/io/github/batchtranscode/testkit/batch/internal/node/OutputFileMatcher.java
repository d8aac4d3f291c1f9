package io.github.batchtranscode.testkit.batch.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Maps an OutputFile {@code filePattern} and destination {@code path} to the files to upload and their blob
 * names, by the service's rules: a relative pattern starts at {@code wd} ({@code ../stdout.txt} reaches the task
 * directory); {@code *} stays within a segment, {@code **} spans directories, {@code ?} and {@code […]}/{@code [!…]}
 * as in globs; dotfiles match only when the pattern names the dot. Without a wildcard {@code path} is the blob
 * name (default: the file name); with one, {@code path} is a prefix for the path relative to the pattern's
 * wildcard-free base directory. Stateless.
 */
public final class OutputFileMatcher {
    /** One file to upload. */
    public record Match(Path file, String blobName) {
    }

    private OutputFileMatcher() {
    }

    /**
     * @param pattern    the file pattern, variables already expanded
     * @param blobPath   the destination {@code path}, or null
     * @param workingDir the task's {@code wd}
     * @return the matches, sorted by blob name; empty when nothing matches
     */
    public static List<Match> match(String pattern, String blobPath, Path workingDir) throws IOException {
        String full = pattern.startsWith("/") ? pattern : workingDir.toAbsolutePath() + "/" + pattern;
        List<String> segments = normalize(full);
        int firstWild = 0;
        while (firstWild < segments.size() && !isWild(segments.get(firstWild))) {
            firstWild++;
        }
        Path base = Path.of("/" + String.join("/", segments.subList(0, firstWild)));
        String prefix = blobPath == null ? "" : trimSlashes(blobPath);
        if (firstWild == segments.size()) {
            if (!Files.isRegularFile(base)) {
                return List.of();
            }
            return List.of(new Match(base, prefix.isEmpty() ? base.getFileName().toString() : prefix));
        }
        List<String> rest = segments.subList(firstWild, segments.size());
        Pattern regex = Pattern.compile(toRegex(rest));
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.size();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        List<Match> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base, depth)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String rel = base.relativize(f).toString().replace('\\', '/');
                if (regex.matcher(rel).matches()) {
                    out.add(new Match(f, prefix.isEmpty() ? rel : prefix + "/" + rel));
                }
            });
        }
        out.sort(java.util.Comparator.comparing(Match::blobName));
        return out;
    }

    static boolean isWild(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
    }

    /** Splits on {@code /} and resolves {@code .} and {@code ..} in the wildcard-free leading part. */
    private static List<String> normalize(String full) {
        List<String> out = new ArrayList<>();
        boolean wildSeen = false;
        for (String s : full.split("/")) {
            if (s.isEmpty() || (s.equals(".") && !wildSeen)) {
                continue;
            }
            if (s.equals("..") && !wildSeen) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            wildSeen |= isWild(s);
            out.add(s);
        }
        return out;
    }

    static String toRegex(List<String> segments) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (seg.equals("**")) {
                re.append(last ? "(?:[^/.][^/]*/)*(?!\\.)[^/]+" : "(?:[^/.][^/]*/)*");
                continue;
            }
            re.append(segmentRegex(seg));
            if (!last) {
                re.append('/');
            }
        }
        return re.toString();
    }

    private static String segmentRegex(String seg) {
        StringBuilder re = new StringBuilder();
        if (!seg.startsWith(".")) {
            re.append("(?!\\.)");
        }
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = seg.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = seg.substring(i + 1, close);
                        boolean negate = body.startsWith("!") || body.startsWith("^");
                        if (negate) {
                            body = body.substring(1);
                        }
                        re.append('[').append(negate ? "^/" : "").append(classBody(body)).append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static String classBody(String body) {
        StringBuilder sb = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '-') {
                sb.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            } else {
                sb.append('\\').append(c);
            }
        }
        return sb.toString();
    }

    private static String trimSlashes(String s) {
        String t = s.replace('\\', '/');
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    static List<String> split(String s) {
        return Arrays.asList(s.split("/"));
    }
}
