package io.github.batchtranscode.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.batchtranscode.internal.engine.PlannedFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan of a job, kept as a blob next to its logs before any task is added, so that a process attaching to
 * the job later knows every file it was meant to hold — including files whose tasks a crashed submitter never
 * added — and can report them instead of losing them. Holds relative paths and task ids only, no URLs or keys.
 */
final class PlanRecord {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * One planned file as recorded; {@code md5} (hex) names its staged input and output (null before 0.x); for a
     * blob source {@code sourceContainer} names its container (nothing was staged) and {@code md5} holds its
     * version; for a blob destination {@code outputContainer} and {@code outputBlob} say where its output goes;
     * for a per-format (video) request {@code video} is the input's plan: what its task runs and what the monitor
     * fetches and verifies (fixed node paths, output names and the local probe's facts; no URLs);
     * {@code nodePlanned} is true when its formats were planned on the node (see NodePlan); {@code stem} is what
     * its output names start with (null before 0.x: then the output without its extension).
     */
    record Entry(String taskId, String input, String output, long inputBytes, String md5, String sourceContainer,
            String outputContainer, String outputBlob, VideoTasks.Planned video, Boolean nodePlanned, String stem) {
    }

    /**
     * What a record holds: its files and, for a job planned on its nodes, what its rows are built from (null in
     * records written before attach supported such jobs, and for every other job).
     */
    record Contents(List<Entry> files, NodeRecord node) {
        /** Whether the job's formats were planned on its nodes (NodePlan), recorded with its node plan or not. */
        boolean nodePlanned() {
            return node != null || files.stream().anyMatch(e -> Boolean.TRUE.equals(e.nodePlanned()));
        }
    }

    /** Where one file's output goes. */
    record Destination(String container, String blob) {
    }

    private PlanRecord() {
    }

    static String blobName(JobLayout layout) {
        return layout.planBlob();
    }

    static void write(BlobStore blobs, JobLayout layout, List<PlannedFile> files, Map<String, String> md5s,
            String sourceContainer, Map<String, Destination> destinations) {
        write(blobs, layout, files, md5s, sourceContainer, destinations, Map.of());
    }

    static void write(BlobStore blobs, JobLayout layout, List<PlannedFile> files, Map<String, String> md5s,
            String sourceContainer, Map<String, Destination> destinations, Map<String, VideoTasks.Planned> video) {
        write(blobs, layout, files, md5s, sourceContainer, destinations, video, null);
    }

    /** @param node what the rows of a job planned on its nodes are built from, or null for any other job */
    static void write(BlobStore blobs, JobLayout layout, List<PlannedFile> files, Map<String, String> md5s,
            String sourceContainer, Map<String, Destination> destinations, Map<String, VideoTasks.Planned> video,
            NodeRecord node) {
        List<Entry> entries = files.stream().map(f -> {
            Destination d = destinations.get(f.taskId());
            return new Entry(f.taskId(), f.input(), f.output(), f.inputBytes(), md5s.get(f.taskId()), sourceContainer,
                    d == null ? null : d.container(), d == null ? null : d.blob(), video.get(f.taskId()),
                    node != null ? Boolean.TRUE : null, node != null ? f.stem() : null);
        }).toList();
        blobs.uploadText(layout.outputContainer(), blobName(layout), text(new Contents(entries, node), layout.jobId()));
    }

    /**
     * The record's text: the list of entries, as every record before; with a node plan an object holding the
     * entries ({@code files}) and the plan ({@code node}).
     */
    static String text(Contents contents, String jobId) {
        try {
            return JSON.writeValueAsString(contents.node() == null ? contents.files() : contents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the plan of job " + jobId + " could not be written", e);
        }
    }

    /** A record's contents from its text, or empty for none (or one that cannot be read). */
    static Optional<Contents> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.stripLeading().startsWith("[")
                    ? new Contents(JSON.readValue(text, new TypeReference<List<Entry>>() { }), null)
                    : JSON.readValue(text, Contents.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The recorded plan, or empty for jobs submitted before plans were recorded. */
    static Optional<List<PlannedFile>> read(BlobStore blobs, JobLayout layout) {
        return entries(blobs, layout).map(list -> list.stream()
                .map(e -> e.stem() == null
                        ? new PlannedFile(e.taskId(), e.input(), Path.of(e.input()), e.output(), e.inputBytes())
                        : new PlannedFile(e.taskId(), e.input(), Path.of(e.input()), e.output(), e.inputBytes(),
                                e.stem()))
                .toList());
    }

    /** The recorded MD5 of each task's input, by task id; empty when the job has no record (or an older one). */
    static Map<String, String> md5s(BlobStore blobs, JobLayout layout) {
        Map<String, String> md5s = new HashMap<>();
        entries(blobs, layout).ifPresent(list -> list.stream().filter(e -> e.md5() != null)
                .forEach(e -> md5s.put(e.taskId(), e.md5())));
        return md5s;
    }

    /** The recorded blob destinations, by task id. */
    static Map<String, Destination> destinations(BlobStore blobs, JobLayout layout) {
        Map<String, Destination> d = new HashMap<>();
        entries(blobs, layout).ifPresent(list -> list.stream().filter(e -> e.outputBlob() != null)
                .forEach(e -> d.put(e.taskId(), new Destination(e.outputContainer(), e.outputBlob()))));
        return d;
    }

    /** The recorded video plans, by task id; empty for an audio job (or one recorded before 0.x). */
    static Map<String, VideoTasks.Planned> videoPlans(BlobStore blobs, JobLayout layout) {
        Map<String, VideoTasks.Planned> plans = new HashMap<>();
        entries(blobs, layout).ifPresent(list -> list.stream().filter(e -> e.video() != null)
                .forEach(e -> plans.put(e.taskId(), e.video())));
        return plans;
    }

    /** Whether the job's formats were planned on its nodes (NodePlan). */
    static boolean nodePlanned(BlobStore blobs, JobLayout layout) {
        return contents(blobs, layout).map(Contents::nodePlanned).orElse(false);
    }

    /** The job's record, or empty for jobs submitted before plans were recorded. */
    static Optional<Contents> contents(BlobStore blobs, JobLayout layout) {
        return parse(blobs.text(layout.outputContainer(), blobName(layout)));
    }

    /** The task ids whose input is a source blob read in place (nothing staged, nothing to release). */
    static java.util.Set<String> inPlace(BlobStore blobs, JobLayout layout) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        entries(blobs, layout).ifPresent(list -> list.stream().filter(e -> e.sourceContainer() != null)
                .forEach(e -> ids.add(e.taskId())));
        return ids;
    }

    private static Optional<List<Entry>> entries(BlobStore blobs, JobLayout layout) {
        return contents(blobs, layout).map(Contents::files);
    }
}
