package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job that reaches its maximum run time is ended by the Batch service itself — so it ends even when its client is
 * gone — and the run then fails as after its {@code runTimeout}: {@link TranscodeTimeoutException} (limit
 * {@code JOB_MAX_RUN_TIME}) whose report has every file, the finished ones as they finished and the rest
 * {@code TIMEOUT} at once, without waiting for tasks that can no longer run. The service's clock is real, so this
 * test is too; the client's own deadlines ({@code runTimeout}, {@code await}) are proven on manual time by
 * {@code AzureSessionTimeIT}, cancel by {@code AzureCancelIT} and {@code CancelThatStopsIT}.
 */
class TimeoutAndCancelIT extends AzureIT {
    @Test
    void theServiceEndsAJobAtItsMaximumRunTimeAndTheRunFailsWithATimeoutReportingEveryFile(Azurite azurite)
            throws Exception {
        // one slot runs six 4-s tasks one after another: the 12-s limit ends the job with some never run, however
        // fast the machine (and however slow: a job ended while its tasks are added times out the same way)
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(Duration.ofSeconds(4)))
                .poolSize(1, 1);
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 6);
        Duration maxRunTime = Duration.ofSeconds(12);
        // the session sets no runTimeout: only the job's maximum run time on the service can end it
        TranscodeSession session = TranscodeSession.builder()
                .azure(azure.options().jobMaxRunTime(maxRunTime).build()).build();

        TranscodeTimeoutException e = catchThrowableOfType(TranscodeTimeoutException.class,
                () -> session.submit(AzureHarness.request(in, tmp.resolve("out")).verifyOutputs(false).build()).await(AzureHarness.WAIT));
        session.close();

        assertThat(e).as("the run fails: it did not finish").isNotNull()
                .hasMessageContaining("jobMaxRunTime (PT12S)").hasMessageContaining("SKIP_EXISTING");
        assertThat(e.limit()).isEqualTo(TranscodeTimeoutException.Limit.JOB_MAX_RUN_TIME);
        assertThat(e.runTimeout()).isEqualTo(maxRunTime);
        TranscodeReport report = e.partialReport();
        CloudJob job = azure.batch().job(report.jobId()).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.executionInfo().terminateReason()).isEqualTo("MaxWallClockTimeExpiry");
        assertThat(report.complete()).isTrue();
        assertThat(report.files()).hasSize(6).allSatisfy(r -> {
            assertThat(r.status().isTerminal()).isTrue();
            if (r.status() == FileStatus.FAILED) {
                assertThat(r.failureCode()).as(r.input()).isEqualTo(FailureCode.TIMEOUT);
            }
        });
        assertThat(report.files()).as("files whose task never ran: reported, not waited for")
                .filteredOn(r -> r.startTime() == null).isNotEmpty()
                .allSatisfy(r -> assertThat(r.error()).contains(report.jobId(), "maximum run time"));
        assertThat(azure.emulator.busyNodes(azure.poolId())).as("tasks left running").isEmpty();
        System.out.printf("TimeoutAndCancelIT: job ended by the service: %d succeeded, %d timed out%n",
                report.succeeded(), report.failed());
    }
}
