package io.github.batchtranscode.internal.azure;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.batchtranscode.StagingException;
import io.github.batchtranscode.internal.engine.PlannedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * Written and read as a stream ({@link BlobStreams}), one entry at a time: a plan of any size costs the client a
 * block of it, not its whole text. Its text is the list of entries, as every record before; with a node plan an
 * object holding the entries ({@code files}) and the plan ({@code node}).
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

        /** The recorded files as planned files. */
        List<PlannedFile> plannedFiles() {
            return files.stream().map(e -> e.stem() == null
                    ? new PlannedFile(e.taskId(), e.input(), Path.of(e.input()), e.output(), e.inputBytes())
                    : new PlannedFile(e.taskId(), e.input(), Path.of(e.input()), e.output(), e.inputBytes(), e.stem()))
                    .toList();
        }

        /** The recorded MD5 of each task's input, by task id (none before 0.x). */
        Map<String, String> md5s() {
            Map<String, String> md5s = new HashMap<>();
            files.stream().filter(e -> e.md5() != null).forEach(e -> md5s.put(e.taskId(), e.md5()));
            return md5s;
        }

        /** The recorded blob destinations, by task id. */
        Map<String, Destination> destinations() {
            Map<String, Destination> d = new HashMap<>();
            files.stream().filter(e -> e.outputBlob() != null)
                    .forEach(e -> d.put(e.taskId(), new Destination(e.outputContainer(), e.outputBlob())));
            return d;
        }

        /** The recorded video plans, by task id; empty for an audio job (or one recorded before 0.x). */
        Map<String, VideoTasks.Planned> videoPlans() {
            Map<String, VideoTasks.Planned> plans = new HashMap<>();
            files.stream().filter(e -> e.video() != null).forEach(e -> plans.put(e.taskId(), e.video()));
            return plans;
        }

        /** The task ids whose input is a source blob read in place (nothing staged, nothing to release). */
        java.util.Set<String> inPlace() {
            java.util.Set<String> ids = new java.util.HashSet<>();
            files.stream().filter(e -> e.sourceContainer() != null).forEach(e -> ids.add(e.taskId()));
            return ids;
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
        Function<PlannedFile, Entry> entry = f -> {
            Destination d = destinations.get(f.taskId());
            return new Entry(f.taskId(), f.input(), f.output(), f.inputBytes(), md5s.get(f.taskId()), sourceContainer,
                    d == null ? null : d.container(), d == null ? null : d.blob(), video.get(f.taskId()),
                    node != null ? Boolean.TRUE : null, node != null ? f.stem() : null);
        };
        try {
            BlobStreams.write(blobs.service(), layout.outputContainer(), blobName(layout),
                    out -> write(out, files.stream().map(entry).iterator(), node));
        } catch (IOException e) {
            throw new StagingException("the plan of job " + layout.jobId() + " could not be written to blob "
                    + blobName(layout) + " in container [" + layout.outputContainer() + "]: "
                    + Redact.secrets(String.valueOf(e.getMessage())) + "; check that the account can be written", e);
        }
    }

    /** Writes the entries one at a time (the whole list never exists), then the node plan if there is one. */
    private static void write(OutputStream out, java.util.Iterator<Entry> entries, NodeRecord node) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setCodec(JSON);
            if (node != null) {
                g.writeStartObject();
                g.writeFieldName("files");
            }
            g.writeStartArray();
            while (entries.hasNext()) {
                JSON.writeValue(g, entries.next());
            }
            g.writeEndArray();
            if (node != null) {
                g.writeFieldName("node");
                JSON.writeValue(g, node);
                g.writeEndObject();
            }
        }
    }

    /** A record's contents read one entry at a time, or null when the text is empty or not a plan. */
    private static Contents read(InputStream in) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            p.setCodec(JSON);
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return new Contents(entries(p), null);
            }
            if (first != JsonToken.START_OBJECT) {
                return null;
            }
            List<Entry> files = null;
            NodeRecord node = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("files".equals(name) && value == JsonToken.START_ARRAY) {
                    files = entries(p);
                } else if ("node".equals(name) && value == JsonToken.START_OBJECT) {
                    node = p.readValueAs(NodeRecord.class);
                } else {
                    p.skipChildren();
                }
            }
            return files == null ? null : new Contents(files, node);
        }
    }

    private static List<Entry> entries(JsonParser p) throws IOException {
        List<Entry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            entries.add(p.readValueAs(Entry.class));
        }
        return entries;
    }

    /** The record's text, as {@link #write} streams it to its blob. */
    static String text(Contents contents, String jobId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, contents.files().iterator(), contents.node());
        } catch (IOException e) {
            throw new IllegalStateException("the plan of job " + jobId + " could not be written", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A record's contents from its text, or empty for none (or one that cannot be read). */
    static Optional<Contents> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The recorded plan, or empty for jobs submitted before plans were recorded. */
    static Optional<List<PlannedFile>> read(BlobStore blobs, JobLayout layout) {
        return contents(blobs, layout).map(Contents::plannedFiles);
    }

    /** The recorded MD5 of each task's input, by task id; empty when the job has no record (or an older one). */
    static Map<String, String> md5s(BlobStore blobs, JobLayout layout) {
        return contents(blobs, layout).map(Contents::md5s).orElseGet(HashMap::new);
    }

    /** The recorded video plans, by task id; empty for an audio job (or one recorded before 0.x). */
    static Map<String, VideoTasks.Planned> videoPlans(BlobStore blobs, JobLayout layout) {
        return contents(blobs, layout).map(Contents::videoPlans).orElseGet(HashMap::new);
    }

    /** Whether the job's formats were planned on its nodes (NodePlan). */
    static boolean nodePlanned(BlobStore blobs, JobLayout layout) {
        return contents(blobs, layout).map(Contents::nodePlanned).orElse(false);
    }

    /** The job's record, read as a stream; empty for jobs submitted before plans were recorded. */
    static Optional<Contents> contents(BlobStore blobs, JobLayout layout) {
        try {
            return BlobStreams.read(blobs.service(), layout.outputContainer(), blobName(layout), PlanRecord::read);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StagingException("the plan of job " + layout.jobId() + " could not be read from blob "
                    + blobName(layout) + " in container [" + layout.outputContainer() + "]: "
                    + Redact.secrets(String.valueOf(e.getMessage())), e);
        }
    }
}
