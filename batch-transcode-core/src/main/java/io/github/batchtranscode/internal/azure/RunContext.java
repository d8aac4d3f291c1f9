package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.BlobLocation;
import java.nio.file.Path;
import io.github.batchtranscode.internal.engine.SessionTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the steps of one {@link AzureRun} share: the plan and its clients, the job's blob names, and what the steps
 * learn about each file on the way (its MD5, its destination, its video plan) and what they leave behind for the
 * cleanup (staged inputs, argument blobs). The maps are concurrent: transfers fill them from several threads.
 */
final class RunContext {
    final TranscodePlan plan;
    final ExecutionSink sink;
    final AzureOptions options;
    final BatchGateway batch;
    final BlobStore blobs;
    /** The session's time: every wait and time read of the run. */
    final SessionTime time;
    /** Completed by a cancel: ends the monitor's pause between polls at once. */
    final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    final String jobId;
    final JobLayout layout;
    /** Whether the run re-adopts an existing job instead of submitting one. */
    final boolean attached;
    /** The planned files by task id, in plan order. */
    final Map<String, PlannedFile> files = new LinkedHashMap<>();
    /** The MD5 (hex) of each task's input: names its staged input and its output (see JobLayout). */
    final Map<String, String> md5s = new ConcurrentHashMap<>();
    /** The arguments that shape an audio request's outputs (NodeScript.outputKeyArguments), part of every output key. */
    final String arguments;
    /** Staged inputs this run references: the cleanup releases them. */
    final List<StagedInputs.Input> stagedInputs = new CopyOnWriteArrayList<>();
    /** Where each file's output goes when the request names output blobs (see JobLayout#destinationBlob). */
    final Map<String, PlanRecord.Destination> destinations = new ConcurrentHashMap<>();
    /** Tasks whose input is a source blob read where it is: nothing staged for them. */
    final Set<String> inPlace = ConcurrentHashMap.newKeySet();
    /** The request's source blobs, or null for local inputs. */
    final BlobLocation source;
    /** The request's output blobs, or null. */
    final BlobLocation destination;
    /** Non-null when the request's formats are video presets: plans them per input (see VideoTasks). */
    final VideoTasks video;
    /**
     * Non-null when the request's formats run planned on the nodes (video or several formats with blob locations:
     * the client never holds the media to probe it, see NodePlan); {@link #video} is then null.
     */
    final NodePlan nodePlan;
    /**
     * SKIP_EXISTING for formats planned on the nodes: per task id, the slot tokens of its input's outputs that exist
     * already, with their sizes (see NodeReuse).
     */
    final Map<String, Map<String, Long>> existingSlots = new ConcurrentHashMap<>();
    /** Each video task's plan, by task id. */
    final Map<String, VideoTasks.Planned> videoPlans = new ConcurrentHashMap<>();
    /** The argument blobs of video tasks this run uploaded: the cleanup deletes them. */
    final List<String> videoArgBlobs = new CopyOnWriteArrayList<>();

    volatile boolean cancelled;
    volatile boolean jobCreated;
    /** Set before the job is added: a cancel during that request cannot know whether the service created it. */
    volatile boolean jobAddSent;
    volatile boolean poolCreated;
    private volatile Instant startedAt;

    RunContext(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            SessionTime time, String jobId, boolean attached, VideoTasks video) {
        this(plan, sink, options, batch, blobs, time, jobId, attached, video, null);
    }

    RunContext(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            SessionTime time, String jobId, boolean attached, VideoTasks video, NodePlan nodePlan) {
        this.nodePlan = nodePlan;
        this.plan = plan;
        this.sink = sink;
        this.options = options;
        this.batch = batch;
        this.blobs = blobs;
        this.time = time;
        this.jobId = jobId;
        this.attached = attached;
        this.video = video;
        this.layout = new JobLayout(jobId, options.inputContainer(), options.outputContainer());
        this.arguments = NodeScript.outputKeyArguments(plan.request().formats().get(0));
        this.source = plan.request().inputBlobs();
        this.destination = plan.request().outputBlobs();
        plan.files().forEach(f -> files.put(f.taskId(), f));
        if (destination != null) {
            plan.files().forEach(f -> destinations.put(f.taskId(), new PlanRecord.Destination(destination.container(),
                    JobLayout.destinationBlob(destination, f.output()))));
        }
        if (source != null) {
            plan.files().forEach(f -> inPlace.add(f.taskId()));
        }
    }

    /** Marks the start of the run: the overall timeout counts from here. */
    void started() {
        startedAt = time.now();
    }

    Instant startedAt() {
        return startedAt;
    }

    /** What is left of the overall timeout (at least a second): the job's maximum run time on the service. */
    Duration remaining() {
        Duration left = options.jobMaxRunTime().minus(time.since(startedAt));
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** The staged blob of a file's input. */
    String inputBlob(PlannedFile f) {
        return JobLayout.inputBlob(md5s.get(f.taskId()), f.input());
    }

    /** The blob a file's output is written to; for jobs recorded without MD5s, the relative output itself. */
    String outputBlob(PlannedFile f) {
        PlanRecord.Destination d = destinations.get(f.taskId());
        if (d != null) {
            return d.blob();
        }
        String md5 = md5s.get(f.taskId());
        return md5 == null ? f.output() : JobLayout.outputBlob(md5, arguments, f.output());
    }

    /** The container a file's output is written to: the destination's, or the job's output container. */
    String outputContainer(PlannedFile f) {
        PlanRecord.Destination d = destinations.get(f.taskId());
        return d != null ? d.container() : options.outputContainer();
    }

    /** Where a file's output is downloaded to, or null without an output directory. */
    Path outputFile(PlannedFile f) {
        Path dir = outputDirectory();
        return dir == null ? null : dir.resolve(f.output());
    }

    /** The request's output directory, absolute and normalized, or null. */
    Path outputDirectory() {
        Path dir = plan.request().outputDirectory();
        return dir == null ? null : dir.toAbsolutePath().normalize();
    }

    /** The staged argument file {@code name} of one video task, beside the job's script. */
    String videoArgsBlob(String taskId, String name) {
        return layout.jobPrefix() + "args/" + taskId + "/" + name;
    }

    /** The task id of the input a task belongs to: itself, or for one task per rendition its input's. */
    String fileOf(String taskId) {
        if (files.containsKey(taskId)) {
            return taskId;
        }
        for (Map.Entry<String, VideoTasks.Planned> e : videoPlans.entrySet()) {
            if (e.getValue().units().stream().anyMatch(u -> u.taskId().equals(taskId))) {
                return e.getKey();
            }
        }
        return taskId;
    }
}
