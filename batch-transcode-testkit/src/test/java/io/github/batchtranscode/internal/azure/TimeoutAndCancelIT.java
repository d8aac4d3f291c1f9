package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.AwaitTimeoutException;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Nothing hangs: {@code await(Duration)} gives up on time with a partial report, and a job that reaches its
 * maximum run time is ended by the Batch service itself — so it ends even when its client is gone — and the run
 * reports every file at once instead of waiting for tasks that can no longer run. (Cancel and the local backend's
 * ffmpeg processes are covered by {@code AzureCancelIT} and the core's {@code CancelAndTimeoutIT}.)
 */
class TimeoutAndCancelIT extends AzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @Test
    void awaitEndsWithinOnePollIntervalOfItsDeadlineWithAPartialReport(Azurite azurite) throws Exception {
        // One node with one slot runs the six tasks one after another, so the job outlasts the 2-s deadline
        // however fast the machine: pools now get the nodes they ask for, and six parallel tasks could all end first.
        azure = AzureHarness.start(azurite).poolSize(1, 1);
        Path in = tmp.resolve("in");
        MEDIA.tutorialClips(in, 6, Duration.ofSeconds(40));
        Duration poll = Duration.ofSeconds(1);
        TranscodeJob job = azure.session(azure.options().pollInterval(poll).build())
                .submit(AzureHarness.request(in, tmp.resolve("out")).build());
        AzureHarness.await("a task running", AzureHarness.WAIT, () -> job.progress().running(), n -> n > 0);

        Duration deadline = Duration.ofSeconds(2);
        long t0 = System.nanoTime();
        AwaitTimeoutException e = catchThrowableOfType(() -> job.await(deadline), AwaitTimeoutException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).isBetween(deadline, deadline.plus(poll));
        assertThat(e.partialReport().complete()).isFalse();
        assertThat(e.partialReport().files()).hasSize(6)
                .anyMatch(r -> !r.status().isTerminal());
        assertThat(e.getMessage()).contains(job.id(), "keeps running");
        job.cancel();
        System.out.printf("TimeoutAndCancelIT: await(%s) returned after %d ms%n", deadline, took.toMillis());
    }

    @Test
    void theServiceEndsAJobAtItsMaximumRunTimeAndTheRunReportsEveryFileAtOnce(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite).poolSize(1, 1);
        Path in = tmp.resolve("in");
        MEDIA.tutorialClips(in, 24, Duration.ofSeconds(20));
        Duration maxRunTime = Duration.ofSeconds(6);
        // the session sets no runTimeout: only the job's maximum run time on the service can end it
        TranscodeSession session = TranscodeSession.builder()
                .azure(azure.options().jobMaxRunTime(maxRunTime).build()).build();
        long t0 = System.nanoTime();

        TranscodeReport report = session.submit(AzureHarness.request(in, tmp.resolve("out")).build())
                .await(AzureHarness.WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        session.close();

        CloudJob job = azure.batch().job(report.jobId()).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.executionInfo().terminateReason()).isEqualTo("MaxWallClockTimeExpiry");
        assertThat(report.complete()).isTrue();
        assertThat(report.files()).hasSize(24).allSatisfy(r -> {
            assertThat(r.status().isTerminal()).isTrue();
            if (r.status() == FileStatus.FAILED) {
                assertThat(r.failureCode()).as(r.input()).isEqualTo(FailureCode.TIMEOUT);
            }
        });
        assertThat(report.files()).as("files whose task never ran").filteredOn(r -> r.startTime() == null)
                .isNotEmpty().allSatisfy(r -> assertThat(r.error()).contains(report.jobId(), "maximum run time"));
        assertThat(took).as("no wait for tasks that can never run").isLessThan(maxRunTime.plusSeconds(30));
        assertThat(azure.emulator.busyNodes(azure.poolId())).as("tasks left running").isEmpty();
        System.out.printf("TimeoutAndCancelIT: job ended by the service after %d ms: %d succeeded, %d timed out%n",
                took.toMillis(), report.succeeded(), report.failed());
    }
}
