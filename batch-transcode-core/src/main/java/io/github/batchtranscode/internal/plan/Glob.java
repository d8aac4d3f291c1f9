package io.github.batchtranscode.internal.plan;

import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A glob over relative paths where every {@code **}{@code /} also matches zero directories, as in
 * {@code .gitignore}: {@code **}{@code /*.mp4} matches top-level files and {@code a/**}{@code /*.mp4} matches
 * {@code a/x.mp4}.
 */
public final class Glob {
    private static final int MAX_VARIANTS = 64;
    private final List<PathMatcher> matchers = new ArrayList<>();
    private final boolean ignoreCase;

    /** The default include matches any case ({@code CLIP.MP4} from cameras); user patterns match exactly. */
    public Glob(String pattern) {
        this.ignoreCase = pattern.equals(io.github.batchtranscode.model.TranscodeRequest.DEFAULT_INCLUDE);
        for (String variant : variants(pattern)) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
        }
    }

    public boolean matches(Path rel) {
        Path subject = ignoreCase ? rel.getFileSystem().getPath(rel.toString().toLowerCase(java.util.Locale.ROOT)) : rel;
        return matchers.stream().anyMatch(m -> m.matches(subject));
    }

    /** The pattern, and the pattern with each combination of its {@code **}{@code /} segments removed. */
    private static Set<String> variants(String pattern) {
        Set<String> all = new java.util.LinkedHashSet<>(List.of(pattern));
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(all);
        while (!todo.isEmpty() && all.size() < MAX_VARIANTS) {
            String p = todo.pop();
            for (int i = p.indexOf("**/"); i >= 0; i = p.indexOf("**/", i + 1)) {
                if (i == 0 || p.charAt(i - 1) == '/') {
                    String shorter = p.substring(0, i) + p.substring(i + 3);
                    if (all.add(shorter)) {
                        todo.add(shorter);
                    }
                }
            }
        }
        return all;
    }

    /** Whether a {@code /}-separated relative name matches. */
    public boolean matches(String rel) {
        return matches(Path.of(rel));
    }

    /** Whether {@code rel} matches one of the request's includes and none of its excludes. */
    public static java.util.function.Predicate<String> selection(TranscodeRequest request) {
        List<Glob> in = request.includes().stream().map(Glob::new).toList();
        List<Glob> out = request.excludes().stream().map(Glob::new).toList();
        return rel -> {
            Path p = Path.of(rel);
            return in.stream().anyMatch(g -> g.matches(p)) && out.stream().noneMatch(g -> g.matches(p));
        };
    }
}
