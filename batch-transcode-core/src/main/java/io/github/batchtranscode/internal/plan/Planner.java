package io.github.batchtranscode.internal.plan;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request into a plan: finds the input files, sorts them, and derives for each a deterministic task id
 * and an output path that keeps the relative path, changes only the last extension, and never collides.
 */
public final class Planner {

    /**
     * Plans a request.
     *
     * @throws ConfigurationException when the input directory is missing or unreadable, no file matches, or
     *                                (with {@link OverwritePolicy#FAIL_IF_EXISTS}) outputs exist
     */
    public TranscodePlan plan(TranscodeRequest request, String runId) {
        Path inputDir = request.inputDirectory().toAbsolutePath().normalize();
        if (!Files.exists(inputDir)) {
            throw new ConfigurationException("input directory " + inputDir + " does not exist: create it or pass the"
                    + " directory that holds your media files");
        }
        if (!Files.isDirectory(inputDir)) {
            throw new ConfigurationException("input directory " + inputDir + " is a file, not a directory: pass the"
                    + " directory that holds it and narrow the selection with an include pattern");
        }
        if (!Files.isReadable(inputDir) || !Files.isExecutable(inputDir)) {
            throw new ConfigurationException("input directory " + inputDir + " is not readable: check its permissions");
        }
        Path outputDir = request.outputDirectory() == null ? null : request.outputDirectory().toAbsolutePath().normalize();
        List<String> inputs = find(inputDir, outputDir, request);
        if (inputs.isEmpty()) {
            throw new ConfigurationException("no file in " + inputDir + " matches " + String.join(", ", request.includes())
                    + (request.excludes().isEmpty() ? "" : " (excluding " + String.join(", ", request.excludes()) + ")")
                    + ": check the directory or the include patterns");
        }
        Set<String> taken = new HashSet<>();
        if (outputDir != null && outputDir.equals(inputDir)) {
            inputs.forEach(i -> taken.add(i.toLowerCase(Locale.ROOT)));
        }
        boolean single = request.formats().size() == 1 && !request.format().isVideo();
        Map<String, String> outputs = single ? OutputNames.assign(inputs, request.format().extension(), taken)
                : OutputNames.stems(inputs, request.formats(), taken);
        List<PlannedFile> files = new ArrayList<>(inputs.size());
        Set<String> ids = new HashSet<>();
        for (String input : inputs) {
            String id = TaskIds.of(input, request.formats().stream().map(f -> f.key())
                    .collect(java.util.stream.Collectors.joining("+")));
            if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("task id collision for " + input + ": " + id);
            }
            Path path = inputDir.resolve(input);
            files.add(single ? new PlannedFile(id, input, path, outputs.get(input), size(path))
                    : new PlannedFile(id, input, path, OutputNames.primary(outputs.get(input), request.format()),
                            size(path), outputs.get(input)));
        }
        if (outputDir != null && request.overwrite() == OverwritePolicy.FAIL_IF_EXISTS) {
            List<String> existing = files.stream()
                    .flatMap(f -> single ? java.util.stream.Stream.of(f.output())
                            : OutputNames.fixedNames(f.stem(), request.formats()).stream())
                    .filter(o -> Files.exists(outputDir.resolve(o))).toList();
            if (!existing.isEmpty()) {
                throw new ConfigurationException(existing.size() + " output(s) already exist in " + outputDir + ", e.g. "
                        + existing.get(0) + ": delete them, choose another output directory, or use overwrite policy"
                        + " OVERWRITE or SKIP_EXISTING");
            }
        }
        return new TranscodePlan(runId, request, files);
    }

    private static List<String> find(Path inputDir, Path outputDir, TranscodeRequest request) {
        List<Glob> includes = request.includes().stream().map(Glob::new).toList();
        List<Glob> excludes = request.excludes().stream().map(Glob::new).toList();
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(inputDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (outputDir != null && !dir.equals(inputDir) && dir.startsWith(outputDir)) {
                        return FileVisitResult.SKIP_SUBTREE; // outputs inside the input directory are not re-read
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile() && !Files.isRegularFile(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path rel = inputDir.relativize(file);
                    if (includes.stream().anyMatch(g -> g.matches(rel)) && excludes.stream().noneMatch(g -> g.matches(rel))) {
                        found.add(slashed(rel));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof AccessDeniedException) {
                        throw new ConfigurationException(file + " under the input directory is not readable: fix its"
                                + " permissions or exclude it with an exclude pattern", e);
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new ConfigurationException("input directory " + inputDir + " could not be read: " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static String slashed(Path rel) {
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }

    /**
     * A glob over relative paths where every {@code **}{@code /} also matches zero directories, as in
     * {@code .gitignore}: {@code **}{@code /*.mp4} matches top-level files and {@code a/**}{@code /*.mp4} matches
     * {@code a/x.mp4}.
     */
    private static final class Glob {
        private static final int MAX_VARIANTS = 64;
        private final List<PathMatcher> matchers = new ArrayList<>();
        private final boolean ignoreCase;

        /** The default include matches any case ({@code CLIP.MP4} from cameras); user patterns match exactly. */
        Glob(String pattern) {
            this.ignoreCase = pattern.equals(io.github.batchtranscode.model.TranscodeRequest.DEFAULT_INCLUDE);
            for (String variant : variants(pattern)) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
            }
        }

        boolean matches(Path rel) {
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
    }
}
