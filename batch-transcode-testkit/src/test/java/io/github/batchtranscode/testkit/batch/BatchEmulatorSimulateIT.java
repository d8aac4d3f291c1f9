package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Control-plane scale: thousands of simulated tasks, listed and counted cheaply. */
class BatchEmulatorSimulateIT {
    @Test
    void twoThousandSimulatedTasksCompleteAndListInPages() throws Exception {
        int n = 2000;
        try (BlobStub blobs = new BlobStub("output");
             BatchEmulator emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY)
                     .nodes(5).slotsPerNode(4).simulate(true).start()) {
            BatchClient client = TestAccounts.client(emulator.endpoint());
            client.poolOperations().createPool(TestAccounts.pool("sim").withTargetDedicatedNodes(5)
                    .withTaskSlotsPerNode(4));
            client.jobOperations().createJob("sim-job", new PoolInformation().withPoolId("sim"));
            long t0 = System.nanoTime();
            List<TaskAddParameter> tasks = IntStream.range(0, n).mapToObj(i -> new TaskAddParameter()
                    .withId("t" + i).withCommandLine("/bin/false never runs")
                    .withOutputFiles(i % 100 != 0 ? null : List.of(new OutputFile().withFilePattern("out/*.mp3")
                            .withDestination(new OutputFileDestination().withContainer(
                                    new OutputFileBlobContainerDestination().withPath("sim/t" + i)
                                            .withContainerUrl(blobs.containerSasUrl("output"))))
                            .withUploadOptions(new OutputFileUploadOptions()
                                    .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS))))).toList();
            for (int from = 0; from < n; from += 100) {
                client.protocolLayer().tasks().addCollection("sim-job", tasks.subList(from, from + 100));
            }
            TaskCountsResult counts = Poll.until(Duration.ofSeconds(60),
                    () -> client.jobOperations().getTaskCountsResult("sim-job", null),
                    c -> c.taskCounts().completed() == n, "all simulated tasks completed");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(counts.taskCounts().succeeded()).isEqualTo(n);

            List<CloudTask> listed = new ArrayList<>(client.protocolLayer().tasks().list("sim-job",
                    new TaskListOptions().withFilter("state eq 'completed'").withSelect("id, state")
                            .withMaxResults(1000)));
            assertThat(listed).hasSize(n);
            assertThat(emulator.stats().operation("Task_List").requests()).isEqualTo(2);
            assertThat(emulator.stats().operation("Task_AddCollection").requests()).isEqualTo(20);
            assertThat(blobs.names("output")).hasSize(n / 100).allSatisfy(b -> assertThat(b).endsWith("/x.mp3"));
            System.out.printf("simulated %d tasks: added and completed in %d ms%n", n, millis);
        }
    }
}
