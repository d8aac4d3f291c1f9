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
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ResourceFiles and OutputFiles over plain HTTP against an in-memory blob stub. */
class BatchEmulatorStorageIT {
    private static final String POOL = "pool-storage";
    private static final String JOB = "job-storage";
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static BlobStub blobs;

    @BeforeAll
    static void start() throws Exception {
        blobs = new BlobStub("input", "output");
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(1).slotsPerNode(4)
                .start();
        client = TestAccounts.client(emulator.endpoint());
        client.poolOperations().createPool(TestAccounts.pool(POOL).withTargetDedicatedNodes(1).withTaskSlotsPerNode(4));
        client.jobOperations().createJob(JOB, new PoolInformation().withPoolId(POOL));
    }

    @AfterEach
    void calm() {
        emulator.faults().failUploads(false);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        blobs.close();
    }

    private static OutputFile output(String pattern, String path, String container, OutputFileUploadCondition when) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(new OutputFileBlobContainerDestination()
                        .withContainerUrl(blobs.containerSasUrl(container)).withPath(path)))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(when));
    }

    private static CloudTask run(TaskAddParameter task) throws Exception {
        client.taskOperations().createTask(JOB, task);
        return Poll.until(Duration.ofSeconds(60), () -> client.taskOperations().getTask(JOB, task.id()),
                t -> t.state() == TaskState.COMPLETED, "task " + task.id());
    }

    @Test
    void resourceFileInOutputFilesOutByConditionAndPattern() throws Exception {
        blobs.put("input", "clips/a b.txt", "payload");
        CloudTask t = run(new TaskAddParameter().withId("copy")
                .withCommandLine("/bin/sh -c 'mkdir -p out/sub && cp in/source.txt out/result.txt"
                        + " && cp in/source.txt out/sub/deep.txt && touch out/.hidden'")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobs.blobSasUrl("input", "clips/a%20b.txt"))
                        .withFilePath("in/source.txt")))
                .withOutputFiles(List.of(
                        output("out/result.txt", "results/copy.txt", "output", OutputFileUploadCondition.TASK_SUCCESS),
                        output("out/**/*", "all/copy", "output", OutputFileUploadCondition.TASK_COMPLETION),
                        output("../std*.txt", "logs/copy", "output", OutputFileUploadCondition.TASK_COMPLETION),
                        output("../stderr.txt", "failed/copy.txt", "output",
                                OutputFileUploadCondition.TASK_FAILURE))));
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(t.executionInfo().failureInfo()).isNull();
        assertThat(blobs.get("output", "results/copy.txt")).isEqualTo("payload");
        assertThat(blobs.names("output")).contains("all/copy/result.txt", "all/copy/sub/deep.txt",
                "logs/copy/stdout.txt", "logs/copy/stderr.txt").doesNotContain("all/copy/.hidden", "failed/copy.txt");
    }

    @Test
    void containerResourceFilesByPrefix() throws Exception {
        blobs.put("input", "set/one.txt", "1");
        blobs.put("input", "set/two/three.txt", "3");
        blobs.put("input", "other.txt", "x");
        CloudTask t = run(new TaskAddParameter().withId("prefix")
                .withCommandLine("/bin/sh -c 'cat data/set/one.txt data/set/two/three.txt; test ! -e data/other.txt'")
                .withResourceFiles(List.of(new ResourceFile().withStorageContainerUrl(blobs.containerSasUrl("input"))
                        .withBlobPrefix("set/").withFilePath("data"))));
        assertThat(t.executionInfo().exitCode()).isZero();
    }

    @Test
    void theNodesSharedDirectoryIsThereForEveryTaskToWrite() throws Exception {
        CloudTask t = run(new TaskAddParameter().withId("shared")
                .withCommandLine("/bin/sh -c 'test -d \"$AZ_BATCH_NODE_SHARED_DIR\""
                        + " && echo x >> \"$AZ_BATCH_NODE_SHARED_DIR/written-by-a-task\"'"));
        assertThat(t.executionInfo().exitCode()).isZero();
    }

    @Test
    void missingResourceBlobFailsWithoutRunningOrRetrying() throws Exception {
        CloudTask t = run(new TaskAddParameter().withId("nosuchblob").withCommandLine("/bin/true")
                .withConstraints(new TaskConstraints().withMaxTaskRetryCount(2))
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobs.blobSasUrl("input", "missing.mp4"))
                        .withFilePath("in.mp4"))));
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("BlobNotFound");
        assertThat(t.executionInfo().exitCode()).isNull();
        assertThat(t.executionInfo().retryCount()).isZero();
    }

    @Test
    void uploadFailuresCompleteTheTaskWithFailureInfo() throws Exception {
        CloudTask noContainer = run(new TaskAddParameter().withId("nocontainer")
                .withCommandLine("/bin/sh -c 'echo x > r.txt'")
                .withOutputFiles(List.of(output("r.txt", "r.txt", "absent", OutputFileUploadCondition.TASK_SUCCESS))));
        assertThat(noContainer.executionInfo().failureInfo().code()).isEqualTo("FileUploadContainerNotFound");
        assertThat(noContainer.executionInfo().exitCode()).isZero();

        emulator.faults().failUploads(true);
        CloudTask faulted = run(new TaskAddParameter().withId("faulted")
                .withCommandLine("/bin/sh -c 'echo x > r.txt'")
                .withOutputFiles(List.of(output("r.txt", "f.txt", "output", OutputFileUploadCondition.TASK_SUCCESS))));
        assertThat(faulted.executionInfo().failureInfo().code()).isEqualTo("FileUploadMiscError");
        assertThat(faulted.executionInfo().failureInfo().category().toString()).isEqualToIgnoringCase("usererror");
        assertThat(blobs.get("output", "f.txt")).isNull();
    }
}
