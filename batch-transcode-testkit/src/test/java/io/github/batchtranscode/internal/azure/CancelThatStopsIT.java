package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeInterruptedException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.batch.BatchFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cancel()} and {@code close()} stop the work before they return: whatever the run was doing (uploading,
 * waiting out a retry backoff, monitoring; submitted or attached), the Batch job is terminating or completed in
 * the emulator — or was never created — the moment the call returns, read without polling. An interrupted
 * {@code await} leaves the job running and says so.
 */
@ExtendWith(AzuriteExtension.class)
class CancelThatStopsIT {
    /** Simulated tasks that hold their slot far longer than any test waits. */
    private static final Duration LONG_TASK = Duration.ofMinutes(10);
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    private static boolean stopped(JobState state) {
        return state == JobState.TERMINATING || state == JobState.COMPLETED;
    }

    private TranscodeRequest simulatedRequest(int files) throws Exception {
        AzureHarness.placeholders(tmp.resolve("in"), files);
        return AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false).build();
    }

    private TranscodeJob runningJob(TranscodeSession session) throws Exception {
        TranscodeJob job = session.submit(simulatedRequest(3));
        AzureHarness.await("tasks running", AzureHarness.WAIT, () -> azure.emulator.busyNodes(azure.poolId()),
                busy -> busy.size() == 2);
        return job;
    }

    @Test
    void cancelDuringStagingReturnsWithNoJobAndNoPool(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        byte[] data = new byte[256 * 1024];
        for (int i = 0; i < 120; i++) {
            data[0] = (byte) i;
            Files.write(in.resolve("big-" + i + ".mp4"), data);
        }
        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeJob job = azure.session(azure.options().transferParallelism(1).build())
                .submit(AzureHarness.request(in, tmp.resolve("out")).build(), phases);
        AzureHarness.await("uploads under way", AzureHarness.WAIT, phases::messages,
                m -> m.stream().anyMatch(x -> x.startsWith("Uploading file")));

        job.cancel();

        assertThat(azure.emulator.stats().operation("Job_Add").requests()).as("jobs created").isZero();
        assertThat(azure.emulator.stats().operation("Pool_Add").requests()).as("pools created").isZero();
        assertThat(catchThrowable(() -> job.await(AzureHarness.WAIT))).isInstanceOf(TranscodeCancelledException.class);
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).as("jobs created later").isZero();
    }

    @Test
    void cancelDuringARetryBackoffTerminatesTheJobWithoutWaitingOutTheRetries(Azurite azurite) throws Exception {
        BatchFaults faults = BatchFaults.create().errorRate(1.0).errorStatuses(429)
                .errorOperations(Set.of("Job_GetTaskCounts")); // every poll is throttled: the monitor backs off
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(LONG_TASK).faults(faults));
        TranscodeJob job = azure.session().submit(simulatedRequest(3));
        AzureHarness.await("a throttled poll being retried", AzureHarness.WAIT,
                () -> azure.emulator.stats().operation("Job_GetTaskCounts").errors(), n -> n >= 2);

        job.cancel();

        assertThat(azure.batch().job(job.id()).orElseThrow().state()).matches(CancelThatStopsIT::stopped);
        assertThat(catchThrowable(() -> job.await(AzureHarness.WAIT))).isInstanceOf(TranscodeCancelledException.class);
        assertThat(azure.emulator.stats().operation("Job_GetTaskCounts").requests())
                .as("polls: the retrier stopped instead of making its 10 attempts").isLessThan(10);
    }

    @Test
    void cancelDuringMonitoringReturnsWithTheJobTerminated(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(LONG_TASK));
        TranscodeJob job = runningJob(azure.session());

        job.cancel();

        assertThat(azure.batch().job(job.id()).orElseThrow().state()).matches(CancelThatStopsIT::stopped);
        TranscodeCancelledException e = catchThrowableOfType(TranscodeCancelledException.class,
                () -> job.await(AzureHarness.WAIT));
        assertThat(e.partialReport().files()).allSatisfy(r -> assertThat(r.failureCode()).isEqualTo(FailureCode.CANCELLED));
    }

    @Test
    void closeCancelsAnAttachedJobBeforeItReturns(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(LONG_TASK));
        TranscodeJob submitted = runningJob(azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build()));
        TranscodeSession other = TranscodeSession.builder().azure(azure.options().build()).build();
        TranscodeJob attached = other.attach(submitted.id(), null);

        other.close();
        other.close(); // idempotent

        assertThat(azure.batch().job(submitted.id()).orElseThrow().state()).matches(CancelThatStopsIT::stopped);
        assertThat(catchThrowable(() -> attached.await(AzureHarness.WAIT)))
                .isInstanceOf(TranscodeCancelledException.class);
    }

    @Test
    void closeFromManyThreadsAtOnceReturnsInEachWithTheJobTerminated(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(LONG_TASK));
        TranscodeSession session = TranscodeSession.builder().azure(azure.options().build()).build();
        TranscodeJob job = runningJob(session);
        Thread[] closers = new Thread[4];
        AtomicBoolean allSawItStopped = new AtomicBoolean(true);
        for (int i = 0; i < closers.length; i++) {
            closers[i] = new Thread(() -> {
                session.close();
                if (!stopped(azure.batch().job(job.id()).orElseThrow().state())) {
                    allSawItStopped.set(false);
                }
            });
            closers[i].start();
        }
        for (Thread t : closers) {
            t.join(Duration.ofMinutes(2).toMillis());
        }

        assertThat(allSawItStopped).as("every close() returned after the job was terminated").isTrue();
        assertThat(catchThrowable(() -> job.await(AzureHarness.WAIT))).isInstanceOf(TranscodeCancelledException.class);
    }

    @Test
    void anInterruptedAwaitLeavesTheJobRunningAndKeepsTheInterrupt(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(LONG_TASK));
        TranscodeJob job = runningJob(azure.session());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            thrown.set(catchThrowable(job::await));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        AzureHarness.await("the waiter waiting", AzureHarness.WAIT, waiter::getState,
                s -> s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING);

        waiter.interrupt();
        waiter.join(Duration.ofMinutes(1).toMillis());

        assertThat(thrown.get()).isInstanceOf(TranscodeInterruptedException.class)
                .hasMessageContaining("keeps running").hasMessageContaining("cancel()");
        assertThat(flagKept).as("interrupt flag set again").isTrue();
        assertThat(job.completion()).isNotDone();
        assertThat(azure.batch().job(job.id()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        job.cancel();
    }
}
