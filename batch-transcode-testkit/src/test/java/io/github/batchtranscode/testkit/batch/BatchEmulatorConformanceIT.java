package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.PagedList;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.DetailLevel;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.FileProperties;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.NodeFile;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import com.microsoft.azure.batch.protocol.models.TaskState;
import io.github.batchtranscode.internal.azure.BatchClients;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the emulator with the real azure-batch 11.2.0 client, on JDK 17 without --add-opens. */
class BatchEmulatorConformanceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String POOL = "pool-1";

    private static BatchEmulator emulator;
    private static BatchClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(2).slotsPerNode(2)
                // long enough that a GET right after the add still sees "resizing" on a loaded machine
                .poolAllocationTime(Duration.ofSeconds(3)).start();
        client = TestAccounts.client(emulator.endpoint());
        client.poolOperations().createPool(TestAccounts.pool(POOL).withTaskSlotsPerNode(2));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void poolAddGetExistsListDelete() throws Exception {
        String id = "pool-crud";
        assertThat(client.poolOperations().existsPool(id)).isFalse();
        client.poolOperations().createPool(TestAccounts.pool(id));
        assertThat(client.poolOperations().existsPool(id)).isTrue();

        CloudPool pool = client.poolOperations().getPool(id);
        assertThat(pool.id()).isEqualTo(id);
        assertThat(pool.state().toString()).isEqualTo("active");
        assertThat(pool.allocationState().toString()).isEqualTo("resizing");
        pool = Poll.until(WAIT, () -> client.poolOperations().getPool(id),
                p -> p.allocationState().toString().equals("steady"), "pool steady");
        assertThat(pool.vmSize()).isEqualTo("standard_d2s_v3");
        assertThat(pool.eTag()).startsWith("0x");
        assertThat(client.poolOperations().listPools()).extracting(CloudPool::id).contains(id);
        List<ComputeNode> nodes = Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes(id),
                ns -> ns.stream().allMatch(n -> n.state() == ComputeNodeState.IDLE), "nodes idle");
        assertThat(nodes).hasSize(2);

        BatchErrorException dup = catchThrowableOfType(BatchErrorException.class,
                () -> client.poolOperations().createPool(TestAccounts.pool(id)));
        assertThat(dup.response().code()).isEqualTo(409);
        assertThat(dup.body().code()).isEqualTo("PoolExists");

        client.poolOperations().deletePool(id);
        Poll.until(WAIT, () -> client.poolOperations().existsPool(id), exists -> !exists, "pool deleted");
        BatchErrorException gone = catchThrowableOfType(BatchErrorException.class,
                () -> client.poolOperations().getPool(id));
        assertThat(gone.body().code()).isEqualTo("PoolNotFound");
    }

    @Test
    void jobAddGetTerminateDelete() throws Exception {
        String id = "job-crud";
        client.jobOperations().createJob(id, new PoolInformation().withPoolId(POOL));
        CloudJob job = client.jobOperations().getJob(id);
        assertThat(job.state()).isEqualTo(JobState.ACTIVE);
        assertThat(job.poolInfo().poolId()).isEqualTo(POOL);
        assertThat(job.onAllTasksComplete()).isEqualTo(OnAllTasksComplete.NO_ACTION);
        assertThat(job.priority()).isZero();

        BatchErrorException dup = catchThrowableOfType(BatchErrorException.class,
                () -> client.jobOperations().createJob(id, new PoolInformation().withPoolId(POOL)));
        assertThat(dup.body().code()).isEqualTo("JobExists");

        // SDK quirk: terminateJob(id, null) fails client-side (null body); always pass a reason.
        client.jobOperations().terminateJob(id, "test over");
        job = client.jobOperations().getJob(id);
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.executionInfo().terminateReason()).isEqualTo("test over");
        assertThat(job.executionInfo().endTime()).isNotNull();

        BatchErrorException completed = catchThrowableOfType(BatchErrorException.class,
                () -> client.taskOperations().createTask(id, new TaskAddParameter().withId("t").withCommandLine("true")));
        assertThat(completed.body().code()).isEqualTo("JobCompleted");

        client.jobOperations().deleteJob(id);
        Poll.until(WAIT, () -> {
            try {
                client.jobOperations().getJob(id);
                return "present";
            } catch (BatchErrorException e) {
                return e.body().code();
            }
        }, "JobNotFound"::equals, "job deleted");
    }

    @Test
    void unknownJobIs404WithCode() {
        BatchErrorException e = catchThrowableOfType(BatchErrorException.class,
                () -> client.jobOperations().getJob("no-such-job"));
        assertThat(e.response().code()).isEqualTo(404);
        assertThat(e.body().code()).isEqualTo("JobNotFound");
        assertThat(e.body().message().value()).startsWith("The specified job does not exist.");
    }

    @Test
    void wrongKeyIs403AuthenticationFailed() {
        BatchClient wrong = BatchClients.sharedKey(emulator.endpoint(), TestAccounts.ACCOUNT, BatchEmulator.randomKey());
        BatchErrorException e = catchThrowableOfType(BatchErrorException.class,
                () -> wrong.poolOperations().getPool(POOL));
        assertThat(e.response().code()).isEqualTo(403);
        assertThat(e.body().code()).isEqualTo("AuthenticationFailed");
    }

    @Test
    void twoHundredFiftyTasksInChunksOfHundredThenListFilterSelectPageAndCount() throws Exception {
        String job = "job-250";
        client.jobOperations().createJob(job, new PoolInformation().withPoolId(POOL));
        List<TaskAddParameter> all = IntStream.range(0, 250).mapToObj(i -> new TaskAddParameter()
                .withId(String.format("task-%03d", i)).withCommandLine("/bin/true")).toList();
        for (int from = 0; from < all.size(); from += 100) {
            TaskAddCollectionResult r = client.protocolLayer().tasks()
                    .addCollection(job, all.subList(from, Math.min(all.size(), from + 100)));
            assertThat(r.value()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskAddStatus.SUCCESS));
        }
        client.jobOperations().patchJob(job, OnAllTasksComplete.TERMINATE_JOB);
        Poll.until(WAIT, () -> client.jobOperations().getJob(job).state(), JobState.COMPLETED::equals,
                "job completes after its tasks");
        assertThat(client.jobOperations().getJob(job).executionInfo().terminateReason())
                .isEqualTo("AllTasksComplete");

        TaskCountsResult counts = client.jobOperations().getTaskCountsResult(job, null);
        assertThat(counts.taskCounts().completed()).isEqualTo(250);
        assertThat(counts.taskCounts().succeeded()).isEqualTo(250);
        assertThat(counts.taskSlotCounts().completed()).isEqualTo(250);

        emulator.resetStats();
        PagedList<CloudTask> page = client.protocolLayer().tasks().list(job, new TaskListOptions()
                .withFilter("state eq 'completed' and startswith(id,'task-1')").withSelect("id, state")
                .withMaxResults(30));
        List<CloudTask> listed = new ArrayList<>(page);
        assertThat(listed).hasSize(100).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(t.id()).startsWith("task-1");
            assertThat(t.commandLine()).as("not selected").isNull();
        });
        assertThat(emulator.stats().operation("Task_List").requests()).isGreaterThan(1);

        List<CloudTask> byId = client.taskOperations().listTasks(job,
                new DetailLevel.Builder().withFilterClause("id eq 'task-007' or id eq 'task-200'").build());
        assertThat(byId).extracting(CloudTask::id).containsExactly("task-007", "task-200");
    }

    @Test
    void collectionsOverHundredTasksOrOverOneMegabyteAreRejected() {
        client.jobOperations();
        String job = "job-limits";
        createJob(job);
        List<TaskAddParameter> tooMany = IntStream.range(0, 101).mapToObj(i -> new TaskAddParameter()
                .withId("t" + i).withCommandLine("/bin/true")).toList();
        BatchErrorException many = catchThrowableOfType(BatchErrorException.class,
                () -> client.protocolLayer().tasks().addCollection(job, tooMany));
        assertThat(many.response().code()).isEqualTo(400);

        String big = "x".repeat(20_000);
        List<TaskAddParameter> tooBig = IntStream.range(0, 60).mapToObj(i -> new TaskAddParameter()
                .withId("b" + i).withCommandLine("/bin/echo " + big)).toList();
        BatchErrorException large = catchThrowableOfType(BatchErrorException.class,
                () -> client.protocolLayer().tasks().addCollection(job, tooBig));
        assertThat(large.response().code()).isEqualTo(413);
        assertThat(large.body().code()).isEqualTo("RequestBodyTooLarge");
        assertThat(large.body().values()).anySatisfy(v -> {
            assertThat(v.key()).isEqualTo("MaxLimit");
            assertThat(v.value()).isEqualTo("1048576");
        });
    }

    @Test
    void duplicateTaskIsTaskExists() throws Exception {
        String job = "job-dup";
        createJob(job);
        client.taskOperations().createTask(job, new TaskAddParameter().withId("same").withCommandLine("/bin/true"));
        BatchErrorException e = catchThrowableOfType(BatchErrorException.class, () -> client.taskOperations()
                .createTask(job, new TaskAddParameter().withId("SAME").withCommandLine("/bin/true")));
        assertThat(e.response().code()).isEqualTo(409);
        assertThat(e.body().code()).isEqualTo("TaskExists");

        TaskAddCollectionResult r = client.protocolLayer().tasks().addCollection(job, List.of(
                new TaskAddParameter().withId("same").withCommandLine("/bin/true"),
                new TaskAddParameter().withId("other").withCommandLine("/bin/true")));
        TaskAddResult same = r.value().stream().filter(t -> t.taskId().equals("same")).findFirst().orElseThrow();
        assertThat(same.status()).isEqualTo(TaskAddStatus.CLIENT_ERROR);
        assertThat(same.error().code()).isEqualTo("TaskExists");
    }

    @Test
    void taskExitingZeroAndOneReportExecutionInfoAndFiles() throws Exception {
        String job = "job-exit";
        createJob(job);
        client.taskOperations().createTask(job, new TaskAddParameter().withId("ok")
                .withCommandLine("/bin/sh -c 'echo hello; echo oops >&2'"));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("bad")
                .withCommandLine("/bin/sh -c \"exit 1\""));
        CloudTask ok = awaitCompleted(job, "ok");
        CloudTask bad = awaitCompleted(job, "bad");

        assertThat(ok.executionInfo().exitCode()).isZero();
        assertThat(ok.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
        assertThat(ok.executionInfo().failureInfo()).isNull();
        assertThat(ok.executionInfo().startTime()).isNotNull();
        assertThat(ok.executionInfo().endTime()).isNotNull();
        assertThat(ok.nodeInfo().nodeId()).isNotBlank();
        assertThat(ok.nodeInfo().poolId()).isEqualTo(POOL);
        assertThat(ok.previousState()).isEqualTo(TaskState.RUNNING);

        assertThat(bad.executionInfo().exitCode()).isEqualTo(1);
        assertThat(bad.executionInfo().result()).isEqualTo(TaskExecutionResult.FAILURE);
        assertThat(bad.executionInfo().failureInfo().code()).isEqualTo("FailureExitCode");
        assertThat(bad.executionInfo().failureInfo().category().toString()).isEqualToIgnoringCase("usererror");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(job, "ok", "stdout.txt", out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(job, "ok", "stderr.txt", err);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");

        FileProperties props = client.fileOperations().getFilePropertiesFromTask(job, "ok", "stdout.txt");
        assertThat(props.contentLength()).isEqualTo(6L);
        assertThat(props.contentType()).isEqualTo("text/plain");
        assertThat(props.creationTime()).isNotNull();

        List<NodeFile> files = client.fileOperations().listFilesFromTask(job, "ok");
        assertThat(files).extracting(NodeFile::name).contains("stdout.txt", "stderr.txt", "wd");
        assertThat(files).filteredOn(f -> f.name().equals("wd")).allSatisfy(f -> assertThat(f.isDirectory()).isTrue());
    }

    @Test
    void fileInsideWorkingDirectoryIsReadThroughEncodedSlash() throws Exception {
        String job = "job-wdfile";
        createJob(job);
        client.taskOperations().createTask(job, new TaskAddParameter().withId("writer")
                .withCommandLine("/bin/sh -c 'mkdir -p \"out dir\" && printf 42 > \"out dir/x.txt\"'"));
        awaitCompleted(job, "writer");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(job, "writer", "wd/out dir/x.txt", out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(client.fileOperations().listFilesFromTask(job, "writer", true, null))
                .extracting(NodeFile::name).contains("wd/out dir/x.txt");
    }

    @Test
    void environmentHasBatchVariablesAndNoShellExpansion() throws Exception {
        String job = "job-env";
        client.jobOperations().createJob(new JobAddParameter().withId(job)
                .withPoolInfo(new PoolInformation().withPoolId(POOL))
                .withCommonEnvironmentSettings(List.of(new EnvironmentSetting().withName("FROM_JOB").withValue("j"),
                        new EnvironmentSetting().withName("BOTH").withValue("job"))));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("env")
                .withEnvironmentSettings(List.of(new EnvironmentSetting().withName("BOTH").withValue("task")))
                .withCommandLine("/bin/sh -c 'echo $AZ_BATCH_TASK_ID $AZ_BATCH_JOB_ID $FROM_JOB $BOTH;"
                        + " test \"$PWD\" = \"$AZ_BATCH_TASK_WORKING_DIR\" && echo inwd'"));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("literal")
                .withCommandLine("echo $HOME \"a  b\""));
        awaitCompleted(job, "env");
        awaitCompleted(job, "literal");
        assertThat(stdout(job, "env")).isEqualTo("env job-env j task\ninwd\n");
        assertThat(stdout(job, "literal")).isEqualTo("$HOME a  b\n");
    }

    @Test
    void missingProgramFailsWithoutRetry() throws Exception {
        String job = "job-noprog";
        createJob(job);
        client.taskOperations().createTask(job, new TaskAddParameter().withId("t")
                .withCommandLine("no-such-program-xyz --flag")
                .withConstraints(new TaskConstraints().withMaxTaskRetryCount(3)));
        CloudTask t = awaitCompleted(job, "t");
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("CommandProgramNotFound");
        assertThat(t.executionInfo().retryCount()).isZero();
    }

    @Test
    void nonZeroExitIsRetriedUpToTheLimitFallingBackToTheJob() throws Exception {
        String job = "job-retry";
        client.jobOperations().createJob(new JobAddParameter().withId(job)
                .withPoolInfo(new PoolInformation().withPoolId(POOL))
                .withConstraints(new com.microsoft.azure.batch.protocol.models.JobConstraints()
                        .withMaxTaskRetryCount(1)));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("own")
                .withCommandLine("/bin/sh -c 'echo try >> ../tries.txt; exit 3'")
                .withConstraints(new TaskConstraints().withMaxTaskRetryCount(2)));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("inherited")
                .withCommandLine("/bin/sh -c 'exit 4'"));
        CloudTask own = awaitCompleted(job, "own");
        CloudTask inherited = awaitCompleted(job, "inherited");
        assertThat(own.executionInfo().retryCount()).isEqualTo(2);
        assertThat(own.executionInfo().lastRetryTime()).isNotNull();
        assertThat(own.executionInfo().exitCode()).isEqualTo(3);
        assertThat(inherited.executionInfo().retryCount()).isEqualTo(1);
        assertThat(inherited.constraints().maxTaskRetryCount()).isEqualTo(1);
    }

    @Test
    void terminatingARunningTaskEndsIt() throws Exception {
        String job = "job-term";
        createJob(job);
        client.taskOperations().createTask(job, new TaskAddParameter().withId("sleeper")
                .withCommandLine("/bin/sleep 60"));
        Poll.until(WAIT, () -> client.taskOperations().getTask(job, "sleeper").state(), TaskState.RUNNING::equals,
                "task running");
        client.taskOperations().terminateTask(job, "sleeper");
        CloudTask t = client.taskOperations().getTask(job, "sleeper");
        assertThat(t.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("TaskEnded");
        // terminating it again: the service's 409 (seqeralabs/nf-tower#385), and the task is left as it was
        BatchErrorException again = catchThrowableOfType(() -> client.taskOperations().terminateTask(job, "sleeper"),
                BatchErrorException.class);
        assertThat(again.response().code()).isEqualTo(409);
        assertThat(again.body().code()).isEqualTo("TaskCompleted");
        assertThat(again.body().message().value()).startsWith("The specified task is already in a completed state.");
        assertThat(client.taskOperations().getTask(job, "sleeper").eTag()).isEqualTo(t.eTag());

        client.taskOperations().deleteTask(job, "sleeper");
        assertThatThrownBy(() -> client.taskOperations().getTask(job, "sleeper"))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("TaskNotFound"));
    }

    @Test
    void theNodeRootHoldsItsStandardFoldersBeforeTheStartTaskRuns() throws Exception {
        String pool = "pool-layout";
        client.poolOperations().createPool(TestAccounts.pool(pool).withTargetDedicatedNodes(1)
                .withStartTask(new com.microsoft.azure.batch.protocol.models.StartTask().withWaitForSuccess(true)
                        .withCommandLine("/bin/sh -c 'echo from-start-task > \"$AZ_BATCH_NODE_SHARED_DIR/s.txt\"'")));
        ComputeNode node = Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes(pool),
                ns -> ns.size() == 1 && ns.get(0).state() != ComputeNodeState.STARTING
                        && ns.get(0).state() != ComputeNodeState.WAITING_FOR_START_TASK, "node started").get(0);
        assertThat(node.state()).as("start task: %s", node.startTaskInfo()).isEqualTo(ComputeNodeState.IDLE);
        String job = "job-layout";
        client.jobOperations().createJob(job, new PoolInformation().withPoolId(pool));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("reads")
                .withCommandLine("/bin/sh -c 'cat \"$AZ_BATCH_NODE_SHARED_DIR/s.txt\" && cd \"$AZ_BATCH_NODE_ROOT_DIR\""
                        + " && ls -d applications fsmounts shared startup volatile workitems'"));
        CloudTask t = awaitCompleted(job, "reads");
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(stdout(job, "reads")).isEqualTo(
                "from-start-task\napplications\nfsmounts\nshared\nstartup\nvolatile\nworkitems\n");
        client.poolOperations().deletePool(pool);
    }

    @Test
    void zeroTaskJobWithTerminateJobCompletesAtOnce() throws Exception {
        String job = "job-empty";
        client.jobOperations().createJob(new JobAddParameter().withId(job)
                .withPoolInfo(new PoolInformation().withPoolId(POOL))
                .withOnAllTasksComplete(OnAllTasksComplete.TERMINATE_JOB));
        assertThat(client.jobOperations().getJob(job).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void bundledFfmpegIsOnTheTasksPath() throws Exception {
        String job = "job-ffmpeg";
        createJob(job);
        client.taskOperations().createTask(job, new TaskAddParameter().withId("v")
                .withCommandLine("ffmpeg -hide_banner -version"));
        CloudTask t = awaitCompleted(job, "v");
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(stdout(job, "v")).startsWith("ffmpeg version");
    }

    private static void createJob(String id) {
        try {
            client.jobOperations().createJob(id, new PoolInformation().withPoolId(POOL));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static CloudTask awaitCompleted(String job, String task) throws Exception {
        return Poll.until(WAIT, () -> client.taskOperations().getTask(job, task),
                t -> t.state() == TaskState.COMPLETED, "task " + task + " completed");
    }

    private static String stdout(String job, String task) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(job, task, "stdout.txt", out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
