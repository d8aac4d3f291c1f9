package io.github.batchtranscode.internal.plan;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.internal.blob.BlobListing;
import io.github.batchtranscode.internal.blob.SourceBlob;
import io.github.batchtranscode.model.BlobLocation;
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
        if (request.inputDirectory() == null) {
            throw new ConfigurationException("the request reads blobs (" + request.inputBlobs() + "): this session"
                    + " has no storage settings to list them; set storage(...) on the session builder");
        }
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
        boolean single = request.formats().size() == 1 && !request.formats().get(0).isVideo();
        Map<String, String> outputs = single ? OutputNames.assign(inputs, request.formats().get(0).extension(), taken)
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
                    : new PlannedFile(id, input, path, OutputNames.primary(outputs.get(input), request.formats().get(0)),
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

    /**
     * Plans a request whose source is {@link TranscodeRequest#inputBlobs()}: one flat listing of the prefix, the
     * request's globs applied to names below it, outputs named as for local files.
     *
     * @throws ConfigurationException when the container does not exist, may not be listed, no blob matches, or
     *                                (with {@link OverwritePolicy#FAIL_IF_EXISTS}) outputs exist
     */
    public TranscodePlan plan(TranscodeRequest request, String runId, BlobListing listing) {
        BlobLocation source = request.inputBlobs();
        if (source == null) {
            return plan(request, runId);
        }
        BlobLocation dest = request.outputBlobs();
        java.util.function.Predicate<String> selected = Glob.selection(request);
        String skip = dest != null && dest.container().equals(source.container())
                && dest.prefix().startsWith(source.prefix()) ? dest.prefix().substring(source.prefix().length()) : null;
        List<SourceBlob> blobs = listing.list(source, rel -> selected.test(rel)
                && (skip == null || skip.isEmpty() || !rel.startsWith(skip))); // outputs are not re-read
        if (blobs.isEmpty()) {
            throw new ConfigurationException("no blob in container '" + source.container() + "'"
                    + (source.prefix().isEmpty() ? "" : " below prefix '" + source.prefix() + "'") + " matches "
                    + String.join(", ", request.includes())
                    + (request.excludes().isEmpty() ? "" : " (excluding " + String.join(", ", request.excludes()) + ")")
                    + ": check the container, the prefix (names are case-sensitive) or the include patterns");
        }
        List<String> inputs = blobs.stream().map(SourceBlob::relative).toList();
        boolean single = request.formats().size() == 1 && !request.formats().get(0).isVideo();
        Map<String, String> outputs = single ? OutputNames.assign(inputs, request.formats().get(0).extension(), new HashSet<>())
                : OutputNames.stems(inputs, request.formats(), new HashSet<>());
        List<PlannedFile> files = new ArrayList<>(blobs.size());
        Set<String> ids = new HashSet<>();
        for (SourceBlob blob : blobs) {
            String id = TaskIds.of(blob.relative(), request.formats().stream().map(f -> f.key())
                    .collect(java.util.stream.Collectors.joining("+")));
            if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("task id collision for " + blob.name() + ": " + id);
            }
            // several formats: outputs.get is the stem each output name is made from (see OutputNames.stems)
            String output = single ? outputs.get(blob.relative())
                    : OutputNames.primary(outputs.get(blob.relative()), request.formats().get(0));
            String stem = single ? new PlannedFile(id, blob.name(), Path.of(blob.relative()), output, blob.size()).stem()
                    : outputs.get(blob.relative());
            files.add(new PlannedFile(id, blob.name(), Path.of(blob.relative()), output, blob.size(), stem,
                    blob.version()));
        }
        if (request.overwrite() == OverwritePolicy.FAIL_IF_EXISTS) {
            failIfOutputsExist(request, files, listing);
        }
        return new TranscodePlan(runId, request, files);
    }

    private static void failIfOutputsExist(TranscodeRequest request, List<PlannedFile> files, BlobListing listing) {
        Path outputDir = request.outputDirectory() == null ? null : request.outputDirectory().toAbsolutePath().normalize();
        List<String> existing = new ArrayList<>();
        if (outputDir != null) {
            files.stream().map(PlannedFile::output).filter(o -> Files.exists(outputDir.resolve(o))).forEach(existing::add);
        }
        BlobLocation dest = request.outputBlobs();
        if (dest != null) {
            boolean single = request.formats().size() == 1 && !request.formats().get(0).isVideo();
            Set<String> wanted = new HashSet<>();
            files.forEach(f -> wanted.addAll(single ? List.of(f.output())
                    : OutputNames.fixedNames(f.stem(), request.formats())));
            listing.list(dest, wanted::contains).forEach(b -> existing.add(b.name()));
        }
        if (!existing.isEmpty()) {
            throw new ConfigurationException(existing.size() + " output(s) already exist, e.g. " + existing.get(0)
                    + ": delete them, choose another output location, or use overwrite policy OVERWRITE or"
                    + " SKIP_EXISTING");
        }
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
}
