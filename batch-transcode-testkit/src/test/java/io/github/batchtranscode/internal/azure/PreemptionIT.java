package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Spot nodes taken away while tasks run cost nothing but time: the emulator preempts the busy nodes, their tasks
 * are requeued and run again to completion with real ffmpeg, and the report shows the requeues on those files.
 */
class PreemptionIT extends AzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @Test
    void tasksOfPreemptedNodesAreRequeuedAndDelivered(Azurite azurite) throws IOException {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.tutorialClips(in, 6, Duration.ofSeconds(20));
        TranscodeJob job = azure.session().submit(AzureHarness.request(in, out).build());

        Set<String> requeued = new LinkedHashSet<>();
        for (int round = 0; round < 2; round++) {
            List<String> busy = AzureHarness.await("a node running a task", AzureHarness.WAIT,
                    () -> azure.emulator.busyNodes(azure.poolId()), b -> !b.isEmpty());
            requeued.addAll(azure.emulator.preemptNode(azure.poolId(), busy.get(0)));
        }
        TranscodeReport report = job.await(AzureHarness.WAIT);

        assertThat(requeued).as("tasks the emulator requeued").isNotEmpty();
        assertThat(report.files()).hasSize(6).allSatisfy(r -> {
            assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(Files.size(out.resolve(r.output()))).isPositive();
        });
        List<FileResult> preempted = report.files().stream().filter(r -> requeued.contains(r.taskId())).toList();
        assertThat(preempted).isNotEmpty().allSatisfy(r -> assertThat(r.requeues()).as(r.input()).isPositive());
        assertThat(report.files()).filteredOn(r -> !requeued.contains(r.taskId()))
                .allSatisfy(r -> assertThat(r.requeues()).isZero());
        System.out.printf("PreemptionIT: requeued tasks %s, requeues per file %s%n", requeued,
                report.files().stream().map(r -> r.input() + "=" + r.requeues()).toList());
    }
}
