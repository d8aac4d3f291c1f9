package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.AllocationState;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.PoolState;
import com.microsoft.azure.batch.protocol.models.ResizeError;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pools take time and get the size they ask for, through the real azure-batch client: {@code resizing} →
 * {@code steady}, nodes {@code starting} → start task → {@code idle}, deletion {@code deleting} with 409
 * {@code PoolBeingDeleted}/{@code JobBeingDeleted} meanwhile; targets, slots and autoscale formulas decide the
 * size; the emulator's caps bite with resize errors.
 */
class PoolLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SLOW = Duration.ofMillis(1500);

    private static BatchEmulator emulator;
    private static BatchClient client;

    @BeforeAll
    static void start() {
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(3).slotsPerNode(2)
                .poolAllocationTime(SLOW).nodeStartTime(SLOW).poolDeleteTime(SLOW).jobDeleteTime(SLOW).start();
        client = TestAccounts.client(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static CloudPool steady(String id) throws Exception {
        return Poll.until(WAIT, () -> client.poolOperations().getPool(id),
                p -> p.allocationState() == AllocationState.STEADY, "pool " + id + " steady");
    }

    @Test
    void aPoolResizesThenItsNodesStartAndRunTheStartTask() throws Exception {
        String id = "timed";
        client.poolOperations().createPool(TestAccounts.pool(id).withTargetDedicatedNodes(1)
                .withTargetLowPriorityNodes(1).withStartTask(new StartTask().withCommandLine("true")
                        .withWaitForSuccess(true)));

        CloudPool pool = client.poolOperations().getPool(id);
        assertThat(pool.allocationState()).isEqualTo(AllocationState.RESIZING);
        assertThat(pool.currentDedicatedNodes()).isZero();
        assertThat(client.computeNodeOperations().listComputeNodes(id)).isEmpty();

        pool = steady(id);
        assertThat(pool.currentDedicatedNodes()).isEqualTo(1);
        assertThat(pool.currentLowPriorityNodes()).isEqualTo(1);
        assertThat(pool.resizeErrors()).isNullOrEmpty();
        List<ComputeNode> nodes = client.computeNodeOperations().listComputeNodes(id);
        assertThat(nodes).hasSize(2).extracting(ComputeNode::state).containsOnly(ComputeNodeState.STARTING);
        assertThat(nodes).extracting(ComputeNode::isDedicated).containsExactlyInAnyOrder(true, false);

        Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes(id),
                ns -> ns.stream().allMatch(n -> n.state() == ComputeNodeState.IDLE), "nodes idle");
        assertThat(client.computeNodeOperations().listComputeNodes(id))
                .allSatisfy(n -> assertThat(n.startTaskInfo().exitCode()).isZero());
    }

    @Test
    void aStartTaskWithWaitForSuccessHoldsTheNodeInWaitingForStartTask() throws Exception {
        String id = "waiting";
        client.poolOperations().createPool(TestAccounts.pool(id).withTargetDedicatedNodes(1)
                .withStartTask(new StartTask().withCommandLine("/bin/sh -c 'while [ ! -e release ]; do sleep 0.05; done'")
                        .withWaitForSuccess(true)));
        ComputeNode node = Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes(id),
                ns -> ns.size() == 1 && ns.get(0).state() == ComputeNodeState.WAITING_FOR_START_TASK,
                "node waiting for its start task").get(0);
        // the node reports waitingforstarttask from the start of its start task, which may still be preparing
        // its working directory (as on the service, where resource files download in that state)
        java.nio.file.Path wd = emulator.workDir().resolve("nodes").resolve(node.id()).resolve("startup")
                .resolve("wd");
        Poll.until(WAIT, () -> java.nio.file.Files.isDirectory(wd), exists -> exists, "the start task's directory");
        java.nio.file.Files.writeString(wd.resolve("release"), "go");
        Poll.until(WAIT, () -> client.computeNodeOperations().getComputeNode(id, node.id()).state(),
                s -> s == ComputeNodeState.IDLE, "node idle after its start task");
    }

    @Test
    void theEmulatorsCapsBiteWithResizeErrorsAndThePoolStillRuns() throws Exception {
        String id = "capped";
        client.poolOperations().createPool(TestAccounts.pool(id).withTargetDedicatedNodes(2)
                .withTargetLowPriorityNodes(3).withTaskSlotsPerNode(8));

        CloudPool pool = steady(id);
        assertThat(pool.targetDedicatedNodes()).isEqualTo(2);
        assertThat(pool.targetLowPriorityNodes()).isEqualTo(3);
        assertThat(pool.currentDedicatedNodes()).isEqualTo(2);
        assertThat(pool.currentLowPriorityNodes()).isEqualTo(1);
        assertThat(pool.taskSlotsPerNode()).isEqualTo(2);
        assertThat(pool.resizeErrors()).extracting(ResizeError::code)
                .containsExactly("AccountLowPriorityCoreQuotaReached", "AllocationFailed");
        assertThat(pool.resizeErrors().get(0).message()).contains("asked for 3").contains("--nodes");
        assertThat(pool.resizeErrors().get(0).values()).isNotEmpty();

        String job = "on-capped";
        client.jobOperations().createJob(job, new PoolInformation().withPoolId(id));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("t").withCommandLine("true"));
        Poll.until(WAIT, () -> client.taskOperations().getTask(job, "t").state(), s -> s == TaskState.COMPLETED,
                "a task on the capped pool");
    }

    @Test
    void aPoolGetsItsOwnSlotsAndAutoscaleTargets() throws Exception {
        String id = "autoscaled";
        client.poolOperations().createPool(TestAccounts.pool(id).withTargetDedicatedNodes(null)
                .withEnableAutoScale(true).withTaskSlotsPerNode(2)
                .withAutoScaleFormula("$TargetDedicatedNodes = 1; $TargetLowPriorityNodes = 1;"));
        CloudPool pool = steady(id);
        assertThat(pool.targetDedicatedNodes()).isEqualTo(1);
        assertThat(pool.targetLowPriorityNodes()).isEqualTo(1);
        assertThat(pool.currentDedicatedNodes() + pool.currentLowPriorityNodes()).isEqualTo(2);
        assertThat(pool.taskSlotsPerNode()).isEqualTo(2);
        assertThat(pool.resizeErrors()).isNullOrEmpty();
    }

    @Test
    void enablingAutoscaleResizesThePoolToTheFormulasTargets() throws Exception {
        String id = "rescaled";
        client.poolOperations().createPool(TestAccounts.pool(id).withTargetDedicatedNodes(1));
        steady(id);
        assertThat(client.poolOperations().evaluateAutoScale(id, "$TargetDedicatedNodes = 0;"
                + " $TargetLowPriorityNodes = 2;").results()).contains("$TargetDedicatedNodes=0")
                .contains("$TargetLowPriorityNodes=2");

        client.poolOperations().enableAutoScale(id, "$TargetDedicatedNodes = 0; $TargetLowPriorityNodes = 2;",
                org.joda.time.Period.minutes(5));
        assertThat(client.poolOperations().getPool(id).allocationState()).isEqualTo(AllocationState.RESIZING);
        CloudPool pool = steady(id);
        assertThat(pool.enableAutoScale()).isTrue();
        assertThat(pool.currentDedicatedNodes()).isZero();
        assertThat(pool.currentLowPriorityNodes()).isEqualTo(2);
        assertThat(client.computeNodeOperations().listComputeNodes(id)).hasSize(2)
                .noneMatch(ComputeNode::isDedicated);
    }

    @Test
    void aPoolAskingForNoNodesRunsNoTasks() throws Exception {
        String empty = "empty";
        String control = "control";
        client.poolOperations().createPool(TestAccounts.pool(empty).withTargetDedicatedNodes(0));
        client.poolOperations().createPool(TestAccounts.pool(control).withTargetDedicatedNodes(1));
        client.jobOperations().createJob("on-empty", new PoolInformation().withPoolId(empty));
        client.jobOperations().createJob("on-control", new PoolInformation().withPoolId(control));
        client.taskOperations().createTask("on-empty", new TaskAddParameter().withId("t").withCommandLine("true"));
        client.taskOperations().createTask("on-control", new TaskAddParameter().withId("t").withCommandLine("true"));

        Poll.until(WAIT, () -> client.taskOperations().getTask("on-control", "t").state(),
                s -> s == TaskState.COMPLETED, "the control pool's task");
        CloudPool pool = steady(empty);
        assertThat(pool.currentDedicatedNodes() + pool.currentLowPriorityNodes()).isZero();
        assertThat(client.taskOperations().getTask("on-empty", "t").state()).isEqualTo(TaskState.ACTIVE);
    }

    @Test
    void aDeletedPoolIsDeletingForAWhileAndItsIdCannotBeReused() throws Exception {
        String id = "doomed";
        client.poolOperations().createPool(TestAccounts.pool(id).withTargetDedicatedNodes(1));
        client.poolOperations().deletePool(id);

        assertThat(client.poolOperations().getPool(id).state()).isEqualTo(PoolState.DELETING);
        BatchErrorException again = catchThrowableOfType(BatchErrorException.class,
                () -> client.poolOperations().createPool(TestAccounts.pool(id)));
        assertThat(again.response().code()).isEqualTo(409);
        assertThat(again.body().code()).isEqualTo("PoolBeingDeleted");
        assertThat(again.body().message().value()).startsWith("The specified pool has been marked for deletion");
        BatchErrorException twice = catchThrowableOfType(BatchErrorException.class,
                () -> client.poolOperations().deletePool(id));
        assertThat(twice.body().code()).isEqualTo("PoolBeingDeleted");

        Poll.until(WAIT, () -> client.poolOperations().existsPool(id), exists -> !exists, "pool gone");
        client.poolOperations().createPool(TestAccounts.pool(id));
        assertThat(client.poolOperations().getPool(id).state()).isEqualTo(PoolState.ACTIVE);
    }

    @Test
    void aDeletedJobIsDeletingForAWhileAndRefusesItsIdAndNewTasks() throws Exception {
        String id = "doomed-job";
        client.jobOperations().createJob(id, new PoolInformation().withPoolId("any"));
        client.jobOperations().deleteJob(id);

        CloudJob job = client.jobOperations().getJob(id);
        assertThat(job.state()).isEqualTo(JobState.DELETING);
        BatchErrorException again = catchThrowableOfType(BatchErrorException.class,
                () -> client.jobOperations().createJob(id, new PoolInformation().withPoolId("any")));
        assertThat(again.response().code()).isEqualTo(409);
        assertThat(again.body().code()).isEqualTo("JobBeingDeleted");
        BatchErrorException task = catchThrowableOfType(BatchErrorException.class,
                () -> client.taskOperations().createTask(id, new TaskAddParameter().withId("t").withCommandLine("true")));
        assertThat(task.response().code()).isEqualTo(409);
        assertThat(task.body().code()).isEqualTo("JobBeingDeleted");
        assertThat(task.body().message().value())
                .startsWith("The specified job has been marked for deletion and is being garbage collected.");

        Poll.until(WAIT, () -> client.jobOperations().listJobs().stream().noneMatch(j -> j.id().equals(id)),
                gone -> gone, "job gone");
        client.jobOperations().createJob(id, new PoolInformation().withPoolId("any"));
    }
}
