package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobConstraints;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.internal.engine.Loggers;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FailureCode;import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.TranscodeRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The pool and submission steps of a run: gets the pool, creates the job (bounded by what is left of the timeout),
 * records the plan, and adds one task per file; a task the service rejects becomes a FAILED row.
 */
final class RunSubmission {
    private static final Logger LOG = Loggers.AZURE;

    private final RunContext run;

    RunSubmission(RunContext run) {
        this.run = run;
    }

    void ensurePool() {
        var pool = run.options.pool();
        run.poolCreated = new PoolManager(run.batch, StartTasks.forRun(pool, run.plan.request().formats()))
                .requireIdentity(run.options.nodeIdentity()).time(run.time)
                .ensure(() -> run.sink.phase(Phase.POOL, "Creating pool [" + pool.id() + "]..."),
                        m -> run.sink.phase(Phase.POOL, m), run.remaining());
        if (!run.poolCreated) {
            run.sink.phase(Phase.POOL, "Using existing pool [" + pool.id() + "]");
        }
        LOG.info("pool {} ready", pool.id());
    }

    /** Creates the job and adds the tasks of {@code todo}; the ids of the tasks the service accepted. */
    Set<String> submit(List<PlannedFile> todo, TaskInputs inputs, OffsetDateTime expiry) {
        String jobId = run.jobId;
        run.sink.phase(Phase.SUBMITTING, "Creating job [" + jobId + "]...");
        if (run.cancelled) {
            throw new BackendException("cancelled before job " + jobId + " was created", null);
        }
        run.jobAddSent = true;
        TaskUrls urls = new TaskUrls(run.blobs, run.options.nodeIdentity(), expiry);
        TaskFactory factory = new TaskFactory(run.layout, run.plan.request().formats().get(0),
                urls.write(run.options.outputContainer()), run.plan.request().fileTimeout(),
                run.options.maxTaskRetryCount(), run.options.requiredSlots()).withIdentity(run.options.nodeIdentity());
        if (!addJob(job().withJobPreparationTask(factory.preparation(jobFiles(urls))))) {
            LOG.info("job {} exists already; adding the tasks it lacks", jobId);
        }
        run.jobCreated = true;
        RunTasks tasks = new RunTasks(run, todo, inputs, expiry, urls, factory); // each task built as the fan-out sends it
        // before any task exists: attach can then account for every file
        PlanRecord.write(run.blobs, run.layout, todo, run.md5s, run.source == null ? null : run.source.container(),
                run.destinations, run.videoPlans,
                run.nodePlan == null ? null : NodeRecord.of(run.nodePlan, run.source, run.destination));
        run.sink.phase(Phase.SUBMITTING, "Adding " + tasks.ids().size() + " tasks to job [" + jobId + "]...");
        Map<String, String> rejected;
        try {
            rejected = new FanOut(run.batch, 4, run.time).addAll(jobId, tasks.ids(), tasks::task);
        } catch (Retrier.BatchCallException e) {
            if (!"JobCompleted".equals(e.code()) || !endedAtMaxRunTime()) {
                throw e;
            }
            return addedBeforeTheEnd(todo);
        }
        Set<String> added = new HashSet<>();
        for (PlannedFile f : todo) {
            List<String> ids = taskIds(f);
            String error = ids.stream().map(rejected::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (error == null) {
                added.addAll(ids);
            } else {
                run.sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED).error(error)
                        .failureCode(FailureCode.TASK_REJECTED).endTime(run.time.now()).taskId(f.taskId())
                        .inputBytes(f.inputBytes()).build());
            }
        }
        run.batch.terminateJobWhenTasksComplete(jobId);
        return added;
    }

    /** Whether the service ended the job because it reached its maximum run time. */
    private boolean endedAtMaxRunTime() {
        return run.batch.job(run.jobId).map(j -> j.executionInfo() != null
                && "MaxWallClockTimeExpiry".equalsIgnoreCase(j.executionInfo().terminateReason())).orElse(false);
    }

    /**
     * The service ended the job at its maximum run time while its tasks were being added: the run has timed out,
     * as {@link RunResults} reports a job that ends while its tasks run. The tasks added before are still watched
     * (they may have run); the files whose tasks never got in are {@code TIMEOUT} too.
     */
    private Set<String> addedBeforeTheEnd(List<PlannedFile> todo) {
        LOG.info("job {} reached its maximum run time while its tasks were being added", run.jobId);
        run.sink.jobTimeLimitPassed(run.options.jobMaxRunTime());
        Set<String> present = new HashSet<>();
        run.batch.tasks(run.jobId, null, "id").forEach(t -> present.add(t.id()));
        Set<String> added = new HashSet<>();
        for (PlannedFile f : todo) {
            if (present.containsAll(taskIds(f))) {
                added.addAll(taskIds(f));
            }
        }
        return added;
    }

    /** The ids of a file's tasks: its own, or for video those of its units. */
    private List<String> taskIds(PlannedFile f) {
        VideoTasks.Planned p = run.video == null ? null : run.videoPlans.get(f.taskId());
        return p == null ? List.of(f.taskId()) : p.units().stream().map(VideoTasks.Unit::taskId).toList();
    }

    private JobAddParameter job() {
        TranscodeRequest r = run.plan.request();
        return new JobAddParameter().withId(run.jobId)
                .withPoolInfo(new PoolInformation().withPoolId(run.options.pool().id()))
                .withOnAllTasksComplete(OnAllTasksComplete.NO_ACTION)
                // Batch ends the job at the timeout even if this process dies: no task can start after its SAS expire
                .withConstraints(new JobConstraints().withMaxTaskRetryCount(run.options.maxTaskRetryCount())
                        .withMaxWallClockTime(org.joda.time.Period.millis((int) Math.min(Integer.MAX_VALUE,
                                run.remaining().toMillis()))))
                .withMetadata(List.of(
                        meta("batch-transcode.inputContainer", run.options.inputContainer()),
                        meta("batch-transcode.outputContainer", run.options.outputContainer()),
                        meta("batch-transcode.format", r.formats().get(0).key()),
                        meta("batch-transcode.source", r.source()),
                        meta("batch-transcode.outputBlobs", run.destination == null ? "" : run.destination.toString())));
    }

    private static MetadataItem meta(String name, String value) {
        return new MetadataItem().withName(name).withValue(value);
    }

    /**
     * The job's own files, file name to URL, that its preparation task downloads once per node: the script, and
     * the arguments (audio) or the node plan and its argument files (planned on the node). Video planned here keeps
     * its argument files per task.
     */
    private Map<String, String> jobFiles(TaskUrls urls) {
        String in = run.options.inputContainer();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(NodeScript.SCRIPT_FILE, urls.read(in, run.layout.scriptBlob()));
        if (run.nodePlan != null) {
            files.put(NodePlan.PLAN_FILE, urls.read(in, run.layout.jobPrefix() + NodePlan.PLAN_FILE));
            run.nodePlan.argumentFiles().keySet().forEach(name -> files.put(name,
                    urls.read(in, run.layout.jobPrefix() + name)));
        } else if (run.video == null) {
            files.put(NodeScript.ARGS_FILE, urls.read(in, run.layout.argsBlob()));
        }
        return files;
    }

    /**
     * Adds the job; when a job of that id (a caller-given one) is still being deleted — 409 JobBeingDeleted —
     * waits, bounded by what is left of the timeout, until it is gone and adds it then.
     */
    private boolean addJob(JobAddParameter job) {
        try {
            return run.batch.addJob(job);
        } catch (Retrier.BatchCallException e) {
            if (!"JobBeingDeleted".equals(e.code())) {
                throw e;
            }
            Duration bound = run.remaining();
            run.sink.phase(Phase.SUBMITTING, "Waiting for job [" + run.jobId + "] to finish deleting (an earlier run's"
                    + " job of the same id), at most " + DeletionWait.describe(bound) + "...");
            DeletionWait.until(run.time, () -> run.batch.job(run.jobId).isEmpty(), bound, () -> new BackendException("job "
                    + run.jobId + " is still being deleted after " + DeletionWait.describe(bound)
                    + ". Run again once it is gone, or leave AzureOptions.jobId unset for a fresh id each run"));
            return run.batch.addJob(job);
        }
    }
}
