package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.batchtranscode.PoolStartException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.time.Duration;
import java.time.Instant;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Getting a pool: reuse of an existing one, and failing fast when none of its nodes can start. */
class AzurePoolIT extends AzureIT {
    @Test
    void aSecondSessionReusesThePoolAndDoesNotDeleteWhatItDidNotCreate(Azurite azurite) throws IOException {
        azure = AzureHarness.start(azurite, b -> b.simulate(true));
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 3);
        TranscodeRequest request = AzureHarness.request(in, tmp.resolve("out")).verifyOutputs(false).build();
        assertThat(azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build()).transcode(request)
                .allSucceeded()).isTrue();

        AzureHarness.Phases phases = new AzureHarness.Phases();
        var second = azure.session(azure.options().cleanup(CleanupPolicy.deleteAll()).build()).submit(request, phases)
                .await(AzureHarness.WAIT);

        assertThat(second.allSucceeded()).isTrue();
        assertThat(azure.emulator.stats().operation("Pool_Add").requests()).isEqualTo(1);
        assertThat(phases.messages()).contains("Using existing pool [" + azure.poolId() + "]")
                .noneMatch(m -> m.startsWith("Creating pool"));
        assertThat(azure.emulator.stats().operation("Pool_Delete").requests()).isZero();
        assertThat(azure.batch().pool(azure.poolId())).as("pool still there").isPresent();
    }

    @Test
    void aStartTaskFailingOnEveryNodeFailsTheJobWithinAFewPollsWithTheStartupStderr(Azurite azurite)
            throws IOException {
        azure = AzureHarness.start(azurite, b -> b.faults(io.github.batchtranscode.testkit.batch.BatchFaults.create()
                .failStartTaskOnAllNodes()));
        Path in = tmp.resolve("in");
        SampleMedia.create().tutorialClips(in, 2);
        Duration poll = Duration.ofSeconds(1);
        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeJob job = azure.session(azure.options().pollInterval(poll).jobMaxRunTime(Duration.ofMinutes(30)).build())
                .submit(AzureHarness.request(in, tmp.resolve("out")).build(), phases);

        PoolStartException e = catchThrowableOfType(PoolStartException.class, () -> job.await(AzureHarness.WAIT));
        Instant failed = Instant.now();

        assertThat(e).hasMessageContaining("start task failed: emulated fault")
                .hasMessageContaining(azure.poolId()).hasMessageContaining("starttaskfailed");
        assertThat(e.poolId()).contains(azure.poolId());
        assertThat(e.resizeErrors()).isEmpty();
        assertThat(e.nodeErrors()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.nodeId()).isNotBlank();
            assertThat(n.state()).isEqualTo("starttaskfailed");
            assertThat(n.exitCode()).isNotNull().isNotZero();
            assertThat(n.failure() + " " + n.stderr()).contains("emulated fault");
        });
        Instant monitoring = phases.events.stream().filter(p -> p.message().startsWith("Monitoring"))
                .map(PhaseEvent::time).findFirst().orElseThrow();
        assertThat(Duration.between(monitoring, failed)).as("from monitoring to failure")
                .isLessThan(poll.multipliedBy(4));
        assertThat(azure.emulator.stats().operation("Job_GetTaskCounts").requests()).as("polls").isLessThanOrEqualTo(3);
    }
}
