package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.AwaitTimeoutException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.time.ManualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An Azure run counts its time on the session's clock and scheduler, against the emulator driven by the real
 * azure-batch client and Azurite: with {@link ManualTime}, the monitor polls only when the session's time says a
 * poll interval has passed, {@code await(Duration)} gives up on that time while the job goes on, and the
 * {@code runTimeout} cancels the job on the service when that time reaches it. Nothing here waits for a duration of
 * real time: each real wait is for something to happen (a timer to be set, a task to complete on the service).
 */
class AzureSessionTimeIT extends AzureIT {
    private static final Duration POLL = Duration.ofMinutes(10);
    private final ManualTime time = ManualTime.create();

    @Test
    void theMonitorPollsOnTheSessionsTimeAndAwaitGivesUpWhileTheJobGoesOn(Azurite azurite) throws Exception {
        // one slot, two 5-s tasks: the monitor's first poll, right after they are added, finds them unfinished
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(Duration.ofSeconds(5)))
                .poolSize(1, 1);
        TranscodeJob job = azure.session(azure.options().pollInterval(POLL).jobMaxRunTime(Duration.ofMinutes(30))
                .build(), time, null).submit(simulatedRequest(2));
        time.awaitTimer(POLL, AzureHarness.WAIT); // the first poll is done: the monitor waits for the next
        long polls = polls();
        AzureHarness.await("both tasks completed on the service", AzureHarness.WAIT,
                () -> azure.batch().tasks(job.id(), "state eq 'completed'", "id").size(), n -> n == 2);

        assertThat(polls()).as("polls while no session time passed").isEqualTo(polls);
        assertThat(job.progress().done()).as("what the client has seen").isZero();

        Duration patience = Duration.ofMinutes(4);
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> catchThrowable(() -> job.await(patience)));
        time.awaitTimer(patience, AzureHarness.WAIT);
        time.advance(patience);
        Throwable gaveUp = waiter.get(1, TimeUnit.MINUTES);

        assertThat(gaveUp).isInstanceOf(AwaitTimeoutException.class).hasMessageContaining("keeps running");
        assertThat(((AwaitTimeoutException) gaveUp).partialReport().complete()).isFalse();
        assertThat(job.completion()).as("the job goes on").isNotDone();
        assertThat(polls()).as("4 of the 10 minutes passed: no poll yet").isEqualTo(polls);

        time.advance(POLL.minus(patience)); // the poll interval has passed: the monitor polls and sees both done
        TranscodeReport report = job.completion().get(AzureHarness.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(report.allSucceeded()).isTrue();
        assertThat(polls()).as("one poll for the one interval that passed").isEqualTo(polls + 1);
    }

    @Test
    void theRunTimeoutCancelsTheJobOnTheServiceWhenTheSessionsTimeReachesIt(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(Duration.ofMinutes(10)))
                .poolSize(1, 1);
        Duration runTimeout = Duration.ofHours(2);
        TranscodeJob job = azure.session(azure.options().pollInterval(POLL).jobMaxRunTime(Duration.ofHours(3))
                .build(), time, runTimeout).submit(simulatedRequest(3));
        time.awaitTimer(POLL, AzureHarness.WAIT);
        AzureHarness.await("a task running", AzureHarness.WAIT, () -> azure.emulator.busyNodes(azure.poolId()),
                busy -> busy.size() == 1);

        time.advance(runTimeout.minusNanos(1));
        assertThat(job.completion()).as("a nanosecond before the runTimeout").isNotDone();
        time.advance(Duration.ofNanos(1));
        Throwable failure = catchThrowable(() -> job.completion().get(AzureHarness.WAIT.toSeconds(), TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TranscodeTimeoutException.class)
                .hasMessageContaining("runTimeout (PT2H)");
        TranscodeTimeoutException e = (TranscodeTimeoutException) failure.getCause();
        assertThat(e.limit()).isEqualTo(TranscodeTimeoutException.Limit.RUN_TIMEOUT);
        assertThat(e.partialReport().files()).hasSize(3)
                .allSatisfy(r -> assertThat(r.failureCode()).isEqualTo(FailureCode.TIMEOUT));
        CloudJob onService = azure.batch().job(job.id()).orElseThrow();
        assertThat(onService.state()).isIn(JobState.TERMINATING, JobState.COMPLETED);
        assertThat(onService.executionInfo().terminateReason()).isEqualTo("UserTerminate");
        AzureHarness.await("no task left running", AzureHarness.WAIT, () -> azure.emulator.busyNodes(azure.poolId()),
                busy -> busy.isEmpty());
    }

    private long polls() {
        return azure.emulator.stats().operation("Job_GetTaskCounts").requests();
    }

    private TranscodeRequest simulatedRequest(int files) throws Exception {
        AzureHarness.placeholders(tmp.resolve("in"), files);
        return AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false).build();
    }
}
