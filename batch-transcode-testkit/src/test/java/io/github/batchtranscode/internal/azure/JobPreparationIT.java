package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchFaults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The job's own files (script, arguments) reach each node once, through the job's Job Preparation task; a task
 * downloads only its source. When the preparation fails on every node (as with an expired SAS), the service would
 * keep the tasks active until the timeout: the run ends instead, every file FAILED with the reason.
 */
class JobPreparationIT extends AzureIT {
    @Test
    void theScriptAndArgumentsComeWithTheJobPreparationAndEachTaskBringsOnlyItsSource(Azurite azurite)
            throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true));
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 3);
        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(in, tmp.resolve("out")).verifyOutputs(false).build());

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        CloudJob job = azure.batch().job(report.jobId()).orElseThrow();
        assertThat(job.jobPreparationTask().resourceFiles()).extracting(ResourceFile::filePath)
                .containsExactly(NodeScript.SCRIPT_FILE, NodeScript.ARGS_FILE);
        assertThat(job.jobPreparationTask().commandLine()).isEqualTo("/bin/true");
        assertThat(job.jobPreparationTask().waitForSuccess()).isTrue();
        assertThat(azure.batch().tasks(report.jobId(), null, null)).hasSize(3).allSatisfy((CloudTask t) -> {
            assertThat(t.resourceFiles()).extracting(ResourceFile::filePath).containsExactly(NodeScript.INPUT_FILE);
            assertThat(t.commandLine()).isEqualTo(NodeScript.COMMAND_LINE);
        });
        assertThat(azure.batch().preparations(report.jobId())).isNotEmpty().allSatisfy(p ->
                assertThat(p.jobPreparationTaskExecutionInfo().exitCode()).isZero());
    }

    @Test
    void whenNoNodeCanPrepareTheJobTheRunEndsWithEveryFileFailedAndTheReason(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).faults(BatchFaults.create()
                .failJobPreparation(true)));
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 3);
        TranscodeReport report = azure.session().submit(AzureHarness.request(in, tmp.resolve("out"))
                .verifyOutputs(false).build()).await(AzureHarness.WAIT);

        assertThat(report.files()).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.FAILED);
            assertThat(r.failureCode()).isEqualTo(FailureCode.JOB_ENDED);
            assertThat(r.error()).as(r.input()).contains("job preparation task", "all 2 usable node(s)",
                    "BlobAccessDenied", "_batch-transcode/" + report.jobId() + "/").doesNotContain("sig=");
        });
    }
}
