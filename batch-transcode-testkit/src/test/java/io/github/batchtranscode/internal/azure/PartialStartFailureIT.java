package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchFaults;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A start task that fails on some nodes only does not stop the run: the healthy nodes transcode every file and
 * the report warns which node failed, with its startup stderr. (Every node failing is the basic suite's case.)
 */
class PartialStartFailureIT extends AzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @Test
    void theRunGoesOnOnTheHealthyNodesAndTheReportWarns(Azurite azurite) throws IOException {
        azure = AzureHarness.start(azurite, b -> b.faults(BatchFaults.create().failStartTaskNodes(1)))
                .poolSize(3, 1);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.tutorialClips(in, 6);

        TranscodeReport report = azure.session().submit(AzureHarness.request(in, out).build()).await(AzureHarness.WAIT);

        assertThat(report.files()).hasSize(6).allSatisfy(r ->
                assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED));
        assertThat(report.files()).extracting(r -> r.worker()).doesNotContainNull();
        assertThat(report.warnings()).hasSize(1);
        String warning = report.warnings().get(0);
        assertThat(warning).contains("1 of 3 node(s)", azure.poolId(), "starttaskfailed", "start task failed: emulated fault",
                "the run goes on");
        String failedNode = warning.replaceFirst("(?s).*Node (\\S+?):.*", "$1");
        assertThat(report.files()).extracting(r -> r.worker()).doesNotContain(failedNode);
        System.out.printf("PartialStartFailureIT: warning: %s%n", warning);
    }
}
