package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobPreparationAndReleaseTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.JobPreparationTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPreparationTaskState;
import com.microsoft.azure.batch.protocol.models.JobReleaseTask;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Job Preparation task as the REST docs describe it, through the real azure-batch client: it runs once per node
 * before the job's first task there, in {@code jobpreparation/wd} where its resource files land and where the
 * tasks find them ({@code AZ_BATCH_JOB_PREP_WORKING_DIR}); with {@code waitForSuccess} (the default) a node where it
 * failed, after its retries, never runs the job's tasks, which stay active; without it tasks run regardless; its
 * status per node is listed by Job_ListPreparationAndReleaseTaskStatus.
 */
class BatchEmulatorJobPreparationIT {
    private static final String POOL = "pool-prep";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static BlobStub blobs;

    @BeforeAll
    static void start() throws Exception {
        blobs = new BlobStub("input");
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(2).slotsPerNode(2)
                .start();
        client = TestAccounts.client(emulator.endpoint());
        client.poolOperations().createPool(TestAccounts.pool(POOL).withTargetDedicatedNodes(2).withTaskSlotsPerNode(2));
        Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes(POOL),
                ns -> ns.size() == 2 && ns.stream().allMatch(n -> n.state().toString().equals("idle")), "idle nodes");
    }

    @AfterEach
    void calm() {
        emulator.faults().failJobPreparation(false);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        blobs.close();
    }

    private static void job(String id, JobPreparationTask prep) throws Exception {
        client.jobOperations().createJob(new JobAddParameter().withId(id)
                .withPoolInfo(new PoolInformation().withPoolId(POOL)).withJobPreparationTask(prep));
    }

    private static List<JobPreparationAndReleaseTaskExecutionInformation> status(String job) throws Exception {
        return new ArrayList<>(client.protocolLayer().jobs().listPreparationAndReleaseTaskStatus(job));
    }

    private static List<CloudTask> completed(String job, int n) throws Exception {
        return Poll.until(WAIT, () -> client.taskOperations().listTasks(job),
                ts -> ts.size() == n && ts.stream().allMatch(t -> t.state() == TaskState.COMPLETED), n + " completed");
    }

    private static String stdout(String job, String task) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(job, task, "stdout.txt", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void itRunsOncePerNodeBeforeTheJobsTasksWhichFindItsFilesInItsWorkingDirectory() throws Exception {
        blobs.put("input", "job/common.txt", "shared by every task");
        String job = "job-prep-ok";
        job(job, new JobPreparationTask().withCommandLine("/bin/sh -c 'echo \"$AZ_BATCH_TASK_WORKING_DIR\""
                + " >> \"$AZ_BATCH_NODE_SHARED_DIR/preps-" + job + "\"'")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobs.blobSasUrl("input", "job/common.txt"))
                        .withFilePath("common.txt"))));
        List<TaskAddParameter> tasks = IntStream.range(0, 8).mapToObj(i -> new TaskAddParameter().withId("t" + i)
                .withCommandLine("/bin/sh -c 'cat \"$AZ_BATCH_JOB_PREP_WORKING_DIR/common.txt\"; echo;"
                        + " wc -l < \"$AZ_BATCH_NODE_SHARED_DIR/preps-" + job + "\"; test ! -e common.txt'")).toList();
        client.taskOperations().createTasks(job, tasks);

        List<CloudTask> done = completed(job, 8);
        assertThat(done).allSatisfy(t -> assertThat(t.executionInfo().result()).as(t.id())
                .isEqualTo(TaskExecutionResult.SUCCESS));
        for (CloudTask t : done) {
            assertThat(stdout(job, t.id()).split("\n")).as("the file, then one preparation on this node")
                    .containsExactly("shared by every task", "1");
        }
        List<JobPreparationAndReleaseTaskExecutionInformation> status = status(job);
        assertThat(status).extracting(JobPreparationAndReleaseTaskExecutionInformation::nodeId)
                .as("one entry per node that ran the job's tasks").containsExactlyInAnyOrderElementsOf(
                        done.stream().map(t -> t.nodeInfo().nodeId()).distinct().toList());
        assertThat(status).allSatisfy(s -> {
            JobPreparationTaskExecutionInformation p = s.jobPreparationTaskExecutionInfo();
            assertThat(s.poolId()).isEqualTo(POOL);
            assertThat(p.state()).isEqualTo(JobPreparationTaskState.COMPLETED);
            assertThat(p.exitCode()).isZero();
            assertThat(p.result()).isEqualTo(TaskExecutionResult.SUCCESS);
            assertThat(p.retryCount()).isZero();
            assertThat(p.taskRootDirectory()).isEqualTo("workitems/" + job + "/job-1/jobpreparation");
            assertThat(p.startTime()).isNotNull();
            assertThat(p.endTime()).isNotNull();
        });
        CloudJob got = client.jobOperations().getJob(job);
        assertThat(got.jobPreparationTask().id()).as("the service's default id").isEqualTo("jobpreparation");
        assertThat(got.jobPreparationTask().waitForSuccess()).isTrue();
        assertThat(got.jobPreparationTask().rerunOnNodeRebootAfterSuccess()).isTrue();
        assertThat(got.jobPreparationTask().constraints().maxTaskRetryCount()).isZero();
    }

    @Test
    void aNodeWhosePreparationFailedAfterItsRetriesNeverRunsTheJobsTasks() throws Exception {
        String job = "job-prep-fails";
        job(job, new JobPreparationTask().withCommandLine("/bin/sh -c 'echo no >&2; exit 3'")
                .withConstraints(new TaskConstraints().withMaxTaskRetryCount(1)));
        client.taskOperations().createTasks(job, List.of(new TaskAddParameter().withId("a").withCommandLine("/bin/true"),
                new TaskAddParameter().withId("b").withCommandLine("/bin/true"),
                new TaskAddParameter().withId("c").withCommandLine("/bin/true")));

        List<JobPreparationAndReleaseTaskExecutionInformation> status = Poll.until(WAIT, () -> status(job),
                s -> s.size() == 2 && s.stream().allMatch(e -> e.jobPreparationTaskExecutionInfo().state()
                        == JobPreparationTaskState.COMPLETED), "the preparation failed on both nodes");
        assertThat(status).allSatisfy(s -> {
            JobPreparationTaskExecutionInformation p = s.jobPreparationTaskExecutionInfo();
            assertThat(p.exitCode()).isEqualTo(3);
            assertThat(p.result()).isEqualTo(TaskExecutionResult.FAILURE);
            assertThat(p.retryCount()).isEqualTo(1);
            assertThat(p.failureInfo().code()).isEqualTo("FailureExitCode");
        });
        List<CloudTask> tasks = Poll.until(WAIT, () -> client.taskOperations().listTasks(job),
                ts -> ts.stream().allMatch(t -> t.state() == TaskState.ACTIVE), "the tasks back in the queue");
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(t.executionInfo() == null
                || t.executionInfo().startTime() == null).as(t.id() + " never started").isTrue());
        assertThat(client.protocolLayer().jobs().getTaskCounts(job).taskCounts().active()).isEqualTo(3);
        // the nodes stay usable for other jobs
        String other = "job-after-failed-prep";
        client.jobOperations().createJob(other, new PoolInformation().withPoolId(POOL));
        client.taskOperations().createTask(other, new TaskAddParameter().withId("x").withCommandLine("/bin/true"));
        assertThat(completed(other, 1).get(0).executionInfo().exitCode()).isZero();
        client.jobOperations().deleteJob(job);
        client.jobOperations().deleteJob(other);
    }

    @Test
    void aResourceFileThatCannotBeDownloadedFailsItWithoutAnExitCode() throws Exception {
        emulator.faults().failJobPreparation(true);
        blobs.put("input", "job/s.sh", "exit 0");
        String job = "job-prep-sas";
        job(job, new JobPreparationTask().withCommandLine("/bin/true").withResourceFiles(List.of(
                new ResourceFile().withHttpUrl(blobs.blobSasUrl("input", "job/s.sh")).withFilePath("s.sh"))));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("a").withCommandLine("/bin/true"));
        List<JobPreparationAndReleaseTaskExecutionInformation> status = Poll.until(WAIT, () -> status(job),
                s -> s.size() == 2 && s.stream().allMatch(e -> e.jobPreparationTaskExecutionInfo().result()
                        == TaskExecutionResult.FAILURE), "the preparation failed on both nodes");
        assertThat(status).allSatisfy(s -> {
            assertThat(s.jobPreparationTaskExecutionInfo().exitCode()).isNull();
            assertThat(s.jobPreparationTaskExecutionInfo().failureInfo().code()).isEqualTo("BlobAccessDenied");
        });
        assertThat(client.taskOperations().getTask(job, "a").state()).isEqualTo(TaskState.ACTIVE);
        client.jobOperations().deleteJob(job);
    }

    @Test
    void withoutWaitForSuccessTheTasksRunEvenWhereItFailed() throws Exception {
        String job = "job-prep-nowait";
        job(job, new JobPreparationTask().withCommandLine("/bin/sh -c 'exit 1'").withWaitForSuccess(false));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("a").withCommandLine("/bin/true"));
        assertThat(completed(job, 1).get(0).executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
    }

    @Test
    void aJobWithoutOneHasNoStatusListAndAReleaseTaskIsRefusedNotIgnored() throws Exception {
        String job = "job-no-prep";
        client.jobOperations().createJob(job, new PoolInformation().withPoolId(POOL));
        BatchErrorException none = catchThrowableOfType(() -> status(job), BatchErrorException.class);
        assertThat(none.response().code()).isEqualTo(409);
        assertThat(none.body().code()).isEqualTo("JobPreparationTaskNotSpecified");

        BatchErrorException release = catchThrowableOfType(() -> client.jobOperations().createJob(
                new JobAddParameter().withId("job-release").withPoolInfo(new PoolInformation().withPoolId(POOL))
                        .withJobPreparationTask(new JobPreparationTask().withCommandLine("/bin/true"))
                        .withJobReleaseTask(new JobReleaseTask().withCommandLine("/bin/true"))),
                BatchErrorException.class);
        assertThat(release.response().code()).isEqualTo(501);
        assertThat(release.body().code()).isEqualTo("NotImplemented");
        assertThat(release.body().message().value()).contains("jobReleaseTask");
    }
}
