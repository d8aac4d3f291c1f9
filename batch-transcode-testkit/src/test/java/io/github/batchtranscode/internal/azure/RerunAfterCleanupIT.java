package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun right after a cleanup that deleted the job and the pool, while the emulator holds them in their
 * deleting states as the service does (409 PoolBeingDeleted / JobBeingDeleted meanwhile): the rerun waits,
 * saying what for, and succeeds within its timeout.
 */
@ExtendWith(AzuriteExtension.class)
class RerunAfterCleanupIT {
    private static final Duration POOL_DELETE = Duration.ofSeconds(8);
    private static final Duration JOB_DELETE = Duration.ofSeconds(20);
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void aRerunRightAfterACleanupWaitsForThePoolAndTheJobToBeGone(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).poolDeleteTime(POOL_DELETE)
                .jobDeleteTime(JOB_DELETE));
        AzureHarness.placeholders(tmp.resolve("in"), 3);
        AzureOptions options = azure.options().jobId("rerun-" + azure.suffix).cleanup(CleanupPolicy.deleteAll())
                .jobMaxRunTime(Duration.ofMinutes(2)).build();
        TranscodeRequest request = AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false)
                .build();
        TranscodeReport first = azure.session(options).transcode(request);
        assertThat(first.allSucceeded()).as(first.toJson()).isTrue();

        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeReport rerun = azure.session(options).submit(request, phases).await(Duration.ofMinutes(3));

        assertThat(rerun.allSucceeded()).as(rerun.toJson()).isTrue();
        assertThat(phases.messages()).anyMatch(m -> m.startsWith("Waiting for pool [" + azure.poolId()
                + "] to finish deleting"));
        assertThat(phases.messages()).anyMatch(m -> m.startsWith("Waiting for job [rerun-" + azure.suffix
                + "] to finish deleting"));
        assertThat(azure.emulator.stats().operation("Pool_Add").requests()).as("pool created by each run")
                .isGreaterThanOrEqualTo(2);
    }
}
