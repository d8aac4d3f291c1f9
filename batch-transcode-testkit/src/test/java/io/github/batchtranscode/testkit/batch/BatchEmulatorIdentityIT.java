package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNodeIdentityReference;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolIdentityType;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pools with a user-assigned managed identity (given as Resource Manager would, since the Batch API cannot), driven
 * by the real azure-batch client: the pool shows it, its nodes fetch and upload with the identity's bearer tokens,
 * and a ResourceFile or OutputFile naming an identity the pool does not have fails the task, naming both.
 */
class BatchEmulatorIdentityIT {
    private static final String POOL = "pool-identity";
    private static final String PLAIN_POOL = "pool-no-identity";
    private static final String JOB = "job-identity";
    private static final String IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/"
            + "providers/Microsoft.ManagedIdentity/userAssignedIdentities/reader";
    private static final String OTHER = IDENTITY.replace("reader", "stranger");
    private static final AtomicInteger TOKENS = new AtomicInteger();
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static BlobStub blobs;

    @BeforeAll
    static void start() throws Exception {
        blobs = new BlobStub("input", "output");
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(1).slotsPerNode(4)
                .poolIdentity(POOL, IDENTITY, () -> "node-token-" + TOKENS.incrementAndGet()).start();
        client = TestAccounts.client(emulator.endpoint());
        client.poolOperations().createPool(TestAccounts.pool(POOL).withTargetDedicatedNodes(1).withTaskSlotsPerNode(4));
        client.poolOperations().createPool(TestAccounts.pool(PLAIN_POOL).withTargetDedicatedNodes(1));
        client.jobOperations().createJob(JOB, new PoolInformation().withPoolId(POOL));
    }

    @AfterAll
    static void stop() {
        emulator.close();
        blobs.close();
    }

    private static CloudTask run(TaskAddParameter task) throws Exception {
        client.taskOperations().createTask(JOB, task);
        return Poll.until(Duration.ofSeconds(60), () -> client.taskOperations().getTask(JOB, task.id()),
                t -> t.state() == TaskState.COMPLETED, "task " + task.id());
    }

    private static ComputeNodeIdentityReference ref(String resourceId) {
        return new ComputeNodeIdentityReference().withResourceId(resourceId);
    }

    private static OutputFile upload(String pattern, String path, String identity) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(new OutputFileBlobContainerDestination()
                        .withContainerUrl(blobs.containerUrl("output")).withPath(path).withIdentityReference(ref(identity))))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS));
    }

    @Test
    void thePoolShowsItsIdentityAndAPoolWithoutOneShowsNone() throws Exception {
        CloudPool pool = client.poolOperations().getPool(POOL);
        assertThat(pool.identity().type()).isEqualTo(PoolIdentityType.USER_ASSIGNED);
        assertThat(pool.identity().userAssignedIdentities()).singleElement().satisfies(u -> {
            assertThat(u.resourceId()).isEqualTo(IDENTITY);
            assertThat(u.clientId()).isNotBlank();
            assertThat(u.principalId()).isNotBlank();
        });
        assertThat(client.poolOperations().getPool(PLAIN_POOL).identity()).isNull();
    }

    @Test
    void filesNamingThePoolsIdentityMoveWithItsBearerTokenAndNoSas() throws Exception {
        blobs.put("input", "clips/a.txt", "payload");
        int before = blobs.requests().size();
        CloudTask t = run(new TaskAddParameter().withId("with-identity")
                .withCommandLine("/bin/sh -c 'cp in/a.txt copy.txt'")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobs.blobUrl("input", "clips/a.txt"))
                        .withFilePath("in/a.txt").withIdentityReference(ref(IDENTITY.toUpperCase())))) // ARM ids ignore case
                .withOutputFiles(List.of(upload("copy.txt", "copies/a.txt", IDENTITY))));

        assertThat(t.executionInfo().failureInfo()).isNull();
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(blobs.get("output", "copies/a.txt")).isEqualTo("payload");
        List<String> seen = blobs.requests().subList(before, blobs.requests().size());
        assertThat(seen).anySatisfy(r -> assertThat(r).startsWith("GET /devstoreaccount1/input/clips/a.txt Bearer node-token-"))
                .anySatisfy(r -> assertThat(r).startsWith("PUT /devstoreaccount1/output/copies/a.txt Bearer node-token-"));
    }

    @Test
    void aResourceFileNamingAnIdentityThePoolLacksFailsTheTaskWithoutRunningIt() throws Exception {
        blobs.put("input", "b.txt", "x");
        int before = blobs.requests().size();
        CloudTask t = run(new TaskAddParameter().withId("stranger-in").withCommandLine("/bin/true")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobs.blobUrl("input", "b.txt"))
                        .withFilePath("b.txt").withIdentityReference(ref(OTHER)))));

        assertThat(t.executionInfo().exitCode()).as("never run").isNull();
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("BlobDownloadMiscError");
        assertThat(t.executionInfo().failureInfo().message()).contains(OTHER).contains("pool " + POOL)
                .contains(IDENTITY);
        assertThat(blobs.requests().subList(before, blobs.requests().size())).noneMatch(r -> r.contains("/b.txt"));
    }

    @Test
    void anOutputFileNamingAnIdentityThePoolLacksFailsTheUpload() throws Exception {
        CloudTask t = run(new TaskAddParameter().withId("stranger-out").withCommandLine("/bin/sh -c 'echo x > r.txt'")
                .withOutputFiles(List.of(upload("r.txt", "r.txt", OTHER))));

        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("FileUploadMiscError");
        assertThat(t.executionInfo().failureInfo().message()).contains(OTHER);
        assertThat(blobs.get("output", "r.txt")).isNull();
    }

    @Test
    void theBuilderRefusesWhatIsNotAUserAssignedIdentity() {
        assertThatThrownBy(() -> BatchEmulator.builder().poolIdentity("p", "reader", () -> "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userAssignedIdentities");
    }
}
