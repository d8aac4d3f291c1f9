package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults as a client sees them: error answers, resets, start task failures, preemption. */
class BatchEmulatorFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private BatchEmulator emulator;
    private BatchClient client;

    @BeforeEach
    void start() {
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(2).start();
        client = TestAccounts.client(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void throttlingReachesTheCallerWithRetryAfterAndCode() throws Exception {
        client.poolOperations().createPool(TestAccounts.pool("p"));
        emulator.faults().errorRate(1).errorStatuses(429).errorOperations(Set.of("Pool_Get"));
        BatchErrorException e = catchThrowableOfType(BatchErrorException.class,
                () -> client.poolOperations().getPool("p"));
        assertThat(e.response().code()).isEqualTo(429);
        assertThat(e.response().headers().get("Retry-After")).isEqualTo("1");
        assertThat(e.body().code()).isEqualTo("TooManyRequests");
        assertThat(client.poolOperations().existsPool("p")).as("other operations unaffected").isTrue();

        emulator.faults().errorRate(0);
        assertThat(client.poolOperations().getPool("p").id()).isEqualTo("p");
        assertThat(emulator.stats().operation("Pool_Get").errors()).isEqualTo(1);
    }

    @Test
    void serverErrorsCarryTheServiceBodies() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/pools?api-version=x")).build();
        emulator.faults().errorRate(1).errorStatuses(503);
        HttpResponse<String> busy = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(busy.body()).contains("\"code\":\"ServerBusy\"");
        emulator.faults().errorStatuses(500);
        HttpResponse<String> internal = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).contains("\"code\":\"InternalError\"");

        emulator.faults().errorRate(0).resetRate(1);
        assertThatThrownBy(() -> http.send(get, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void failingStartTaskPutsNodesInStartTaskFailed() throws Exception {
        emulator.faults().failStartTaskNodes(1);
        PoolAddParameter pool = TestAccounts.pool("st").withStartTask(new StartTask()
                .withCommandLine("/bin/sh -c 'echo installing'").withWaitForSuccess(true));
        client.poolOperations().createPool(pool);
        List<ComputeNode> nodes = Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes("st"),
                ns -> ns.size() == 2 && ns.stream().allMatch(n -> n.startTaskInfo() != null), "start tasks done");
        ComputeNode failed = nodes.stream().filter(n -> n.state() == ComputeNodeState.START_TASK_FAILED)
                .findFirst().orElseThrow();
        ComputeNode ok = nodes.stream().filter(n -> n.state() == ComputeNodeState.IDLE).findFirst().orElseThrow();
        assertThat(failed.startTaskInfo().exitCode()).isEqualTo(1);
        assertThat(failed.startTaskInfo().failureInfo().code()).isEqualTo("FailureExitCode");
        assertThat(ok.startTaskInfo().exitCode()).isZero();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        client.fileOperations().getFileFromComputeNode("st", failed.id(), "startup/stderr.txt", err);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("start task failed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromComputeNode("st", ok.id(), "startup/stdout.txt", out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("installing\n");

        client.jobOperations().createJob("j", new PoolInformation().withPoolId("st"));
        client.taskOperations().createTask("j", new TaskAddParameter().withId("t").withCommandLine("/bin/true"));
        CloudTask t = Poll.until(WAIT, () -> client.taskOperations().getTask("j", "t"),
                x -> x.state() == TaskState.COMPLETED, "task on the healthy node");
        assertThat(t.nodeInfo().nodeId()).isEqualTo(ok.id());
    }

    @Test
    void preemptedTaskIsRequeuedAndRunsAgain() throws Exception {
        // One node, so the rerun lands where the first run left its marker (nodes share nothing).
        client.poolOperations().createPool(TestAccounts.pool("pre").withTargetDedicatedNodes(1));
        client.jobOperations().createJob("j", new PoolInformation().withPoolId("pre"));
        // First run: leaves a marker in the node's shared dir and hangs; the rerun sees the marker and exits 0.
        client.taskOperations().createTask("j", new TaskAddParameter().withId("t").withCommandLine(
                "/bin/sh -c 'if [ -e \"$AZ_BATCH_NODE_SHARED_DIR/marker\" ]; then exit 0; fi;"
                        + " mkdir -p \"$AZ_BATCH_NODE_SHARED_DIR\"; touch \"$AZ_BATCH_NODE_SHARED_DIR/marker\";"
                        + " exec sleep 60'"));
        Poll.until(WAIT, () -> emulator.busyNodes("pre"), n -> !n.isEmpty() && java.nio.file.Files.exists(
                emulator.workDir().resolve("nodes").resolve(n.get(0)).resolve("shared/marker")), "task running");
        String node = emulator.busyNodes("pre").get(0);
        assertThat(emulator.preemptNode("pre", node)).containsExactly("t");
        CloudTask t = Poll.until(WAIT, () -> client.taskOperations().getTask("j", "t"),
                x -> x.state() == TaskState.COMPLETED, "requeued task completed");
        assertThat(t.executionInfo().requeueCount()).isEqualTo(1);
        assertThat(t.executionInfo().lastRequeueTime()).isNotNull();
        assertThat(t.executionInfo().exitCode()).isZero();
    }
}
