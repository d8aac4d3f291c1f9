package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobConstraints;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.internal.blob.BlobAccess;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.Loggers;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Phaser;
import org.slf4j.Logger;

/**
 * One plan on Azure Batch, the tutorial's steps done right: stage inputs, get a pool, create the job, add the
 * tasks, monitor, fetch the results, clean up. Runs on a thread of its own; {@link #cancel()} terminates the job.
 */
final class AzureRun implements Execution {
    private static final Logger LOG = Loggers.AZURE;

    private final TranscodePlan plan;
    private final ExecutionSink sink;
    private final AzureOptions options;
    private final BatchGateway batch;
    private final BlobStore blobs;
    private final Clock clock;
    private final String jobId;
    private final JobLayout layout;
    private final Map<String, PlannedFile> files = new LinkedHashMap<>();
    /** The MD5 (hex) of each task's input: names its staged input and its output (see JobLayout). */
    private final Map<String, String> md5s = new java.util.concurrent.ConcurrentHashMap<>();
    private final String arguments;
    private final StagedInputs staged;
    private final List<StagedInputs.Input> stagedInputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Where each file's output goes when the request names output blobs (see JobLayout#destinationBlob). */
    private final Map<String, PlanRecord.Destination> destinations = new java.util.concurrent.ConcurrentHashMap<>();
    /** Tasks whose input is a source blob read where it is: nothing staged for them. */
    private final Set<String> inPlace = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final BlobLocation source;
    private final BlobLocation destination;
    /** How long {@link #cancel()} waits for the job to be terminated. */
    public static final int CANCEL_WAIT_SECONDS = 60;
    private volatile boolean cancelled;
    private volatile boolean jobCreated;
    /** Set before the job is added: a cancel during that request cannot know whether the service created it. */
    private volatile boolean jobAddSent;
    private volatile Thread runner;
    /** Counted down once the job is terminated, or when the run ends (the job is then done or never existed). */
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private boolean poolCreated;

    private final boolean attached;
    private long retriesAtStart;
    private long mediaBytesAtStart;
    /** Non-null when the request's formats are video presets: plans them per input (see VideoTasks). */
    private final VideoTasks video;
    private final VideoResults videoResults;
    private final Map<String, VideoTasks.Planned> videoPlans = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> videoArgBlobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private java.time.Instant startedAt;

    /**
     * @param attachJobId the id of an existing job to re-adopt (nothing is uploaded or added), or {@code null} to
     *                    run the plan as a new job
     */
    AzureRun(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            Clock clock, String attachJobId) {
        this(plan, sink, options, batch, blobs, clock, attachJobId, null);
    }

    /** @param video the planner of video presets, or null for an audio request */
    AzureRun(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            Clock clock, String attachJobId, VideoTasks video) {
        this.video = video;
        this.plan = plan;
        this.sink = sink;
        this.options = options;
        this.batch = batch;
        this.blobs = blobs;
        this.clock = clock;
        this.attached = attachJobId != null;
        this.jobId = attached ? attachJobId
                : options.jobId() != null ? options.jobId() : defaultJobId(plan.runId());
        this.layout = new JobLayout(jobId, options.inputContainer(), options.outputContainer());
        this.arguments = NodeScript.arguments(plan.request().format());
        this.staged = new StagedInputs(blobs, batch, layout, clock);
        this.source = plan.request().inputBlobs();
        this.destination = plan.request().outputBlobs();
        plan.files().forEach(f -> files.put(f.taskId(), f));
        this.videoResults = video == null ? null : new VideoResults(blobs, options.outputContainer(),
                plan.request().outputDirectory() == null ? null
                        : plan.request().outputDirectory().toAbsolutePath().normalize(),
                video.probe(), plan.request().verifyOutputs());
        if (destination != null) {
            plan.files().forEach(f -> destinations.put(f.taskId(), new PlanRecord.Destination(destination.container(),
                    JobLayout.destinationBlob(destination, f.output()))));
        }
        if (source != null) {
            plan.files().forEach(f -> inPlace.add(f.taskId()));
        }
    }

    /**
     * A job id no other run picks: the run id (time and 16 random bits) plus 32 more random bits, so runs started
     * in the same second by different processes or machines do not share a job.
     */
    static String defaultJobId(String runId) {
        return "bt-" + runId.replaceFirst("^azure-", "") + "-"
                + String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    @Override
    public String id() {
        return jobId;
    }

    /**
     * Stops the run and returns once its Batch job is terminated (or was never created), waiting at most
     * {@value #CANCEL_WAIT_SECONDS} s. The run's thread is interrupted, so an upload, a request or a retry backoff
     * under way ends at once; the thread then terminates the job and deletes what the cleanup policy says.
     * Idempotent and thread-safe.
     */
    @Override
    public void cancel() {
        cancelled = true;
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            if (!stopped.await(CANCEL_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("job {} was not terminated within {} s of the cancel; the run goes on trying", jobId,
                        CANCEL_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Binds the run to the thread that runs it, so {@link #cancel()} can interrupt what it waits for. */
    void runOn(Thread thread) {
        runner = thread;
    }

    void run() {
        try {
            runSteps();
        } finally {
            stopped.countDown();
        }
    }

    private void runSteps() {
        startedAt = clock.instant();
        retriesAtStart = retries();
        mediaBytesAtStart = blobs.mediaBytes();
        try (Transfers transfers = new Transfers(options.transferParallelism(), jobId)) {
            // SAS outlive the job by 30 min: the job's maximum run time is what is left of the timeout (see submit)
            OffsetDateTime expiry = OffsetDateTime.ofInstant(startedAt, java.time.ZoneOffset.UTC)
                    .plus(options.timeout()).plusMinutes(30);
            if (attached) {
                jobCreated = true;
                md5s.putAll(PlanRecord.md5s(blobs, layout));
                if (video != null) {
                    files.values().forEach(f -> videoPlans.put(f.taskId(), video.plan(f)));
                }
                destinations.putAll(PlanRecord.destinations(blobs, layout));
                inPlace.addAll(PlanRecord.inPlace(blobs, layout));
                files.values().stream().filter(f -> md5s.containsKey(f.taskId()) && !inPlace.contains(f.taskId()))
                        .forEach(f -> stagedInputs.add(
                        new StagedInputs.Input(md5s.get(f.taskId()), inputBlob(f), null)));
                Set<String> present = new HashSet<>();
                batch.tasks(jobId, null, "id").forEach(t -> present.add(t.id()));
                sink.phase(Phase.RUNNING, "Re-attached to job [" + jobId + "] with " + present.size() + " task(s)");
                reportNeverAdded(present);
                batch.terminateJobWhenTasksComplete(jobId);
                present.retainAll(files.keySet());
                monitor(present, transfers);
                cleanup();
                reportClientBytes();
                sink.retried(retries() - retriesAtStart);
                sink.complete();
                return;
            }
            hashInputs(transfers);
            List<PlannedFile> todo = cancelled ? List.of() : video != null ? planVideo(transfers)
                    : skipExisting(transfers);
            // cancel() is checked between steps: a run cancelled while uploading must not go on to create a pool.
            Map<String, String> inputUrls = todo.isEmpty() || cancelled ? Map.of() : stage(todo, transfers, expiry);
            if (!inputUrls.isEmpty() && !cancelled) {
                ensurePool();
            }
            if (!inputUrls.isEmpty() && !cancelled) {
                monitor(submit(todo, inputUrls, expiry), transfers);
            }
            cleanup();
            reportClientBytes();
            sink.retried(retries() - retriesAtStart);
            sink.complete();
        } catch (TranscodeException e) {
            LOG.debug("run {} failed", jobId, e);
            failed(e);
        } catch (RuntimeException e) {
            failed(new io.github.batchtranscode.BackendException("the Azure run " + jobId + " failed: "
                    + Redact.secrets(String.valueOf(e.getMessage())), e));
        }
    }

    /**
     * The run stopped on an error — or because {@link #cancel()} interrupted what it was doing: the job is
     * terminated; a cancelled run is still cleaned up and completes as cancelled.
     */
    private void failed(TranscodeException e) {
        boolean interrupted = Thread.interrupted(); // the requests below must not fail on a cancel's interrupt
        terminateQuietly(cancelled ? "UserTerminate" : "ClientRunFailed");
        stopped.countDown();
        if (cancelled) {
            try {
                cleanup();
            } catch (RuntimeException ce) {
                LOG.warn("cleanup of cancelled job {} failed: {}", jobId, Redact.secrets(ce.getMessage()));
            }
        }
        sink.retried(retries() - retriesAtStart);
        if (cancelled) {
            sink.complete();
        } else {
            sink.fail(e);
        }
        if (interrupted && !cancelled) {
            Thread.currentThread().interrupt();
        }
    }

    /** What is left of the overall timeout (at least a second): the job's maximum run time on the service. */
    private java.time.Duration remaining() {
        java.time.Duration left = options.timeout().minus(java.time.Duration.between(startedAt, clock.instant()));
        return left.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : left;
    }

    /** Retried requests of this backend's clients; a run reports what it adds to this. */
    private long retries() {
        return batch.retries() + blobs.retries();
    }

    /** Tells how many bytes of media passed through this process (none, for blobs in and out). */
    private void reportClientBytes() {
        long bytes = blobs.mediaBytes() - mediaBytesAtStart;
        sink.phase(Phase.CLEANUP, "This process moved " + bytes + " byte(s) of media"
                + (source != null && bytes == 0 ? ": the tasks read the source blobs and wrote the outputs directly" : ""));
    }

    /**
     * Reads every input once for its MD5, which names its staged blob and its output; a source blob is not read:
     * its listed version (Content-MD5 or ETag) stands for the MD5.
     */
    private void hashInputs(Transfers transfers) {
        if (source != null) {
            plan.files().forEach(f -> md5s.put(f.taskId(), JobLayout.sourceVersion(f.version())));
            return;
        }
        sink.phase(Phase.STAGING, "Checksumming " + plan.files().size() + " input file(s)...");
        transfers.all(plan.files(), f -> {
            if (!cancelled) {
                try {
                    md5s.put(f.taskId(), java.util.HexFormat.of().formatHex(BlobStore.md5(f.inputPath())));
                } catch (java.io.IOException e) {
                    throw new io.github.batchtranscode.StagingException("input " + f.inputPath()
                            + " could not be read: " + e.getMessage() + "; check that the file exists and is readable", e);
                }
            }
            return null;
        });
    }

    /** The staged blob of a file's input. */
    private String inputBlob(PlannedFile f) {
        return JobLayout.inputBlob(md5s.get(f.taskId()), f.input());
    }

    /** The blob a file's output is written to; for jobs recorded without MD5s, the relative output itself. */
    private String outputBlob(PlannedFile f) {
        PlanRecord.Destination d = destinations.get(f.taskId());
        if (d != null) {
            return d.blob();
        }
        String md5 = md5s.get(f.taskId());
        return md5 == null ? f.output() : JobLayout.outputBlob(md5, arguments, f.output());
    }

    /** The container a file's output is written to: the destination's, or the job's output container. */
    private String outputContainer(PlannedFile f) {
        PlanRecord.Destination d = destinations.get(f.taskId());
        return d != null ? d.container() : options.outputContainer();
    }

    /**
     * Probes every input locally and plans its presets; an input that cannot be transcoded (no video, damaged)
     * gets its FAILED row now and no task. Video outputs are always made again: SKIP_EXISTING is not honoured yet.
     */
    private List<PlannedFile> planVideo(Transfers transfers) {
        sink.phase(Phase.STAGING, "Probing " + plan.files().size() + " input file(s) for their video streams...");
        List<VideoTasks.Planned> planned = transfers.all(plan.files(), video::plan);
        List<PlannedFile> todo = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            PlannedFile f = plan.files().get(i);
            VideoTasks.Planned p = planned.get(i);
            videoPlans.put(f.taskId(), p);
            if (p.ok()) {
                todo.add(f);
            } else {
                sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, p.error(), p.code(),
                        p.source().mediaSeconds(), null, clock.instant(), clock.instant(), 0, 0, f.taskId(), null,
                        f.inputBytes(), null, null, List.of()));
            }
        }
        return todo;
    }

    private List<PlannedFile> skipExisting(Transfers transfers) {
        if (plan.request().overwrite() != OverwritePolicy.SKIP_EXISTING) {
            return plan.files();
        }
        List<PlannedFile> todo = new ArrayList<>();
        List<Boolean> present = transfers.all(plan.files(), f -> blobs.exists(outputContainer(f), outputBlob(f)));
        for (int i = 0; i < present.size(); i++) {
            PlannedFile f = plan.files().get(i);
            if (present.get(i)) {
                finishReused(f);
            } else {
                todo.add(f);
            }
        }
        return todo;
    }

    private void finishReused(PlannedFile f) {
        Path out = outputFile(f);
        Long bytes = out != null ? blobs.download(outputContainer(f), outputBlob(f), out) : null;
        sink.finished(new FileResult(f.input(), f.output(), FileStatus.SUCCEEDED, null, null, null, null, null, null,
                clock.instant(), 0, 0, f.taskId(), null, f.inputBytes(), bytes, outputBlob(f)));
    }

    private Map<String, String> stage(List<PlannedFile> todo, Transfers transfers, OffsetDateTime expiry) {
        sink.phase(Phase.STAGING, "Creating container [" + options.inputContainer() + "]...");
        blobs.ensureContainer(options.inputContainer(), m -> sink.phase(Phase.STAGING, m));
        sink.phase(Phase.STAGING, "Creating container [" + options.outputContainer() + "]...");
        blobs.ensureContainer(options.outputContainer());
        if (destination != null) {
            sink.phase(Phase.STAGING, "Checking that output location [" + destination + "] can be written...");
            new BlobAccess(blobs.service()).checkWritable(destination);
        }
        if (source != null) {
            return inPlace(todo, expiry);
        }
        blobs.ensureContainer(options.outputContainer(), m -> sink.phase(Phase.STAGING, m));
        List<StagedInputs.Input> inputs = todo.stream().map(f -> new StagedInputs.Input(md5s.get(f.taskId()),
                inputBlob(f), f.inputPath())).toList();
        stagedInputs.addAll(inputs); // referenced from here on: cleanup releases them even if staging fails
        staged.reference(inputs, transfers); // before looking: a concurrent cleanup then keeps what this run needs
        BlobIndex existing = blobs.index(options.inputContainer(), todo.size());
        List<Long> sizes = transfers.all(todo, f -> {
            if (cancelled) {
                return 0L; // queued uploads of a cancelled run are skipped
            }
            long bytes = blobs.upload(options.inputContainer(), inputBlob(f), f.inputPath(), existing,
                    java.util.HexFormat.of().parseHex(md5s.get(f.taskId())));
            sink.detail(Phase.STAGING, bytes > 0 ? "Uploading file " + f.input() + " to container ["
                    + options.inputContainer() + "]..." : "File " + f.input() + " is already in container ["
                    + options.inputContainer() + "] (same size and MD5); not uploaded again");
            return bytes;
        });
        if (cancelled) {
            return Map.of();
        }
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        LOG.info("staged {} file(s), {} bytes uploaded", todo.size(), total);
        if (video != null) {
            uploadVideoFiles(todo, transfers);
        } else {
            uploadJobFiles();
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (PlannedFile f : todo) {
            urls.put(f.taskId(), blobs.readUrl(options.inputContainer(), inputBlob(f), expiry));
        }
        return urls;
    }

    /** Task URLs of source blobs read where they are: a read-only SAS each, or plain URLs for the node identity. */
    private Map<String, String> inPlace(List<PlannedFile> todo, OffsetDateTime expiry) {
        sink.phase(Phase.STAGING, "Tasks read " + todo.size() + " source blob(s) in container [" + source.container()
                + "] directly; nothing is uploaded");
        uploadJobFiles();
        Map<String, String> urls = new LinkedHashMap<>();
        for (PlannedFile f : todo) {
            urls.put(f.taskId(), options.nodeIdentity() != null ? blobs.plainUrl(source.container(), f.input())
                    : blobs.readUrl(source.container(), f.input(), expiry));
        }
        return urls;
    }

    /** The video script and each task's argument files (one per preset). */
    private void uploadVideoFiles(List<PlannedFile> todo, Transfers transfers) {
        blobs.uploadText(options.inputContainer(), layout.scriptBlob(), NodeScript.videoScript());
        transfers.all(todo, f -> {
            for (VideoTasks.Part part : videoPlans.get(f.taskId()).parts()) {
                String blob = videoArgsBlob(f, part);
                videoArgBlobs.add(blob);
                blobs.uploadText(options.inputContainer(), blob, part.arguments());
            }
            return null;
        });
    }

    /** The staged argument file of one preset of one task, beside the job's script. */
    private String videoArgsBlob(PlannedFile f, VideoTasks.Part part) {
        return layout.jobPrefix() + "args/" + f.taskId() + "/" + part.argsFile();
    }

    private void uploadJobFiles() {
        blobs.uploadText(options.inputContainer(), layout.scriptBlob(), NodeScript.script(plan.request().verifyOutputs()));
        blobs.uploadText(options.inputContainer(), layout.argsBlob(), NodeScript.arguments(plan.request().format()));
    }

    private void ensurePool() {
        poolCreated = new PoolManager(batch, StartTasks.forRun(options.pool(), plan.request().formats()))
                .ensure(() -> sink.phase(Phase.POOL, "Creating pool [" + options.pool().id() + "]..."),
                        m -> sink.phase(Phase.POOL, m), remaining());
        if (!poolCreated) {
            sink.phase(Phase.POOL, "Using existing pool [" + options.pool().id() + "]");
        }
        LOG.info("pool {} ready", options.pool().id());
    }

    private Set<String> submit(List<PlannedFile> todo, Map<String, String> inputUrls, OffsetDateTime expiry) {
        sink.phase(Phase.SUBMITTING, "Creating job [" + jobId + "]...");
        TranscodeRequest r = plan.request();
        JobAddParameter job = new JobAddParameter().withId(jobId)
                .withPoolInfo(new PoolInformation().withPoolId(options.pool().id()))
                .withOnAllTasksComplete(OnAllTasksComplete.NO_ACTION)
                // Batch ends the job at the timeout even if this process dies: no task can start after its SAS expire
                .withConstraints(new JobConstraints().withMaxTaskRetryCount(options.maxTaskRetryCount())
                        .withMaxWallClockTime(org.joda.time.Period.millis((int) Math.min(Integer.MAX_VALUE,
                                remaining().toMillis()))))
                .withMetadata(List.of(
                        new MetadataItem().withName("batch-transcode.inputContainer").withValue(options.inputContainer()),
                        new MetadataItem().withName("batch-transcode.outputContainer").withValue(options.outputContainer()),
                        new MetadataItem().withName("batch-transcode.format").withValue(r.format().key()),
                        new MetadataItem().withName("batch-transcode.source").withValue(r.source()),
                        new MetadataItem().withName("batch-transcode.outputBlobs")
                                .withValue(destination == null ? "" : destination.toString())));
        if (cancelled) {
            throw new io.github.batchtranscode.BackendException("cancelled before job " + jobId + " was created", null);
        }
        jobAddSent = true;
        if (!addJob(job)) {
            LOG.info("job {} exists already; adding the tasks it lacks", jobId);
        }
        jobCreated = true;
        TaskFactory factory = new TaskFactory(layout, r.format(),
                blobs.readUrl(options.inputContainer(), layout.scriptBlob(), expiry),
                blobs.readUrl(options.inputContainer(), layout.argsBlob(), expiry),
                blobs.writeOnlyContainerUrl(options.outputContainer(), expiry), r.fileTimeout(),
                options.maxTaskRetryCount(), options.requiredSlots()).withIdentity(options.nodeIdentity());
        String resultsUrl = destination == null ? null : options.nodeIdentity() != null
                ? blobs.plainContainerUrl(destination.container())
                : blobs.writeOnlyContainerUrl(destination.container(), expiry);
        List<TaskAddParameter> tasks = new ArrayList<>(todo.size());
        String videoResultsUrl = video == null ? null : blobs.writeOnlyContainerUrl(options.outputContainer(), expiry);
        for (PlannedFile f : todo) {
            if (video != null) {
                VideoTasks.Planned p = videoPlans.get(f.taskId());
                Map<String, String> args = new LinkedHashMap<>();
                for (VideoTasks.Part part : p.parts()) {
                    args.put(part.argsFile(), blobs.readUrl(options.inputContainer(), videoArgsBlob(f, part), expiry));
                }
                tasks.add(factory.videoTask(f, inputUrls.get(f.taskId()), args,
                        VideoTasks.outputFiles(p, md5s.get(f.taskId()), videoResultsUrl)));
                continue;
            }
            tasks.add(resultsUrl == null ? factory.task(f, inputUrls.get(f.taskId()), outputBlob(f))
                    : factory.task(f, inputUrls.get(f.taskId()), resultsUrl, outputBlob(f)));
        }
        PlanRecord.write(blobs, layout, todo, md5s, source == null ? null : source.container(), destinations); // before any task exists: attach can then account for every file
        sink.phase(Phase.SUBMITTING, "Adding " + tasks.size() + " tasks to job [" + jobId + "]...");
        Map<String, String> rejected = new FanOut(batch, 4).addAll(jobId, tasks);
        Set<String> added = new HashSet<>();
        for (PlannedFile f : todo) {
            String error = rejected.get(f.taskId());
            if (error == null) {
                added.add(f.taskId());
            } else {
                sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, error, "TASK_REJECTED", null, null,
                        null, clock.instant(), 0, 0, f.taskId(), null, f.inputBytes(), null, null));
            }
        }
        batch.terminateJobWhenTasksComplete(jobId);
        return added;
    }

    /**
     * Adds the job; when a job of that id (a caller-given one) is still being deleted — 409 JobBeingDeleted —
     * waits, bounded by what is left of the timeout, until it is gone and adds it then.
     */
    private boolean addJob(JobAddParameter job) {
        try {
            return batch.addJob(job);
        } catch (Retrier.BatchCallException e) {
            if (!"JobBeingDeleted".equals(e.code())) {
                throw e;
            }
            java.time.Duration bound = remaining();
            sink.phase(Phase.SUBMITTING, "Waiting for job [" + jobId + "] to finish deleting (an earlier run's job"
                    + " of the same id), at most " + DeletionWait.describe(bound) + "...");
            DeletionWait.until(() -> batch.job(jobId).isEmpty(), bound, () -> new io.github.batchtranscode
                    .BackendException("job " + jobId + " is still being deleted after " + DeletionWait.describe(bound)
                    + ". Run again once it is gone, or leave AzureOptions.jobId unset for a fresh id each run"));
            return batch.addJob(job);
        }
    }

    /** Files of the recorded plan whose tasks the submitting process never added (it stopped during fan-out). */
    private void reportNeverAdded(Set<String> present) {
        for (PlannedFile f : files.values()) {
            if (!present.contains(f.taskId())) {
                sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, "the task for this file was never"
                        + " added to job " + jobId + " (the submitting process stopped while adding tasks); submit the"
                        + " request again with OverwritePolicy.SKIP_EXISTING to transcode only what is missing",
                        "NOT_SUBMITTED", null, null, null, clock.instant(), 0, 0, f.taskId(), null, f.inputBytes(), null,
                        null));
            }
        }
    }

    private void monitor(Set<String> added, Transfers transfers) {
        if (added.isEmpty()) {
            return;
        }
        sink.phase(Phase.RUNNING, "Monitoring all tasks for 'Completed' state, timeout in " + options.timeout() + "...");
        JobMonitor monitor = new JobMonitor(batch, new PoolManager(batch, options.pool()), jobId, added, sink,
                options.pollInterval(), () -> cancelled);
        Phaser pending = new Phaser(1);
        boolean finished = monitor.await(task -> {
            pending.register();
            transfers.submit(() -> {
                Instant fetch = clock.instant(); // logs and outputs: busy time of downloading, overlapping tasks
                try {
                    FileResult row = result(task);
                    sink.busy(Phase.DOWNLOADING, fetch, clock.instant());
                    sink.finished(row);
                } catch (RuntimeException e) {
                    sink.busy(Phase.DOWNLOADING, fetch, clock.instant());
                    sink.finished(fetchFailed(task, e));
                } finally {
                    pending.arriveAndDeregister();
                }
            });
        });
        int downloading = pending.getRegisteredParties() - 1;
        if (downloading > 0) {
            sink.phase(Phase.DOWNLOADING, "Waiting for the results of " + downloading + " task(s)...");
        }
        pending.arriveAndAwaitAdvance();
        if (monitor.endedReason() != null) {
            reportEnded(monitor);
        }
        if (!finished) {
            Thread.interrupted(); // a cancel's interrupt must not fail the terminate it asked for
            sink.phase(Phase.CLEANUP, "Cancelled: terminating job [" + jobId + "]");
            batch.terminateJob(jobId, "UserTerminate");
            stopped.countDown();
        }
    }

    /** Reports the files whose tasks will never run because the job ended without them (timeout, terminate). */
    private void reportEnded(JobMonitor monitor) {
        String reason = monitor.endedReason();
        boolean timeout = "MaxWallClockTimeExpiry".equalsIgnoreCase(reason);
        String why = timeout ? "job " + jobId + " reached its maximum run time (" + options.timeout()
                + ") before this file's task completed"
                : "job " + jobId + " ended (" + reason + ") before this file's task completed";
        for (String taskId : monitor.unfinished()) {
            PlannedFile f = files.get(taskId);
            sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, why + "; run the request again with"
                    + " OverwritePolicy.SKIP_EXISTING to redo only the missing files", timeout ? "TIMEOUT" : "JOB_ENDED",
                    null, null, null, clock.instant(), 0, 0, f.taskId(), null, f.inputBytes(), null, null));
        }
    }

    private FileResult result(CloudTask task) {
        PlannedFile f = files.get(task.id());
        if (video != null) {
            return videoResult(task, f);
        }
        boolean ok = TaskOutcome.succeeded(task);
        String stdout = ok && !plan.request().verifyOutputs() ? "" : blobs.text(options.outputContainer(), layout.stdoutBlob(task.id()));
        String stderr = ok ? "" : blobs.text(options.outputContainer(), layout.stderrBlob(task.id()));
        FileResult row = TaskOutcome.of(task, f, outputBlob(f), stdout, stderr);
        Path out = outputFile(f);
        if (ok && out != null) {
            sink.detail(Phase.DOWNLOADING, "Downloading " + f.output() + " to " + out);
            long bytes = blobs.download(outputContainer(f), outputBlob(f), out);
            row = new FileResult(row.input(), row.output(), row.status(), row.exitCode(), null, null,
                    row.inputDurationSeconds(), row.outputDurationSeconds(), row.startTime(), row.endTime(), row.attempts(),
                    row.requeues(), row.taskId(), row.worker(), row.inputBytes(), bytes, row.outputBlob());
        }
        return row;
    }

    /** A video task's row: on success every output fetched and verified; otherwise the task's reason on each. */
    private FileResult videoResult(CloudTask task, PlannedFile f) {
        boolean ok = TaskOutcome.succeeded(task);
        String stderr = ok ? "" : blobs.text(options.outputContainer(), layout.stderrBlob(task.id()));
        FileResult seen = TaskOutcome.of(task, f, null, "", stderr);
        VideoTasks.Planned p = videoPlans.get(f.taskId());
        Double inSeconds = p.source().mediaSeconds();
        if (!ok) {
            return new FileResult(f.input(), null, FileStatus.FAILED, seen.exitCode(), seen.error(),
                    seen.failureCode(), inSeconds, null, seen.startTime(), seen.endTime(), seen.attempts(),
                    seen.requeues(), seen.taskId(), seen.worker(), f.inputBytes(), null, null,
                    VideoResults.failed(p, seen.error()));
        }
        sink.detail(Phase.DOWNLOADING, "Downloading and verifying the outputs of " + f.input());
        List<OutputResult> outs = videoResults.fetch(f, p, md5s.get(f.taskId()));
        List<OutputResult> bad = outs.stream().filter(o -> !o.succeeded()).toList();
        if (bad.isEmpty()) {
            long bytes = outs.stream().mapToLong(o -> o.bytes() == null ? 0 : o.bytes()).sum();
            return new FileResult(f.input(), outs.get(0).path(), FileStatus.SUCCEEDED, seen.exitCode(), null, null,
                    inSeconds, outs.get(0).durationSeconds(), seen.startTime(), seen.endTime(), seen.attempts(),
                    seen.requeues(), seen.taskId(), seen.worker(), f.inputBytes(), bytes,
                    VideoTasks.blob(md5s.get(f.taskId()), p.parts().get(0), 0), outs);
        }
        String error = bad.get(0).path() + ": " + bad.get(0).error()
                + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more output(s) failed)" : "");
        return new FileResult(f.input(), null, FileStatus.FAILED, seen.exitCode(), error, "VERIFICATION", inSeconds,
                bad.get(0).durationSeconds(), seen.startTime(), seen.endTime(), seen.attempts(), seen.requeues(),
                seen.taskId(), seen.worker(), f.inputBytes(), null, null, outs);
    }

    /** The row of a task whose logs or output could not be fetched: what the service said, and why it failed here. */
    private FileResult fetchFailed(CloudTask task, RuntimeException e) {
        FileResult seen = TaskOutcome.of(task, files.get(task.id()), outputBlob(files.get(task.id())), "", "");
        String why = (seen.succeeded() ? "the file was transcoded, but its result could not be fetched"
                : "the task failed and its logs could not be fetched") + ": " + Redact.secrets(String.valueOf(e.getMessage()))
                + (seen.succeeded() ? "; the output stays in container [" + outputContainer(files.get(task.id())) + "] as "
                + seen.outputBlob() : "");
        return new FileResult(seen.input(), null, FileStatus.FAILED, seen.exitCode(), why, "RESULT_FETCH",
                seen.inputDurationSeconds(), seen.outputDurationSeconds(), seen.startTime(), seen.endTime(),
                seen.attempts(), seen.requeues(), seen.taskId(), seen.worker(), seen.inputBytes(), null, null);
    }

    private Path outputFile(PlannedFile f) {
        Path dir = plan.request().outputDirectory();
        return dir == null ? null : dir.toAbsolutePath().normalize().resolve(f.output());
    }

    private void cleanup() {
        if (options.cleanup().deleteInputContainer()) {
            releaseInputs();
        }
        if (options.cleanup().deleteJob() && jobCreated) {
            sink.phase(Phase.CLEANUP, "Deleting job [" + jobId + "]...");
            batch.deleteJob(jobId);
        }
        if (options.cleanup().deletePool() && poolCreated) {
            sink.phase(Phase.CLEANUP, "Deleting pool [" + options.pool().id() + "]...");
            batch.deletePool(options.pool().id());
        }
    }

    /**
     * Deletes what this run staged in the input container: its script and arguments, its references, and each
     * input no other live job references. The container itself stays: other runs may be staging to it.
     */
    private void releaseInputs() {
        sink.phase(Phase.CLEANUP, "Deleting this run's inputs from container [" + options.inputContainer() + "]...");
        blobs.deleteBlob(options.inputContainer(), layout.scriptBlob());
        blobs.deleteBlob(options.inputContainer(), layout.argsBlob());
        videoArgBlobs.forEach(b -> blobs.deleteBlob(options.inputContainer(), b));
        if (stagedInputs.isEmpty()) {
            return;
        }
        try (Transfers transfers = new Transfers(options.transferParallelism(), jobId + "-cleanup")) {
            int deleted = staged.release(List.copyOf(stagedInputs), transfers);
            LOG.info("job {}: deleted {} staged input(s); {} kept for other jobs", jobId, deleted,
                    stagedInputs.size() - deleted);
        }
    }

    private void terminateQuietly(String reason) {
        if (!jobCreated && !jobAddSent) {
            return;
        }
        try {
            if (cancelled && jobCreated) {
                sink.phase(Phase.CLEANUP, "Cancelled: terminating job [" + jobId + "]");
            }
            batch.terminateJob(jobId, reason); // a job that was never created answers 404, which is fine
        } catch (RuntimeException e) {
            LOG.warn("job {} could not be terminated: {}", jobId, Redact.secrets(e.getMessage()));
        }
    }
}
