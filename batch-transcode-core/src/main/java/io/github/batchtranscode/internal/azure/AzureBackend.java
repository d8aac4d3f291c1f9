package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.engine.Backend;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.Schedulers;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.internal.engine.SessionTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Azure Batch for scale: each plan runs as one Batch job, driven from a thread of this backend's. */
public final class AzureBackend implements Backend {
    private final AzureOptions options;
    private final SessionTime time;
    private final BatchGateway batch;
    private final BlobStore blobs;
    private final Set<AzureRun> runs = ConcurrentHashMap.newKeySet();

    /** @param time the session's time: every wait of its runs (polls, backoffs, deadlines) is counted on it */
    public AzureBackend(AzureOptions options, SessionTime time) {
        this.options = options;
        this.time = time;
        this.batch = BatchGateway.open(options, Retrier.standard(time));
        this.blobs = BlobStore.open(options, time);
    }

    @Override
    public io.github.batchtranscode.model.Backend kind() {
        return io.github.batchtranscode.model.Backend.AZURE;
    }

    @Override
    public io.github.batchtranscode.internal.blob.BlobAccess blobAccess() {
        return new io.github.batchtranscode.internal.blob.BlobAccess(blobs.service());
    }

    /** The options this backend runs with. */
    public AzureOptions options() {
        return options;
    }

    @Override
    public Execution start(TranscodePlan plan, ExecutionSink sink) {
        checkOutput(plan);
        checkFormats(plan);
        if (nodePlanned(plan)) {
            io.github.batchtranscode.internal.ffmpeg.Encoders encoders = io.github.batchtranscode.internal.ffmpeg.Encoders
                    .of(localTools().ffmpeg());
            return launch(new AzureRun(plan, sink, options, batch, blobs, time, null, null,
                    NodePlan.of(plan.request().formats(), encoders::videoEncoder)));
        }
        return launch(new AzureRun(plan, sink, options, batch, blobs, time, null, videoTasks(plan)));
    }

    /**
     * The plan of an existing job, rebuilt from its tasks (one listing): each task's display name is its input's
     * relative path, its result OutputFile's path the output's.
     *
     * @throws ConfigurationException when the job does not exist or was not made by this library
     */
    public TranscodePlan attachPlan(String jobId, Path outputDirectory) {
        AzureOptions jobOptions = optionsFor(jobId);
        JobLayout layout = new JobLayout(jobId, jobOptions.inputContainer(), jobOptions.outputContainer());
        List<PlannedFile> files = new ArrayList<>(PlanRecord.read(blobs, layout).orElseGet(() -> listed(jobId)));
        files.sort(Comparator.comparing(PlannedFile::input));
        TranscodeRequest.Builder request = TranscodeRequest.builder().inputDirectory(Path.of("."));
        NodeRecord node = nodeRecord(jobId, layout);
        if (node != null) { // the rows name the source blobs and the destination as the submitter's did
            if (node.sourceLocation() != null) {
                request.inputBlobs(node.sourceLocation());
            }
            if (node.destinationLocation() != null) {
                request.outputBlobs(node.destinationLocation());
            }
        }
        if (outputDirectory != null) {
            request.outputDirectory(outputDirectory);
        }
        return new TranscodePlan(jobId, request.build(), files);
    }

    /**
     * What the rows of a job planned on its nodes are built from, or null for any other job.
     *
     * @throws ConfigurationException when the job was planned on its nodes but its record predates attach's support
     */
    private NodeRecord nodeRecord(String jobId, JobLayout layout) {
        PlanRecord.Contents record = PlanRecord.contents(blobs, layout).orElse(null);
        NodeRecord node = record == null ? null : record.node();
        if (node == null && record != null && record.nodePlanned()) {
            throw new ConfigurationException("job " + jobId + " runs video presets or several formats with blob"
                    + " locations, planned and verified on its nodes, and was submitted by an earlier version of"
                    + " batch-transcode: its plan record (" + layout.planBlob() + " in container ["
                    + layout.outputContainer() + "]) lacks the node plan its rows are built from, so it cannot be"
                    + " attached; wait for the submitting session's report, or submit the request again (its outputs"
                    + " are rewritten)");
        }
        return node;
    }

    /** The plan rebuilt from the job's tasks, for jobs without a recorded plan. */
    private List<PlannedFile> listed(String jobId) {
        List<PlannedFile> files = new ArrayList<>();
        for (CloudTask t : batch.tasks(jobId, null, "id,displayName,outputFiles")) {
            String output = t.outputFiles() == null || t.outputFiles().isEmpty() ? null
                    : t.outputFiles().get(0).destination().container().path();
            if (t.displayName() == null || output == null) {
                throw new ConfigurationException("job " + jobId + " has task " + t.id()
                        + " that batch-transcode did not create; attach works only with jobs this library submitted");
            }
            files.add(new PlannedFile(t.id(), t.displayName(), Path.of(t.displayName()), output, 0));
        }
        return files;
    }

    /** This session's options with the containers the job was submitted with (recorded in its metadata). */
    private AzureOptions optionsFor(String jobId) {
        CloudJob job = batch.job(jobId).orElseThrow(() -> new ConfigurationException("job " + jobId
                + " does not exist in Batch account " + options.batchAccount()
                + ": check the job id (the report's jobId) and the account"));
        String in = metadata(job, "batch-transcode.inputContainer", options.inputContainer());
        String out = metadata(job, "batch-transcode.outputContainer", options.outputContainer());
        return in.equals(options.inputContainer()) && out.equals(options.outputContainer()) ? options
                : options.toBuilder().containers(in, out).build();
    }

    private static String metadata(CloudJob job, String name, String fallback) {
        if (job.metadata() == null) {
            return fallback;
        }
        return job.metadata().stream().filter(m -> name.equals(m.name())).map(MetadataItem::value).findFirst()
                .orElse(fallback);
    }

    /** A view of this backend whose {@code start} re-adopts {@code jobId} instead of submitting a new job. */
    public Backend attached(String jobId) {
        AzureBackend self = this;
        return new Backend() {
            @Override
            public io.github.batchtranscode.model.Backend kind() {
                return self.kind();
            }

            @Override
            public Execution start(TranscodePlan plan, ExecutionSink sink) {
                checkOutput(plan);
                JobLayout layout = new JobLayout(jobId, options.inputContainer(), options.outputContainer());
                NodeRecord node = nodeRecord(jobId, layout);
                if (node != null) { // rows from each task's result.json, as the submitter builds them
                    return launch(new AzureRun(plan, sink, options, batch, blobs, time, jobId, null, node.plan()));
                }
                // a video job's record holds each input's plan: the monitor needs only the local probe to verify
                VideoTasks video = PlanRecord.videoPlans(blobs, layout).isEmpty() ? null
                        : new VideoTasks(List.of(), new io.github.batchtranscode.internal.ffmpeg.MediaProbe(
                                localTools().ffprobe()), null);
                return launch(new AzureRun(plan, sink, options, batch, blobs, time, jobId, video));
            }

            @Override
            public void close() {
                // the session closes the backend itself
            }
        };
    }

    /**
     * Video presets, several formats, and audio mixed with video all run as per-format argument files. With local
     * inputs and outputs the client probes and verifies (see VideoTasks); with blob locations the nodes do (see
     * NodePlan; {@code SKIP_EXISTING} there: NodeReuse): then {@code videoTaskSplit(PER_RENDITION)} is refused,
     * because the outputs an input gets are known only once its node has probed it.
     */
    private void checkFormats(TranscodePlan plan) {
        if (!nodePlanned(plan)) {
            return;
        }
        if (options.videoTaskSplit() == io.github.batchtranscode.model.VideoTaskSplit.PER_RENDITION) {
            throw new ConfigurationException("AzureOptions.videoTaskSplit(PER_RENDITION) with inputBlobs or"
                    + " outputBlobs is not supported: the renditions of a blob source are decided on its node once it"
                    + " has probed it, so they cannot be split into tasks beforehand; use VideoTaskSplit.PER_INPUT"
                    + " (the default) for blob locations");
        }
    }

    /** Whether the request's formats are planned on the nodes: per-format, with blob locations. */
    private static boolean nodePlanned(TranscodePlan plan) {
        return perFormat(plan) && (plan.request().inputBlobs() != null || plan.request().outputBlobs() != null);
    }

    /** Whether the request runs as per-format argument files: any video preset, or more than one format. */
    private static boolean perFormat(TranscodePlan plan) {
        var formats = plan.request().formats();
        return formats.size() > 1 || formats.stream().anyMatch(io.github.batchtranscode.model.OutputFormat::isVideo);
    }

    /**
     * The planner of a video request, probing inputs with the local ffprobe (the client has the inputs); the H.264
     * encoder is the one the local ffmpeg has (libx264, else libopenh264), which the pool's start task checks the
     * nodes have. Null for an audio request.
     */
    private VideoTasks videoTasks(TranscodePlan plan) {
        if (!perFormat(plan)) {
            return null;
        }
        io.github.batchtranscode.internal.ffmpeg.FfmpegTools tools = localTools();
        return new VideoTasks(plan.request().formats(),
                new io.github.batchtranscode.internal.ffmpeg.MediaProbe(tools.ffprobe()),
                io.github.batchtranscode.internal.ffmpeg.Encoders.of(tools.ffmpeg()));
    }

    private volatile io.github.batchtranscode.internal.ffmpeg.FfmpegTools tools;

    private io.github.batchtranscode.internal.ffmpeg.FfmpegTools localTools() {
        if (tools == null) {
            tools = new io.github.batchtranscode.internal.ffmpeg.FfmpegLocator().locate(null);
        }
        return tools;
    }

    /** An output directory that cannot be written fails the run before anything is uploaded or submitted. */
    private static void checkOutput(TranscodePlan plan) {
        Path out = plan.request().outputDirectory();
        if (out != null) {
            io.github.batchtranscode.internal.engine.OutputDirectories.checkWritable(out.toAbsolutePath().normalize());
        }
    }

    private Execution launch(AzureRun run) {
        runs.add(run);
        Thread t = Schedulers.daemon("batch-transcode-azure-" + run.id()).newThread(() -> {
            try {
                run.run();
            } finally {
                runs.remove(run);
            }
        });
        run.runOn(t);
        t.start();
        return run;
    }

    /** Cancels runs still going, submitted or attached, and returns once their jobs are terminated. */
    @Override
    public void close() {
        runs.forEach(AzureRun::cancel);
    }
}
