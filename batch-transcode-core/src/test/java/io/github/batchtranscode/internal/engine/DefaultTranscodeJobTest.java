package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.AwaitTimeoutException;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TaskStarted;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefaultTranscodeJobTest {
    private static final PlannedFile A = new PlannedFile("a-1", "a.mp4", Path.of("/in/a.mp4"), "a.mp3", 10);
    private static final PlannedFile B = new PlannedFile("b-2", "b.mp4", Path.of("/in/b.mp4"), "b.mp3", 20);
    private static final PlannedFile C = new PlannedFile("c-3", "c.mp4", Path.of("/in/c.mp4"), "c.mp3", 30);
    private static final TranscodePlan PLAN = new TranscodePlan("run-1",
            TranscodeRequest.builder().inputDirectory(Path.of("/in")).outputDirectory(Path.of("/out")).build(),
            List.of(A, B, C));

    private final Recorder listener = new Recorder();

    @Test
    void everyPlannedFileEndsInTheReportEvenIfTheBackendNeverReportsIt() {
        FakeBackend backend = new FakeBackend();
        DefaultTranscodeJob job = start(backend, null);

        backend.sink.finished(succeeded(A));
        backend.sink.complete();

        TranscodeReport report = job.await(Duration.ofSeconds(5));
        assertThat(report.complete()).isTrue();
        assertThat(report.files()).extracting(FileResult::input).containsExactly("a.mp4", "b.mp4", "c.mp4");
        assertThat(report.files()).extracting(FileResult::status)
                .containsExactly(FileStatus.SUCCEEDED, FileStatus.FAILED, FileStatus.FAILED);
        assertThat(report.failedFiles()).allSatisfy(f -> {
            assertThat(f.failureCode()).isEqualTo(FailureCode.LOST);
            assertThat(f.error()).contains("without a result");
        });
        assertThat(report.succeeded()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(2);
    }

    @Test
    void aSecondResultForAFileAndResultsForUnknownFilesAreIgnored() {
        FakeBackend backend = new FakeBackend();
        DefaultTranscodeJob job = start(backend, null);

        backend.sink.finished(succeeded(A));
        backend.sink.finished(failed(A, "late duplicate"));
        backend.sink.finished(succeeded(new PlannedFile("zz-9", "zz.mp4", Path.of("/in/zz.mp4"), "zz.mp3", 1)));
        backend.sink.finished(succeeded(B));
        backend.sink.finished(succeeded(C));
        backend.sink.complete();

        TranscodeReport report = job.await(Duration.ofSeconds(5));
        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.files()).hasSize(3);
        assertThat(listener.finished).extracting(FileResult::input).containsExactlyInAnyOrder("a.mp4", "b.mp4", "c.mp4");
    }

    @Test
    void listenerExceptionsAreSwallowedAndEventsArriveInOrderBeforeCompletion() {
        listener.throwEverywhere = true;
        FakeBackend backend = new FakeBackend();
        DefaultTranscodeJob job = start(backend, null);

        backend.sink.phase(Phase.RUNNING, "Transcoding 3 files");
        for (PlannedFile f : PLAN.files()) {
            backend.sink.started(f.taskId(), "w1");
            backend.sink.finished(succeeded(f));
        }
        backend.sink.complete();
        TranscodeReport report = job.await(Duration.ofSeconds(5));

        assertThat(report.allSucceeded()).isTrue();
        assertThat(listener.events).startsWith("phase:RUNNING")
                .containsSubsequence("started:a.mp4", "finished:a.mp4", "started:b.mp4", "finished:b.mp4",
                        "started:c.mp4", "finished:c.mp4", "phase:DONE")
                .endsWith("progress:3/3");
        assertThat(listener.progress).extracting(ProgressSnapshot::done).isSorted();
    }

    @Test
    void progressCountsWhatIsRunningAndPending() {
        FakeBackend backend = new FakeBackend();
        DefaultTranscodeJob job = start(backend, null);

        backend.sink.started(A.taskId(), "w1");
        backend.sink.finished(failed(A, "boom"));
        backend.sink.started(B.taskId(), "w2");

        ProgressSnapshot p = job.progress();
        assertThat(p.total()).isEqualTo(3);
        assertThat(p.failed()).isEqualTo(1);
        assertThat(p.running()).isEqualTo(1);
        assertThat(p.pending()).isEqualTo(1);
        assertThat(p.filesPerSecond()).isPositive();
    }

    @Test
    void awaitGivesUpOnTheSessionsTimeWithThePartialReportAndTheJobGoesOn() throws Exception {
        FakeBackend backend = new FakeBackend();
        ManualTime time = new ManualTime();
        DefaultTranscodeJob job = start(backend, null, time);
        backend.sink.finished(succeeded(A));
        backend.sink.started(B.taskId(), "w1");
        Duration patience = Duration.ofHours(3);

        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> catchThrowable(() -> job.await(patience)));
        time.awaitTimer(patience, Duration.ofSeconds(30));
        time.advance(patience.minusNanos(1));
        assertThat(waiter).as("the deadline is the session's time, not the wall clock's").isNotDone();
        time.advance(Duration.ofNanos(1));

        Throwable thrown = waiter.get(30, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(AwaitTimeoutException.class).isNotInstanceOf(TranscodeTimeoutException.class)
                .hasMessageContaining("1 of 3").hasMessageContaining("keeps running").hasMessageContaining("cancel()");
        AwaitTimeoutException e = (AwaitTimeoutException) thrown;
        assertThat(e.jobId()).isEqualTo(job.id());
        assertThat(e.waited()).isEqualTo(patience);
        TranscodeReport partial = e.partialReport();
        assertThat(partial.complete()).isFalse();
        assertThat(partial.files()).extracting(FileResult::status)
                .containsExactly(FileStatus.SUCCEEDED, FileStatus.RUNNING, FileStatus.PENDING);
        assertThat(partial.files().get(1).worker()).isEqualTo("w1");
        assertThat(job.completion()).isNotDone();
        assertThat(backend.cancelled).isFalse();
        assertThat(time.pending()).as("the await's timer is gone; only the heartbeat is left")
                .containsExactly(DefaultTranscodeJob.HEARTBEAT);

        backend.sink.finished(succeeded(B));
        backend.sink.finished(succeeded(C));
        backend.sink.complete();
        assertThat(job.await(Duration.ofSeconds(5)).allSucceeded()).as("a done job answers without a timer").isTrue();
    }

    @Test
    void anAwaitThatIsAnsweredCancelsItsTimer() throws Exception {
        FakeBackend backend = new FakeBackend();
        ManualTime time = new ManualTime();
        DefaultTranscodeJob job = start(backend, null, time);
        CompletableFuture<TranscodeReport> waiter = CompletableFuture.supplyAsync(() -> job.await(Duration.ofDays(1)));
        time.awaitTimer(Duration.ofDays(1), Duration.ofSeconds(30));

        PLAN.files().forEach(f -> backend.sink.finished(succeeded(f)));
        backend.sink.complete();

        assertThat(waiter.get(30, TimeUnit.SECONDS).allSucceeded()).isTrue();
        assertThat(time.pending()).as("no timer of the await is left behind").isEmpty();
    }

    @Test
    void cancelStopsTheBackendAndFailsTheJobWithThePartialReport() {
        FakeBackend backend = new FakeBackend();
        backend.onCancel = FakeBackend::reportCancelledAndComplete;
        DefaultTranscodeJob job = start(backend, null);
        backend.sink.finished(succeeded(A));
        backend.sink.started(B.taskId(), "w1");

        job.cancel();
        job.cancel();

        assertThat(backend.cancelCalls).isEqualTo(1);
        TranscodeCancelledException e = catchThrowableOfType(TranscodeCancelledException.class,
                () -> job.await(Duration.ofSeconds(5)));
        assertThat(e.partialReport().files()).extracting(FileResult::status)
                .containsExactly(FileStatus.SUCCEEDED, FileStatus.FAILED, FileStatus.FAILED);
        assertThat(e.partialReport().failedFiles()).extracting(FileResult::failureCode).containsOnly(FailureCode.CANCELLED);
        assertThat(job.completion()).isCompletedExceptionally();
    }

    @Test
    void filesTheBackendDropsAfterCancelAreMarkedCancelled() {
        FakeBackend backend = new FakeBackend();
        backend.onCancel = b -> b.sink.complete();
        DefaultTranscodeJob job = start(backend, null);

        job.cancel();

        TranscodeCancelledException e = catchThrowableOfType(TranscodeCancelledException.class, job::await);
        assertThat(e.partialReport().files()).extracting(FileResult::failureCode).containsOnly(FailureCode.CANCELLED);
    }

    @Test
    void cancellingTheCompletionFutureCancelsTheJob() {
        FakeBackend backend = new FakeBackend();
        DefaultTranscodeJob job = start(backend, null);

        assertThat(job.completion().cancel(true)).isTrue();

        assertThat(backend.cancelled).isTrue();
        assertThatThrownBy(() -> job.await(Duration.ofSeconds(5))).isInstanceOf(TranscodeCancelledException.class);
    }

    @Test
    void theOverallTimeoutCancelsTheRunAndFailsTheJob() throws Exception {
        FakeBackend backend = new FakeBackend();
        backend.onCancel = FakeBackend::reportCancelledAndComplete;
        ManualTime time = new ManualTime();
        DefaultTranscodeJob job = start(backend, Duration.ofMinutes(30), time);
        backend.sink.finished(succeeded(A));

        time.advance(Duration.ofMinutes(30).minusNanos(1));
        assertThat(backend.cancelled).as("a nanosecond before the timeout").isFalse();
        assertThat(job.completion()).isNotDone();
        time.advance(Duration.ofNanos(1));

        Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                () -> job.completion().get(10, TimeUnit.SECONDS)).getCause();
        assertThat(backend.cancelled).isTrue();
        assertThat(failure).isInstanceOf(TranscodeTimeoutException.class).hasMessageContaining("runTimeout (PT30M)")
                .hasMessageContaining("was cancelled");
        assertThat(((TranscodeTimeoutException) failure).runTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(((TranscodeTimeoutException) failure).limit()).isEqualTo(TranscodeTimeoutException.Limit.RUN_TIMEOUT);
        assertThatThrownBy(() -> job.await(Duration.ofSeconds(1))).as("await reports the run's timeout, not its own")
                .isInstanceOf(TranscodeTimeoutException.class);
        TranscodeReport partial = ((TranscodeTimeoutException) failure).partialReport();
        assertThat(partial.files()).extracting(FileResult::status)
                .containsExactly(FileStatus.SUCCEEDED, FileStatus.FAILED, FileStatus.FAILED);
        assertThat(partial.failedFiles()).as("the user set a timeout and never cancelled").allSatisfy(f -> {
            assertThat(f.failureCode()).isEqualTo(FailureCode.TIMEOUT);
            assertThat(f.error()).contains("runTimeout").contains("PT30M");
        });
    }

    @Test
    void aJobTheServiceEndsAtItsMaxRunTimeFailsWithATimeoutLikeTheRunTimeoutButIsNotCancelled() {
        FakeBackend backend = new FakeBackend();
        DefaultTranscodeJob job = start(backend, null);
        backend.sink.finished(succeeded(A));
        backend.sink.jobTimeLimitPassed(Duration.ofHours(1));
        Instant now = Instant.now();
        backend.sink.finished(FileResult.builder().input(B.input()).status(FileStatus.FAILED)
                .error("job fake-job reached its maximum run time").failureCode(FailureCode.TIMEOUT).endTime(now)
                .taskId(B.taskId()).inputBytes(B.inputBytes()).build());
        backend.sink.complete(); // C was never reported: the engine fails it with TIMEOUT too

        TranscodeTimeoutException e = catchThrowableOfType(TranscodeTimeoutException.class, job::await);

        assertThat(e.limit()).isEqualTo(TranscodeTimeoutException.Limit.JOB_MAX_RUN_TIME);
        assertThat(e.runTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(e).hasMessageContaining("jobMaxRunTime (PT1H)").hasMessageContaining("SKIP_EXISTING");
        assertThat(e.partialReport().files()).extracting(FileResult::status)
                .containsExactly(FileStatus.SUCCEEDED, FileStatus.FAILED, FileStatus.FAILED);
        assertThat(e.partialReport().failedFiles()).extracting(FileResult::failureCode)
                .containsOnly(FailureCode.TIMEOUT);
        assertThat(e.partialReport().failedFiles().get(1).error()).contains("fake-job", "maximum run time",
                "jobMaxRunTime PT1H");
        assertThat(backend.cancelled).as("the service ended the job; the client cancelled nothing").isFalse();
    }

    @Test
    void aTimeoutThatExpiresWhileTheBackendIsStillStartingStillCancelsIt() {
        FakeBackend backend = new FakeBackend();
        ManualTime time = new ManualTime();
        backend.onStart = sink -> time.advance(Duration.ofMinutes(10)); // a slow start, e.g. staging, outlives the timeout
        backend.onCancel = b -> b.sink.complete();

        DefaultTranscodeJob job = start(backend, Duration.ofMinutes(5), time);

        assertThatThrownBy(() -> job.await(Duration.ofSeconds(10))).isInstanceOf(TranscodeTimeoutException.class);
        assertThat(backend.cancelled).isTrue();
    }

    @Test
    void aBackendThatCannotStartFailsTheJobWithoutThrowing() {
        FakeBackend config = new FakeBackend();
        config.onStart = sink -> {
            throw new ConfigurationException("output directory /x cannot be written");
        };
        FakeBackend broken = new FakeBackend();
        broken.onStart = sink -> {
            throw new IllegalStateException("bug");
        };

        DefaultTranscodeJob first = start(config, null);
        DefaultTranscodeJob second = start(broken, null);

        assertThatThrownBy(first::await).isInstanceOf(ConfigurationException.class).hasMessageContaining("/x");
        assertThatThrownBy(second::await).isInstanceOf(BackendException.class).hasMessageContaining("bug");
        assertThat(first.report().files()).extracting(FileResult::failureCode).containsOnly(FailureCode.RUN_FAILED);
    }

    private DefaultTranscodeJob start(FakeBackend backend, Duration timeout, ManualTime time) {
        return DefaultTranscodeJob.start(backend, PLAN, new ListenerDispatcher(listener, "test", time.clock()),
                time.clock(), time.scheduler(), timeout, null);
    }

    private DefaultTranscodeJob start(FakeBackend backend, Duration timeout) {
        return DefaultTranscodeJob.start(backend, PLAN, new ListenerDispatcher(listener, "test"), Clock.systemUTC(),
                timeout);
    }

    private static FileResult succeeded(PlannedFile f) {
        Instant now = Instant.now();
        return FileResult.builder().input(f.input()).output(f.output()).status(FileStatus.SUCCEEDED).exitCode(0)
                .inputDurationSeconds(2.0).outputDurationSeconds(2.0).startTime(now).endTime(now).attempts(1)
                .taskId(f.taskId()).worker("w1").inputBytes(f.inputBytes()).outputBytes(100L).build();
    }

    private static FileResult failed(PlannedFile f, String error) {
        Instant now = Instant.now();
        return FileResult.builder().input(f.input()).status(FileStatus.FAILED).exitCode(1).error(error)
                .failureCode(FailureCode.FFMPEG_EXIT).startTime(now).endTime(now).attempts(1).taskId(f.taskId())
                .worker("w1").inputBytes(f.inputBytes()).build();
    }

    /** A backend the test drives by hand through the sink it was given. */
    static final class FakeBackend implements Backend {
        ExecutionSink sink;
        volatile boolean cancelled;
        volatile int cancelCalls;
        java.util.function.Consumer<ExecutionSink> onStart = sink -> { };
        java.util.function.Consumer<FakeBackend> onCancel = b -> { };

        @Override
        public io.github.batchtranscode.model.Backend kind() {
            return io.github.batchtranscode.model.Backend.LOCAL;
        }

        @Override
        public Execution start(TranscodePlan plan, ExecutionSink sink) {
            this.sink = sink;
            onStart.accept(sink);
            return new Execution() {
                @Override
                public String id() {
                    return "fake-job";
                }

                @Override
                public void cancel() {
                    cancelCalls++;
                    cancelled = true;
                    onCancel.accept(FakeBackend.this);
                }
            };
        }

        void reportCancelledAndComplete() {
            for (PlannedFile f : PLAN.files()) {
                Instant now = Instant.now();
                sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED).error("cancelled")
                        .failureCode(FailureCode.CANCELLED).startTime(now).endTime(now).attempts(1).taskId(f.taskId())
                        .inputBytes(f.inputBytes()).build());
            }
            sink.complete();
        }

        @Override
        public void close() {
        }
    }

    /** Records every event, optionally throwing from each callback. */
    static final class Recorder implements TranscodeListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<FileResult> finished = new CopyOnWriteArrayList<>();
        final List<ProgressSnapshot> progress = new CopyOnWriteArrayList<>();
        volatile boolean throwEverywhere;

        @Override
        public void onPhase(PhaseEvent event) {
            events.add("phase:" + event.phase());
            maybeThrow();
        }

        @Override
        public void onTaskStarted(TaskStarted event) {
            events.add("started:" + event.input());
            maybeThrow();
        }

        @Override
        public void onTaskFinished(FileResult result) {
            events.add("finished:" + result.input());
            finished.add(result);
            maybeThrow();
        }

        @Override
        public void onProgress(ProgressSnapshot p) {
            events.add("progress:" + p.done() + "/" + p.total());
            progress.add(p);
            maybeThrow();
        }

        private void maybeThrow() {
            if (throwEverywhere) {
                throw new IllegalStateException("listener bug");
            }
        }
    }
}
