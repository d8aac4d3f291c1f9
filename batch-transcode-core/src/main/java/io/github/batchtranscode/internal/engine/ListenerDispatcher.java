package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TaskStarted;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Delivers one job's events to its listener one at a time, in order, on a thread of its own, so a slow or
 * throwing listener never stalls or fails the run. Progress events are throttled.
 */
public final class ListenerDispatcher {
    private static final Logger LOG = Loggers.JOB;
    private static final long PROGRESS_INTERVAL_MILLIS = 200;

    private final TranscodeListener listener;
    private static final long DRAIN_SECONDS = 10;

    private final ExecutorService thread;
    private final String threadPrefix;
    private final String jobName;
    private final Clock clock;
    private long lastProgress;
    private boolean anyProgress;

    public ListenerDispatcher(TranscodeListener listener, String jobName) {
        this(listener, jobName, Clock.systemUTC());
    }

    /** @param clock the time the 200 ms progress throttle reads (the session's clock) */
    public ListenerDispatcher(TranscodeListener listener, String jobName, Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock == null");
        this.listener = listener;
        this.jobName = jobName;
        this.threadPrefix = "batch-transcode-events-" + jobName;
        this.thread = Executors.newSingleThreadExecutor(Schedulers.daemon(threadPrefix));
    }

    /** The run's id, as every log line of the run shows it. */
    public String name() {
        return jobName;
    }

    /** A step of the run's own lifecycle (planning, done): logged at INFO under {@link Loggers#JOB}. */
    public void phase(Phase phase, String message, Instant at) {
        phase(LOG, false, phase, message, at);
    }

    /**
     * A step told by a component: logged under that component's logger, at DEBUG when it is per-file detail and at
     * INFO otherwise, each line prefixed with the run's id; the listener receives every step alike.
     */
    public void phase(Logger log, boolean detail, Phase phase, String message, Instant at) {
        if (detail) {
            log.debug("[{}] {}", jobName, message);
        } else {
            log.info("[{}] {}", jobName, message);
        }
        deliver(() -> listener.onPhase(new PhaseEvent(phase, message, at)));
    }

    public void started(FileResult row) {
        deliver(() -> listener.onTaskStarted(new TaskStarted(row.input(), row.taskId(), row.worker(), row.startTime())));
    }

    public void finished(FileResult row) {
        deliver(() -> listener.onTaskFinished(row));
    }

    /** Delivers a progress snapshot unless one went out very recently; {@code force} always delivers. */
    public synchronized void progress(ProgressSnapshot snapshot, boolean force) {
        long now = clock.millis();
        if (!force && anyProgress && now - lastProgress < PROGRESS_INTERVAL_MILLIS) {
            return;
        }
        anyProgress = true;
        lastProgress = now;
        deliver(() -> listener.onProgress(snapshot));
    }

    /**
     * Delivers what is queued, then stops the thread; waits (bounded) for the delivery so that a job's future
     * completes only after its listener has seen every event. Called from the listener's own thread, it does not wait.
     */
    public void close() {
        thread.shutdown();
        if (Thread.currentThread().getName().startsWith(threadPrefix)) {
            return;
        }
        try {
            if (!thread.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a TranscodeListener is still busy after {} s; completing the job without waiting for it", DRAIN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Runnable call) {
        try {
            thread.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("a TranscodeListener threw; the run goes on", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("event after the job ended dropped");
        }
    }
}
