package io.github.batchtranscode.internal.azure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.batchtranscode.StagingException;
import io.github.batchtranscode.internal.engine.PlannedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plan of a job, kept as a blob next to its logs before any task is added, so that a process attaching to
 * the job later knows every file it was meant to hold — including files whose tasks a crashed submitter never
 * added — and can report them instead of losing them. Holds relative paths and task ids only, no URLs or keys.
 * Written and read as a stream ({@link BlobStreams}): a plan of any size costs the client a block of it, not its
 * whole text.
 */
final class PlanRecord {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter ENTRIES = JSON.writerFor(Entry.class)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final ObjectReader ENTRY = JSON.readerFor(Entry.class);

    /**
     * One planned file as recorded; {@code md5} (hex) names its staged input and output (null before 0.x); for a
     * blob source {@code sourceContainer} names its container (nothing was staged) and {@code md5} holds its
     * version; for a blob destination {@code outputContainer} and {@code outputBlob} say where its output goes;
     * for a per-format (video) request {@code video} is the input's plan: what its task runs and what the monitor
     * fetches and verifies (fixed node paths, output names and the local probe's facts; no URLs);
     * {@code nodePlanned} is true when its formats were planned on the node (see NodePlan).
     */
    record Entry(String taskId, String input, String output, long inputBytes, String md5, String sourceContainer,
            String outputContainer, String outputBlob, VideoTasks.Planned video, Boolean nodePlanned) {
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
        write(blobs, layout, files, md5s, sourceContainer, destinations, video, false);
    }

    static void write(BlobStore blobs, JobLayout layout, List<PlannedFile> files, Map<String, String> md5s,
            String sourceContainer, Map<String, Destination> destinations, Map<String, VideoTasks.Planned> video,
            boolean nodePlanned) {
        Function<PlannedFile, Entry> entry = f -> {
            Destination d = destinations.get(f.taskId());
            return new Entry(f.taskId(), f.input(), f.output(), f.inputBytes(), md5s.get(f.taskId()), sourceContainer,
                    d == null ? null : d.container(), d == null ? null : d.blob(), video.get(f.taskId()),
                    nodePlanned ? Boolean.TRUE : null);
        };
        try {
            BlobStreams.write(blobs.service(), layout.outputContainer(), blobName(layout), out -> {
                try (SequenceWriter w = ENTRIES.writeValuesAsArray(out)) {
                    for (PlannedFile f : files) {
                        w.write(entry.apply(f)); // one entry at a time: the whole list never exists
                    }
                }
            });
        } catch (IOException e) {
            throw new StagingException("the plan of job " + layout.jobId() + " could not be written to blob "
                    + blobName(layout) + " in container [" + layout.outputContainer() + "]: "
                    + Redact.secrets(String.valueOf(e.getMessage())) + "; check that the account can be written", e);
        }
    }

    /** The recorded plan, or empty for jobs submitted before plans were recorded. */
    static Optional<List<PlannedFile>> read(BlobStore blobs, JobLayout layout) {
        return entries(blobs, layout).map(list -> list.stream()
                .map(e -> new PlannedFile(e.taskId(), e.input(), Path.of(e.input()), e.output(), e.inputBytes()))
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
        return entries(blobs, layout).map(list -> list.stream().anyMatch(e -> Boolean.TRUE.equals(e.nodePlanned())))
                .orElse(false);
    }

    /** The task ids whose input is a source blob read in place (nothing staged, nothing to release). */
    static java.util.Set<String> inPlace(BlobStore blobs, JobLayout layout) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        entries(blobs, layout).ifPresent(list -> list.stream().filter(e -> e.sourceContainer() != null)
                .forEach(e -> ids.add(e.taskId())));
        return ids;
    }

    /**
     * The recorded entries, read as a stream one entry at a time; empty for a job without a record (or one that
     * cannot be read).
     */
    private static Optional<List<Entry>> entries(BlobStore blobs, JobLayout layout) {
        try {
            return BlobStreams.read(blobs.service(), layout.outputContainer(), blobName(layout), in -> {
                try (JsonParser p = JSON.getFactory().createParser(in)) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        return null; // empty or not a plan
                    }
                    List<Entry> entries = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        entries.add(ENTRY.readValue(p));
                    }
                    return entries;
                }
            });
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StagingException("the plan of job " + layout.jobId() + " could not be read from blob "
                    + blobName(layout) + " in container [" + layout.outputContainer() + "]: "
                    + Redact.secrets(String.valueOf(e.getMessage())), e);
        }
    }
}
