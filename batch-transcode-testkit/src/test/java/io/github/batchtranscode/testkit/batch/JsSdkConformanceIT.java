package io.github.batchtranscode.testkit.batch;

import static io.github.batchtranscode.testkit.batch.ForeignClientRun.INPUT_TEXT;
import static io.github.batchtranscode.testkit.batch.ForeignClientRun.SUPPORTED_VERSION;
import static io.github.batchtranscode.testkit.batch.ForeignClientRun.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulator judged by a client we did not write: Microsoft's JavaScript Batch SDK ({@code @azure/batch}
 * {@value ForeignClient#JS_VERSION}, see {@link ForeignClient#javascript()}) runs
 * {@code foreign-clients/js/conformance.cjs} against the emulator and Azurite (pool with a start task, job, task
 * and task collection, resource and output files, filters, paging, counts, errors, SharedKey and bearer auth,
 * terminate and delete), and each test asserts on what that client parsed, as its user would see it from the
 * real service.
 *
 * <p>The emulator enforces api-version retirement, as the service will: the SDK's own version
 * ({@code 2022-10-01.16.0}) must be refused in the service's shape, and the script then sets the SDK's
 * {@code apiVersion} to {@code 2025-06-01}, the first version that is not retired (the SDK allows it: the
 * property is read per request).
 */
@ExtendWith(AzuriteExtension.class)
class JsSdkConformanceIT {
    private static ForeignClientRun run;
    private static JsonNode report;

    @BeforeAll
    static void runTheForeignClient(Azurite azurite) throws Exception {
        run = ForeignClientRun.start(ForeignClient.javascript(), "foreign-clients/js/conformance.cjs", azurite);
        report = run.report;
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static JsonNode value(String step) {
        return run.value(step);
    }

    private static JsonNode error(String step) {
        return run.error(step);
    }

    /** As {@link ForeignClientRun#assertServiceError}, and the client's parsed {@code BatchError} agrees. */
    private static void assertServiceError(String step, int status, String code, String messageStart) {
        run.assertServiceError(step, status, code, messageStart);
        assertThat(error(step).path("bodyCode").asText()).as("%s BatchError.code", step).isEqualTo(code);
    }

    @Test
    void theSdksOwnRetiredApiVersionIsRefusedInTheServicesShapeAndTheSupportedOneIsServed() {
        assertThat(report.path("sdkApiVersion").asText()).isEqualTo("2022-10-01.16.0");
        assertServiceError("listPoolsWithSdkVersion", 400, "UnsupportedRequestVersion",
                "The specified request version is not supported.");
        assertThat(report.path("usedApiVersion").asText()).isEqualTo(SUPPORTED_VERSION);
        assertThat(run.emulator.stats().requestsByApiVersion()).containsOnlyKeys("2022-10-01.16.0", SUPPORTED_VERSION)
                .containsEntry("2022-10-01.16.0", 1L);
    }

    @Test
    void aPoolWithAStartTaskGetsIdleNodesAndAnswersExistsAsTheServiceDoes() {
        assertThat(value("poolAdd").asInt()).isEqualTo(201);
        assertServiceError("poolAddAgain", 409, "PoolExists", "The specified pool already exists.");
        JsonNode nodes = value("nodesIdle");
        assertThat(nodes).hasSize(2);
        for (JsonNode n : nodes) {
            assertThat(n.path("state").asText()).isEqualTo("idle");
            assertThat(n.path("schedulingState").asText()).isEqualTo("enabled");
            assertThat(n.path("startTaskState").asText()).isEqualTo("completed");
            assertThat(n.path("startTaskExitCode").asInt(-1)).isZero();
        }
        JsonNode pool = value("poolGet");
        assertThat(pool.path("state").asText()).isEqualTo("active");
        assertThat(pool.path("allocationState").asText()).isEqualTo("steady");
        assertThat(pool.path("currentDedicatedNodes").asInt()).isEqualTo(2);
        assertThat(pool.path("taskSlotsPerNode").asInt()).isEqualTo(2);
        assertThat(pool.path("eTag").asText()).startsWith("0x");
        JsonNode resize = error("poolResize");
        assertThat(resize.path("statusCode").asInt()).as("%s", resize).isEqualTo(501);
        assertThat(resize.path("code").asText()).isEqualTo("NotImplemented");
        assertThat(resize.path("messageValue").asText()).contains("Pool_Resize", "the Batch service does");
        assertThat(value("poolExists").asInt()).isEqualTo(200);
        assertThat(value("poolExistsMissing").asInt()).isEqualTo(404);
    }

    @Test
    void aTaskCollectionReportsTheDuplicateIdAsTaskExistsAndAddsTheRest() {
        assertThat(value("jobAdd").asInt()).isEqualTo(201);
        assertThat(value("taskAdd").asInt()).isEqualTo(201);
        JsonNode r = value("addCollection");
        assertThat(r.path("status").asInt()).isEqualTo(200);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        r.path("value").forEach(v -> byId.put(v.path("taskId").asText(), v));
        assertThat(byId).containsOnlyKeys("ok", "fails", "single");
        assertThat(byId.get("ok").path("status").asText()).isEqualToIgnoringCase("success");
        assertThat(byId.get("fails").path("status").asText()).isEqualToIgnoringCase("success");
        JsonNode dup = byId.get("single");
        assertThat(dup.path("status").asText()).isEqualToIgnoringCase("clienterror");
        assertThat(dup.path("errorCode").asText()).isEqualTo("TaskExists");
        assertThat(dup.path("errorMessage").asText()).startsWith("The specified task already exists.");
    }

    @Test
    void completedTasksCarryTheServicesExecutionInfoAndCounts() {
        JsonNode counts = value("allCompleted");
        for (String kind : List.of("taskCounts", "taskSlotCounts")) {
            JsonNode c = counts.path(kind);
            assertThat(c.path("active").asInt()).as(kind).isZero();
            assertThat(c.path("running").asInt()).as(kind).isZero();
            assertThat(c.path("completed").asInt()).as(kind).isEqualTo(3);
            assertThat(c.path("succeeded").asInt()).as(kind).isEqualTo(2);
            assertThat(c.path("failed").asInt()).as(kind).isEqualTo(1);
        }
        for (String id : List.of("single", "ok")) {
            JsonNode t = value("get_" + id);
            assertThat(t.path("state").asText()).isEqualTo("completed");
            assertThat(t.path("exitCode").asInt(-1)).as(id).isZero();
            assertThat(t.path("result").asText()).as(id).isEqualTo("success");
            assertThat(t.path("failureInfo").isNull()).as(id).isTrue();
            assertThat(t.path("retryCount").asInt(-1)).isZero();
            assertThat(t.path("hasStartTime").asBoolean() && t.path("hasEndTime").asBoolean()).isTrue();
            assertThat(t.path("nodeId").asText()).startsWith("tvmps_");
        }
        JsonNode failed = value("get_fails");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.path("result").asText()).isEqualTo("failure");
        JsonNode info = failed.path("failureInfo");
        assertThat(info.path("category").asText()).isEqualToIgnoringCase("usererror");
        assertThat(info.path("code").asText()).isEqualTo("FailureExitCode");
        assertThat(info.path("message").asText()).isEqualTo("The task exited with an exit code representing a"
                + " failure");
        assertServiceError("getMissingTask", 404, "TaskNotFound", "The specified task does not exist.");
    }

    @Test
    void filterSelectAndPagingGiveExactlyWhatWasAsked() {
        JsonNode failed = value("listFailedSelected");
        assertThat(texts(failed, "id")).containsExactly("fails");
        assertThat(texts(failed.get(0).path("keys"), null)).containsExactly("executionInfo", "id", "state");
        assertThat(failed.get(0).path("exitCode").asInt()).isEqualTo(3);
        JsonNode all = value("listAllSelected");
        assertThat(texts(all, "id")).containsExactlyInAnyOrder("single", "ok", "fails");
        all.forEach(t -> assertThat(texts(t.path("keys"), null)).containsExactly("id", "state"));
        assertThat(texts(value("listIdRange"), null)).containsExactly("ok", "single");
        JsonNode pages = value("pagedIds");
        assertThat(pages).as("maxResults 1 over 3 tasks, followed through odata.nextLink").hasSize(3);
        List<String> paged = new ArrayList<>();
        pages.forEach(p -> {
            assertThat(p).hasSize(1);
            paged.add(p.get(0).asText());
        });
        assertThat(paged).containsExactlyInAnyOrder("single", "ok", "fails");
        JsonNode jobs = value("jobListFiltered");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("state").asText()).isEqualTo("active");
    }

    @Test
    void resourceFilesComeFromAzuriteAndOutputFilesFollowTheirUploadConditions() {
        assertThat(run.output.getBlobClient("results/single.txt").downloadContent().toString())
                .as("the blob from the SAS URL, then what the start task left in the shared directory")
                .isEqualTo("hello from azurite\nnode-ready\n");
        assertThat(run.output.getBlobClient("results/ok.txt").downloadContent().toString()).isEqualTo("ok\n");
        assertThat(run.output.getBlobClient("results/fails.txt").exists()).as("tasksuccess on a failed task").isFalse();
        assertThat(run.output.getBlobClient("logs/fails/stderr.txt").downloadContent().toString())
                .isEqualTo("failing\n");
        assertThat(run.output.getBlobClient("logs/ok/stdout.txt").exists()).isTrue();
        assertThat(value("stderrOfFails").asText()).isEqualTo("failing\n");
        JsonNode files = value("filesOfFails");
        assertThat(texts(files, "name")).contains("stderr.txt", "stdout.txt", "wd");
        files.forEach(f -> {
            if (f.path("name").asText().equals("stderr.txt")) {
                assertThat(f.path("contentLength").asInt()).isEqualTo(8);
            }
            assertThat(f.path("isDirectory").asBoolean()).isEqualTo(f.path("name").asText().equals("wd"));
        });
    }

    @Test
    void bearerTokensAndSharedKeysAreAcceptedOnlyWhenRight() {
        assertThat(value("bearerTaskGet").path("id").asText()).isEqualTo("ok");
        assertServiceError("bearerWrongToken", 403, "AuthenticationFailed", "Server failed to authenticate the request."
                + " Make sure the value of Authorization header is formed correctly.\n");
        assertThat(error("bearerWrongToken").path("values").get(0).path("key").asText())
                .isEqualTo("AuthenticationErrorDetail");
        assertServiceError("wrongKey", 403, "AuthenticationFailed", "Server failed to authenticate the request.");
    }

    @Test
    void terminateAndDeleteMoveThroughTheServicesStatesAndRefusals() {
        assertServiceError("terminateCompletedTask", 409, "TaskCompleted",
                "The specified task is already in a completed state.");
        assertThat(value("jobTerminate").asInt()).isEqualTo(202);
        JsonNode job = value("jobAfterTerminate");
        assertThat(job.path("state").asText()).isEqualTo("completed");
        assertThat(job.path("terminateReason").asText()).isEqualTo("UserTerminate");
        assertThat(job.path("hasEndTime").asBoolean()).isTrue();
        assertServiceError("taskAddToCompletedJob", 409, "JobCompleted",
                "The specified job is already in a completed state.");
        assertThat(value("jobDelete").asInt()).isEqualTo(202);
        assertServiceError("jobGone", 404, "JobNotFound", "The specified job does not exist.");
        assertThat(value("poolDelete").asInt()).isEqualTo(202);
        assertThat(value("poolAfterDelete").asText()).isEqualTo("deleting");
    }

    @Test
    void aJobPreparationTaskRunsBeforeTheJobsTaskAndItsStatusIsListedPerNode() {
        JsonNode prep = value("prepJobGet");
        assertThat(prep.path("id").asText()).as("the service's default id").isEqualTo("jobpreparation");
        assertThat(prep.path("waitForSuccess").asBoolean()).isTrue();
        assertThat(prep.path("rerunOnNodeRebootAfterSuccess").asBoolean()).isTrue();
        assertThat(value("prepTaskDone").path("result").asText()).isEqualTo("success");
        assertThat(value("prepTaskStdout").asText()).as("the file the preparation copied in its directory")
                .isEqualTo(INPUT_TEXT);
        JsonNode status = value("prepStatus");
        assertThat(status).hasSize(1);
        JsonNode s = status.get(0);
        assertThat(s.path("nodeId").asText()).isEqualTo(value("prepTaskDone").path("nodeId").asText());
        assertThat(s.path("state").asText()).isEqualTo("completed");
        assertThat(s.path("exitCode").asInt(-1)).isZero();
        assertThat(s.path("result").asText()).isEqualTo("success");
        assertThat(s.path("retryCount").asInt(-1)).isZero();
        assertThat(s.path("hasStartTime").asBoolean()).isTrue();
        assertThat(s.path("hasEndTime").asBoolean()).isTrue();
        assertThat(s.path("taskRootDirectory").asText()).endsWith("/jobpreparation");
        assertThat(error("prepStatusOfJobWithout").path("statusCode").asInt()).isEqualTo(409);
        assertThat(error("prepStatusOfJobWithout").path("bodyCode").asText()).isEqualTo("JobPreparationTaskNotSpecified");
        assertThat(value("prepJobDelete").asInt()).isEqualTo(202);
    }
}
