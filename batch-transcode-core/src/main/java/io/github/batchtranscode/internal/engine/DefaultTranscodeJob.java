package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TranscodeReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The one engine behind every backend: keeps every planned file's row, turns backend reports into listener
 * events and the final report, and implements waiting, timeouts and cancellation.
 */
public final class DefaultTranscodeJob implements TranscodeJob, ExecutionSink {
    private static final Logger LOG = Loggers.JOB;
    /** While files run, listeners get a progress snapshot at least this often, even when no file started or ended. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final TranscodePlan plan;
    private final String backendName;
    private final io.github.batchtranscode.model.Backend backendKind;
    private final Clock clock;
    private volatile SessionTime time = SessionTime.system();
    private final Instant startTime;
    private final ListenerDispatcher events;
    private final Map<String, PlannedFile> planned = new LinkedHashMap<>();
    private final Map<String, FileResult> rows = new LinkedHashMap<>();
    private final Map<Phase, Instant> phaseStarts = new LinkedHashMap<>();
    private final Activities activities = new Activities();
    private final List<String> warnings = new ArrayList<>();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicBoolean executionCancelled = new AtomicBoolean();
    private final CompletableFuture<TranscodeReport> completion = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            DefaultTranscodeJob.this.cancel();
            return super.cancel(mayInterruptIfRunning);
        }
    };
    private volatile Execution execution;
    private volatile boolean cancelRequested;
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> deadline;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile Duration overallTimeout;
    /** Set when the service ended the job at its maximum run time (that limit), null otherwise. */
    private volatile Duration jobTimeLimit;
    private Instant firstStart;
    private boolean ended;

    private DefaultTranscodeJob(TranscodePlan plan, io.github.batchtranscode.model.Backend backendKind, ListenerDispatcher events, Clock clock,
            Instant submitted) {
        this.plan = plan;
        this.backendKind = backendKind;
        this.backendName = backendKind.json();
        this.events = events;
        this.clock = clock;
        this.startTime = submitted != null ? submitted : clock.instant();
        if (submitted != null) {
            // planning and the backend's start belong to the run: the phases then add up to its whole time
            phaseStarts.put(Phase.PLANNING, submitted);
        }
        for (PlannedFile f : plan.files()) {
            planned.put(f.taskId(), f);
            rows.put(f.taskId(), Rows.pending(f));
        }
    }

    /**
     * Starts {@code plan} on {@code backend}.
     *
     * @param overallTimeout cancels the run and fails the job with {@link TranscodeTimeoutException} after this
     *                       long; {@code null} for none
     */
    public static DefaultTranscodeJob start(Backend backend, TranscodePlan plan, ListenerDispatcher events,
            Clock clock, Duration overallTimeout) {
        return start(backend, plan, events, clock, overallTimeout, null);
    }

    /**
     * Starts {@code plan} on {@code backend} for a run submitted at {@code submitted}: its report starts then, with
     * a {@code planning} phase that lasts until the backend announces its first phase.
     */
    public static DefaultTranscodeJob start(Backend backend, TranscodePlan plan, ListenerDispatcher events,
            Clock clock, Duration overallTimeout, Instant submitted) {
        return start(backend, plan, events, clock, Schedulers.shared(), overallTimeout, submitted);
    }

    /**
     * As {@link #start(Backend, TranscodePlan, ListenerDispatcher, Clock, Duration, Instant)}, with the overall
     * timeout's deadline and the progress heartbeat on {@code scheduler}; both are cancelled when the job ends.
     */
    public static DefaultTranscodeJob start(Backend backend, TranscodePlan plan, ListenerDispatcher events,
            Clock clock, ScheduledExecutorService scheduler, Duration overallTimeout, Instant submitted) {
        DefaultTranscodeJob job = new DefaultTranscodeJob(plan, backend.kind(), events, clock, submitted);
        job.time = SessionTime.of(clock, scheduler);
        job.overallTimeout = overallTimeout;
        if (overallTimeout != null) {
            job.deadline = scheduler.schedule(job::expire, overallTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        job.heartbeat = scheduler.scheduleAtFixedRate(job::heartbeat, HEARTBEAT.toMillis(),
                HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (!plan.files().isEmpty()) {
            LOG.info("[{}] run started on the {} backend: {} file(s)", events.name(), backend.name(), plan.files().size());
        }
        try {
            job.execution = backend.start(plan, job);
            if (job.cancelRequested) {
                job.cancelExecution(); // cancel() or the overall timeout came while the backend was starting
            }
        } catch (TranscodeException e) {
            job.fail(e);
        } catch (RuntimeException e) {
            job.fail(new io.github.batchtranscode.BackendException("the " + backend.name() + " backend failed to start: "
                    + e.getMessage(), e));
        }
        return job;
    }

    @Override
    public String id() {
        Execution e = execution;
        return e != null ? e.id() : plan.runId();
    }

    @Override
    public CompletableFuture<TranscodeReport> completion() {
        return completion;
    }

    /** Waits on the session's time: a manual scheduler decides when {@code timeout} has passed. */
    @Override
    public TranscodeReport await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        return await(timeout, true);
    }

    private TranscodeReport await(Duration timeout, boolean bounded) {
        try {
            if (bounded && !time.await(completion, timeout)) {
                throw new io.github.batchtranscode.AwaitTimeoutException("job " + id() + " did not finish within the "
                        + timeout + " await waited: " + progress().done() + " of " + plan.files().size()
                        + " files done; the job keeps running: await() again, or call cancel() to stop it", id(),
                        timeout, report());
            }
            return completion.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.github.batchtranscode.TranscodeInterruptedException("interrupted while waiting for job "
                    + id() + "; the job keeps running: call cancel() to stop it, or await() again", report(), e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            throw new TranscodeCancelledException("job " + id() + " was cancelled", report());
        }
    }

    @Override
    public TranscodeReport await() {
        return await(null, false);
    }

    private TranscodeException unwrap(Throwable cause) {
        if (cause instanceof TranscodeException te) {
            return te;
        }
        return new io.github.batchtranscode.BackendException("job " + id() + " failed: " + cause, cause);
    }

    @Override
    public void cancel() {
        if (completion.isDone() || cancelRequested) {
            return;
        }
        cancelRequested = true;
        cancelExecution();
    }

    /** Asks the backend to stop, once, as soon as there is an execution to stop. */
    private void cancelExecution() {
        Execution e = execution;
        if (e == null || !executionCancelled.compareAndSet(false, true)) {
            return;
        }
        try {
            e.cancel();
        } catch (RuntimeException ex) {
            LOG.warn("cancelling job {} failed: {}", id(), ex.toString());
        }
    }

    /**
     * Runs on the session's scheduler, whose tasks must not block: the cancel (an Azure run's waits until its job
     * is terminated) runs on a thread of its own.
     */
    private void expire() {
        if (!completion.isDone()) {
            LOG.warn("job {} reached its runTimeout ({}); cancelling it", id(), overallTimeout);
            timedOut = true;
            Schedulers.daemon("batch-transcode-timeout").newThread(this::cancel).start();
        }
    }

    @Override
    public synchronized TranscodeReport report() {
        return report(false);
    }

    @Override
    public synchronized ProgressSnapshot progress() {
        int s = 0;
        int f = 0;
        int r = 0;
        for (FileResult row : rows.values()) {
            switch (row.status()) {
                case SUCCEEDED -> s++;
                case FAILED -> f++;
                case RUNNING -> r++;
                default -> { }
            }
        }
        int total = rows.size();
        Instant now = clock.instant();
        Duration elapsed = Duration.between(startTime, now);
        double rate = 0;
        Duration eta = null;
        if (firstStart != null && s + f > 0) {
            double secs = Math.max(0.001, Duration.between(firstStart, now).toMillis() / 1000.0);
            rate = (s + f) / secs;
            eta = Duration.ofMillis((long) ((total - s - f) / rate * 1000));
        }
        return new ProgressSnapshot(total, s, f, r, total - s - f - r, elapsed, rate, eta);
    }

    /**
     * Keeps elapsed time, throughput and ETA moving for listeners while files run (an Azure poll or a long file
     * can leave minutes without a start or end), and delivers counts the 200 ms throttle held back.
     */
    private synchronized void heartbeat() {
        if (!ended && (firstStart != null || phaseStarts.containsKey(Phase.RUNNING))) {
            events.progress(progress(), false);
        }
    }

    // ---- ExecutionSink ----

    @Override
    public void phase(Phase phase, String message) {
        tell(phase, message, false);
    }

    @Override
    public void detail(Phase phase, String message) {
        tell(phase, message, true);
    }

    private void tell(Phase phase, String message, boolean detail) {
        synchronized (this) {
            if (!detail) { // per-file steps overlap other phases: they are busy time, not the phase's start
                phaseStarts.putIfAbsent(phase, clock.instant());
            }
            events.phase(Loggers.backend(backendName), detail, phase, message, clock.instant());
        }
    }

    @Override
    public void busy(Phase phase, Instant start, Instant end) {
        activities.add(phase, start, end);
    }

    @Override
    public void started(String taskId, String worker) {
        synchronized (this) {
            FileResult current = rows.get(taskId);
            if (current == null || current.status().isTerminal()) {
                return;
            }
            Instant now = clock.instant();
            if (firstStart == null) {
                firstStart = now;
            }
            FileResult row = Rows.running(current, worker, now);
            rows.put(taskId, row);
            // queued under the lock so listeners see events, and progress counts, in the order they happened
            events.started(row);
            events.progress(progress(), false);
        }
    }

    @Override
    public void finished(FileResult reported) {
        // a backend stopped by the overall timeout reports CANCELLED: the user never cancelled, a deadline passed
        FileResult result = timedOut && reported.failureCode() == FailureCode.CANCELLED
                ? Rows.withFailure(reported, FailureCode.TIMEOUT, timeoutReason()) : reported;
        synchronized (this) {
            FileResult current = rows.get(result.taskId());
            if (current == null) {
                LOG.warn("ignoring a result for unknown task {} ({})", result.taskId(), result.input());
                return;
            }
            if (current.status().isTerminal()) {
                LOG.debug("ignoring a second result for task {}", result.taskId());
                return;
            }
            if (!result.status().isTerminal()) {
                throw new IllegalArgumentException("a finished file needs a final status: " + result);
            }
            rows.put(result.taskId(), result);
            events.finished(result);
            events.progress(progress(), false);
        }
    }

    @Override
    public void retried(long count) {
        retries.addAndGet(count);
    }

    @Override
    public synchronized void warn(String warning) {
        LOG.warn("{}", warning);
        warnings.add(warning);
    }

    @Override
    public void jobTimeLimitPassed(Duration after) {
        jobTimeLimit = Objects.requireNonNull(after, "after == null");
    }

    @Override
    public void complete() {
        FailureCode code = timedOut || jobTimeLimit != null ? FailureCode.TIMEOUT
                : cancelRequested ? FailureCode.CANCELLED : FailureCode.LOST;
        String why = timedOut ? timeoutReason()
                : jobTimeLimit != null ? "job " + id() + " reached its maximum run time (AzureOptions.jobMaxRunTime "
                        + jobTimeLimit + ") before this file finished; run the request again with"
                        + " OverwritePolicy.SKIP_EXISTING to redo only the missing files"
                : cancelRequested ? "cancelled before this file finished"
                : "the backend ended without a result for this file";
        end(code, why, null);
    }

    @Override
    public void fail(TranscodeException error) {
        if (cancelRequested) {
            // what failed was the stopping itself (an interrupted upload or request): the job was cancelled
            LOG.debug("job {} failed while it was being cancelled", id(), error);
            complete();
            return;
        }
        end(FailureCode.RUN_FAILED, error.getMessage(), error);
    }

    /** Ends the job once: files without a final row fail with {@code code} and {@code why}. */
    private void end(FailureCode code, String why, TranscodeException error) {
        TranscodeReport report;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            Instant now = clock.instant();
            for (Map.Entry<String, FileResult> e : rows.entrySet()) {
                if (!e.getValue().status().isTerminal()) {
                    e.setValue(Rows.failed(planned.get(e.getKey()), e.getValue(), code, why, now));
                }
            }
            report = report(true);
        }
        finish(report, error);
    }

    private String timeoutReason() {
        return "the run's runTimeout (" + overallTimeout + ") passed before this file finished";
    }

    @Override
    public boolean cancelled() {
        return cancelRequested;
    }

    private void finish(TranscodeReport report, TranscodeException error) {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
        ScheduledFuture<?> h = heartbeat;
        if (h != null) {
            h.cancel(false);
        }
        events.phase(Phase.DONE, report.succeeded() + " succeeded, " + report.failed() + " failed", clock.instant());
        events.progress(progress(), true);
        events.close();
        if (error != null) {
            completion.completeExceptionally(error);
        } else if (timedOut) {
            completion.completeExceptionally(new TranscodeTimeoutException("job " + id() + " reached its runTimeout ("
                    + overallTimeout + ") and was cancelled; its unfinished files are FAILED with TIMEOUT: raise"
                    + " TranscodeSession.Builder.runTimeout, or rerun with OverwritePolicy.SKIP_EXISTING",
                    overallTimeout, report));
        } else if (jobTimeLimit != null && !report.allSucceeded()) {
            completion.completeExceptionally(new TranscodeTimeoutException("job " + id() + " reached its"
                    + " AzureOptions.jobMaxRunTime (" + jobTimeLimit + ") and the Batch service ended it; its"
                    + " unfinished files are FAILED with TIMEOUT: raise AzureOptions.Builder.jobMaxRunTime (or add"
                    + " nodes), or rerun with OverwritePolicy.SKIP_EXISTING", TranscodeTimeoutException.Limit
                    .JOB_MAX_RUN_TIME, jobTimeLimit, report));
        } else if (cancelRequested && !report.allSucceeded()) {
            completion.completeExceptionally(new TranscodeCancelledException("job " + id() + " was cancelled", report));
        } else {
            completion.complete(report);
        }
    }

    private TranscodeReport report(boolean isFinal) {
        Instant end = clock.instant();
        Map<String, Double> phases = new LinkedHashMap<>();
        List<Map.Entry<Phase, Instant>> starts = new ArrayList<>(phaseStarts.entrySet());
        for (int i = 0; i < starts.size(); i++) {
            Instant from = starts.get(i).getValue();
            Instant to = i + 1 < starts.size() ? starts.get(i + 1).getValue() : end;
            phases.put(starts.get(i).getKey().key(), Duration.between(from, to).toMillis() / 1000.0);
        }
        boolean complete = isFinal && rows.values().stream().allMatch(r -> r.status().isTerminal());
        return TranscodeReport.builder().jobId(id()).backend(backendKind).complete(complete)
                .files(new ArrayList<>(rows.values())).startTime(startTime).endTime(end).phaseSeconds(phases)
                .retries(retries.get()).warnings(warnings)
                .timeline(activities.timeline(phaseStarts, rows.values(), startTime, end)).build();
    }

    /** Whether the row of every file is final; for tests. */
    synchronized boolean allFinal() {
        return rows.values().stream().map(FileResult::status).allMatch(FileStatus::isTerminal);
    }
}
