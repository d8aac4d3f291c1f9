package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskCounts;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.Loggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import com.microsoft.azure.batch.protocol.models.JobState;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import io.github.batchtranscode.internal.engine.SessionTime;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Watches a job until every task it was given has completed. A poll costs the same whatever the number of
 * tasks: task counts, the running tasks (at most nodes × slots of them), and only the tasks that completed since
 * the last poll, each with {@code $select}. Until the first task starts, each poll also checks the pool's health,
 * so a pool that can never run a task fails the job within a poll or two instead of waiting out the timeout.
 * Polls come every interval, more often only around the expected end of the last wave's tasks ({@link PollPacing}).
 */
final class JobMonitor {
    static final String SELECT_RUNNING = "id,state,nodeInfo";
    static final String SELECT_COMPLETED = "id,state,stateTransitionTime,executionInfo,nodeInfo";
    private static final Logger LOG = Loggers.AZURE;
    private static final DateTimeFormatter ODATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final BatchGateway batch;
    private final PoolManager pool;
    private final String jobId;
    private final Set<String> expected;
    private final ExecutionSink sink;
    private final BooleanSupplier cancelled;
    private final SessionTime time;
    private final CompletableFuture<?> wake;
    /** The tasks seen running that have not completed: at most the pool's slots, whatever the job's size. */
    private final Set<String> started = new HashSet<>();
    private final Set<String> completed = new HashSet<>();
    /** Once tasks run, the pool's health is checked only every this many polls, to warn of nodes that failed. */
    static final int HEALTH_EVERY = 10;
    private Instant since;
    private boolean warned;
    private volatile String endedReason;
    private volatile String endedDetail;
    private int polls;
    private final PollPacing pacing;
    private boolean lastWave;

    /**
     * @param time whose time the pause between polls is counted on: the session's
     * @param wake completed on a cancel: ends the pause between polls at once
     */
    JobMonitor(BatchGateway batch, PoolManager pool, String jobId, Set<String> expected, ExecutionSink sink,
            Duration interval, BooleanSupplier cancelled, SessionTime time, CompletableFuture<?> wake) {
        this.batch = batch;
        this.pool = pool;
        this.jobId = jobId;
        this.expected = Set.copyOf(expected);
        this.sink = sink;
        this.cancelled = cancelled;
        this.pacing = new PollPacing(interval);
        this.time = time;
        this.wake = wake;
    }

    /**
     * Polls until every expected task completed or the run is cancelled.
     *
     * @param onCompleted receives each completed task once
     * @return false when it stopped because of cancellation
     */
    boolean await(Consumer<CloudTask> onCompleted) {
        while (completed.size() < expected.size()) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            poll(onCompleted);
            if (completed.size() >= expected.size() || cancelled.getAsBoolean() || endedReason != null) {
                break;
            }
            sleep(pacing.next(nanos(time.now()), lastWave));
        }
        if (!cancelled.getAsBoolean()) {
            lastHealthCheck();
        }
        return !cancelled.getAsBoolean();
    }

    /**
     * Health is checked only every few polls once tasks run, so a short run can end before a node whose start task
     * failed late was seen: look once more, so the report still warns about it.
     */
    private void lastHealthCheck() {
        if (warned) {
            return;
        }
        try {
            pool.health().ifPresent(w -> {
                warned = true;
                sink.warn(w);
            });
        } catch (RuntimeException e) {
            LOG.debug("pool health after the last task could not be read: {}", e.toString());
        }
    }

    /** Why the job ended while some of its tasks had not completed (e.g. {@code MaxWallClockTimeExpiry}), or null. */
    String endedReason() {
        return endedReason;
    }

    /** What to tell the user about an end the service gave no reason for (a failed job preparation), or null. */
    String endedDetail() {
        return endedDetail;
    }

    /** The expected tasks that have not completed. */
    Set<String> unfinished() {
        Set<String> s = new HashSet<>(expected);
        s.removeAll(completed);
        return s;
    }

    void poll(Consumer<CloudTask> onCompleted) {
        TaskCounts counts = batch.taskCounts(jobId).taskCounts();
        LOG.debug("job {}: {} active, {} running, {} completed", jobId, counts.active(), counts.running(), counts.completed());
        checkPool(counts);
        boolean stalled = counts.running() == 0 && counts.active() > 0;
        lastWave = counts.active() == 0 && counts.running() > 0;
        if (counts.running() > 0) {
            for (CloudTask t : batch.tasks(jobId, "state eq 'running'", SELECT_RUNNING)) {
                if (expected.contains(t.id()) && !completed.contains(t.id()) && started.add(t.id())) {
                    pacing.running(t.id(), nanos(time.now()));
                    sink.started(t.id(), t.nodeInfo() != null ? t.nodeInfo().nodeId() : null);
                }
            }
        }
        if (counts.completed() > completed.size()) {
            collectCompleted(since, onCompleted);
        }
        if (stalled && completed.size() < expected.size()) {
            checkJobEnded(); // a terminated job never runs its active tasks: stop waiting for them
            if (endedReason == null) {
                checkPreparation(); // nor does a node whose job preparation failed
            }
            if (endedReason != null) {
                // the counts were read before the job's state: tasks that completed in between are not unfinished
                collectCompleted(null, onCompleted);
            }
        }
    }

    /** Hands over the tasks completed since {@code from} (all when null) that were not handed over yet. */
    private void collectCompleted(Instant from, Consumer<CloudTask> onCompleted) {
        String filter = "state eq 'completed'" + (from == null ? ""
                : " and stateTransitionTime ge datetime'" + ODATA_TIME.format(from) + "'");
        List<CloudTask> done = batch.tasks(jobId, filter, SELECT_COMPLETED);
        for (CloudTask t : done) {
            Instant at = TaskOutcome.instant(t.stateTransitionTime());
            if (at != null && (since == null || at.minusSeconds(2).isAfter(since))) {
                since = at.minusSeconds(2); // a margin for tasks completing within the same instant
            }
            if (expected.contains(t.id()) && completed.add(t.id())) {
                started.remove(t.id());
                pacing.completed(t.id(), ranFor(t));
                onCompleted.accept(t);
            }
        }
    }

    /** The session's time as nanoseconds since the epoch, for {@link PollPacing}. */
    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static Duration ranFor(CloudTask t) {
        if (t.executionInfo() == null) {
            return null;
        }
        Instant start = TaskOutcome.instant(t.executionInfo().startTime());
        Instant end = TaskOutcome.instant(t.executionInfo().endTime());
        return start == null || end == null ? null : Duration.between(start, end);
    }

    /**
     * Ends the wait when the job's preparation failed on every usable node: the service would keep the tasks
     * active until the timeout. The job is terminated so that no task starts later.
     */
    private void checkPreparation() {
        String why = PreparationCheck.noNodeCanRun(batch, jobId, pool.poolId());
        if (why == null) {
            return;
        }
        LOG.warn("job {}: {}", jobId, why);
        batch.terminateJob(jobId, "JobPreparationFailed");
        endedDetail = why;
        endedReason = "JobPreparationFailed";
    }

    private void checkJobEnded() {
        batch.job(jobId).ifPresentOrElse(job -> {
            if (job.state() == JobState.COMPLETED || job.state() == JobState.TERMINATING
                    || job.state() == JobState.DELETING) {
                String reason = job.executionInfo() != null && job.executionInfo().terminateReason() != null
                        ? job.executionInfo().terminateReason() : String.valueOf(job.state()).toLowerCase(Locale.ROOT);
                LOG.info("job {} ended ({}) with {} task(s) not run", jobId, reason, expected.size() - completed.size());
                endedReason = reason;
            }
        }, () -> endedReason = "deleted");
    }

    /**
     * Until a task runs: every poll, so a pool that can never run one fails fast. Then every
     * {@link #HEALTH_EVERY}th poll until a warning was given: a node whose start task failed after another node
     * had started taking tasks must still be reported.
     */
    private void checkPool(TaskCounts counts) {
        int poll = polls++;
        boolean started = counts.running() + counts.completed() > 0;
        if (started && (warned || poll % HEALTH_EVERY != 0)) {
            return;
        }
        Optional<String> warning = pool.health();
        if (warning.isPresent() && !warned) {
            warned = true;
            sink.warn(warning.get());
        }
    }

    /** The pause before the next poll, on the session's time; a cancel ends it ({@code wake}, or an interrupt). */
    private void sleep(Duration wait) {
        try {
            time.await(wake, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
