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
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's own timing of each task's steps, as a benchmark breaks a task's time down with it. */
class BatchEmulatorTaskSpansIT {
    private static final String POOL = "pool-spans";
    private static final String JOB = "job-spans";
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static BlobStub blobs;

    @BeforeAll
    static void start() throws Exception {
        blobs = new BlobStub("input", "output");
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(1).slotsPerNode(1)
                .start();
        client = TestAccounts.client(emulator.endpoint());
        client.poolOperations().createPool(TestAccounts.pool(POOL).withTargetDedicatedNodes(1).withTaskSlotsPerNode(1));
        client.jobOperations().createJob(JOB, new PoolInformation().withPoolId(POOL));
    }

    @AfterAll
    static void stop() {
        emulator.close();
        blobs.close();
    }

    private static TaskAddParameter task(String id) {
        return new TaskAddParameter().withId(id)
                .withCommandLine("/bin/sh -c 'sleep 0.3 && cp in/source.txt result.txt'")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobs.blobSasUrl("input", "source.txt"))
                        .withFilePath("in/source.txt")))
                .withOutputFiles(List.of(new OutputFile().withFilePattern("result.txt")
                        .withDestination(new OutputFileDestination().withContainer(
                                new OutputFileBlobContainerDestination().withContainerUrl(
                                        blobs.containerSasUrl("output")).withPath("results/" + id + ".txt")))
                        .withUploadOptions(new OutputFileUploadOptions()
                                .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS))));
    }

    private static List<TaskSpan> spans(String taskId) {
        return emulator.taskSpans().stream().filter(s -> s.jobId().equals(JOB) && s.taskId().equals(taskId))
                .toList();
    }

    @Test
    void everyStepOfATaskIsTimedInOrderUntilAClientSawItCompleted() throws Exception {
        blobs.put("input", "source.txt", "payload");
        client.taskOperations().createTasks(JOB, List.of(task("first"), task("second")));
        CloudTask second = Poll.until(Duration.ofSeconds(60), () -> client.taskOperations().getTask(JOB, "second"),
                t -> t.state() == TaskState.COMPLETED, "task second");
        Instant seen = Instant.now();
        assertThat(blobs.get("output", "results/second.txt")).isEqualTo("payload");

        List<TaskSpan> spans = spans("second");
        assertThat(spans).extracting(TaskSpan::step).containsExactly(TaskSpan.SLOT_WAIT, TaskSpan.TASK_DIRECTORY,
                "resource file in/source.txt", TaskSpan.LAUNCH, TaskSpan.PROCESS, "upload result.txt",
                TaskSpan.COMPLETE, TaskSpan.NOTICED);
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).start()).as(spans.get(i).step() + " starts after the step before ends")
                    .isAfterOrEqualTo(spans.get(i - 1).start());
        }
        assertThat(spans.get(0).nodeId()).isNull();
        assertThat(spans.subList(1, spans.size())).extracting(TaskSpan::nodeId).containsOnly(second.nodeInfo().nodeId());
        TaskSpan process = spans.get(4);
        assertThat(process.duration()).as("the command's own 0.3 s sleep").isGreaterThanOrEqualTo(
                Duration.ofMillis(300));
        TaskSpan noticed = spans.get(7);
        assertThat(noticed.start().toEpochMilli())
                .isEqualTo(second.executionInfo().endTime().getMillis());
        assertThat(noticed.end()).isBeforeOrEqualTo(seen);
        assertThat(spans("second")).as("seeing it again is not noticing it").hasSameSizeAs(spans);

        // one slot: the second task waited for the first to finish its run
        List<TaskSpan> first = spans("first");
        TaskSpan firstComplete = first.stream().filter(s -> s.step().equals(TaskSpan.COMPLETE)).findFirst()
                .orElseThrow();
        assertThat(spans.get(0).end()).isAfterOrEqualTo(first.stream()
                .filter(s -> s.step().equals(TaskSpan.PROCESS)).findFirst().orElseThrow().end());
        assertThat(spans.get(0).end()).isBeforeOrEqualTo(firstComplete.end());
        assertThat(spans.get(0).kind()).isEqualTo(TaskSpan.SLOT_WAIT);
        assertThat(spans.get(2).kind()).isEqualTo("resource file");
        assertThat(spans.get(5).kind()).isEqualTo("upload");
    }
}
