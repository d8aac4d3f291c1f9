package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** cancel() on an Azure job: the Batch job is terminated and nothing keeps running on the nodes. */
@ExtendWith(AzuriteExtension.class)
class AzureCancelIT {
    /** Pads the audio with silence forever: a task that never finishes on its own. */
    private static final List<String> ENDLESS = List.of("-af", "apad", "-ar", "8000", "-c:a", "libmp3lame", "-b:a", "8k");
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @BeforeEach
    void start(Azurite azurite) {
        azure = AzureHarness.start(azurite);
    }

    @Test
    void cancelWhileUploadingStopsBeforeAnyPoolOrJobIsCreated() throws IOException {
        Path in = tmp.resolve("in");
        java.nio.file.Files.createDirectories(in);
        byte[] data = new byte[256 * 1024];
        for (int i = 0; i < 150; i++) {
            data[0] = (byte) i;
            java.nio.file.Files.write(in.resolve("big-" + i + ".mp4"), data);
        }
        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeJob job = azure.session(azure.options().transferParallelism(1).build())
                .submit(AzureHarness.request(in, tmp.resolve("out")).build(), phases);
        AzureHarness.await("uploads under way", AzureHarness.WAIT, phases::messages,
                m -> m.stream().anyMatch(x -> x.startsWith("Uploading file")));

        job.cancel();

        assertThat(catchThrowableOfType(TranscodeCancelledException.class, () -> job.await(Duration.ofSeconds(60))))
                .isNotNull();
        AzureHarness.await("the run's cleanup deleting what it staged", AzureHarness.WAIT,
                () -> azure.allBlobs(azure.inputContainer()), List::isEmpty);
        assertThat(azure.emulator.stats().operation("Pool_Add").requests()).as("pools created").isZero();
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).as("jobs created").isZero();
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    @Test
    void cancelTerminatesTheBatchJobAndLeavesNoTaskRunning() throws IOException {
        Path in = tmp.resolve("in");
        SampleMedia.create().tutorialClips(in, 3);
        TranscodeJob job = azure.session().submit(AzureHarness.request(in, tmp.resolve("out"))
                .formats(OutputFormat.custom("mp3", ENDLESS)).build());
        AzureHarness.await("tasks running on the nodes", AzureHarness.WAIT, () -> azure.emulator.busyNodes(azure.poolId()),
                busy -> busy.size() == 2);

        job.cancel();

        TranscodeCancelledException e = catchThrowableOfType(TranscodeCancelledException.class,
                () -> job.await(Duration.ofSeconds(60)));
        assertThat(e.partialReport().files()).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.FAILED);
            assertThat(r.failureCode()).isEqualTo(FailureCode.CANCELLED);
        });
        BatchGateway batch = azure.batch();
        CloudJob terminated = AzureHarness.await("job terminated", Duration.ofSeconds(30),
                () -> batch.job(job.id()).orElseThrow(), j -> j.state() == JobState.COMPLETED);
        assertThat(terminated.executionInfo().terminateReason()).isEqualTo("UserTerminate");
        assertThat(batch.tasks(job.id(), "state eq 'running'", "id")).isEmpty();
        assertThat(azure.emulator.busyNodes(azure.poolId())).isEmpty();
    }
}
