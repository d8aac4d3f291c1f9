package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulator judged by a client we did not write: Microsoft's JavaScript Batch SDK ({@code @azure/batch}
 * {@value ForeignJsClient#VERSION}, see {@link ForeignJsClient}) runs {@code foreign-clients/js/conformance.cjs}
 * against the emulator and Azurite (pool with a start task, job, task and task collection, resource and output
 * files, filters, counts, errors, SharedKey and bearer auth, terminate and delete), and each test asserts on what
 * that client parsed, as a user of it would see it from the real service.
 *
 * <p>The emulator enforces api-version retirement, as the service will: the SDK's own version
 * ({@code 2022-10-01.16.0}) must be refused in the service's shape, and the script then sets the SDK's
 * {@code apiVersion} to {@code 2025-06-01}, the first version that is not retired (the SDK allows it: the
 * property is read per request).
 */
@ExtendWith(AzuriteExtension.class)
class ForeignClientConformanceIT {
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String SUPPORTED_VERSION = "2025-06-01";
    private static BatchEmulator emulator;
    private static BlobContainerClient output;
    private static JsonNode report;
    private static JsonNode steps;

    @BeforeAll
    static void runTheForeignClient(Azurite azurite) throws Exception {
        ForeignJsClient js = ForeignJsClient.require();
        String run = Long.toHexString(System.nanoTime());
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        BlobContainerClient input = blobs.createBlobContainerIfNotExists("fc-in-" + run);
        output = blobs.createBlobContainerIfNotExists("fc-out-" + run);
        var data = input.getBlobClient("data one.txt");
        data.upload(BinaryData.fromString("hello from azurite\n"), true);
        OffsetDateTime expiry = OffsetDateTime.now().plusHours(1);
        String inputUrl = data.getBlobUrl() + "?" + data.generateSas(new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true)));
        String outputUrl = output.getBlobContainerUrl() + "?" + output.generateSas(new BlobServiceSasSignatureValues(
                expiry, new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true)));
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(2)
                .enforceApiVersionRetirement(true).acceptBearerTokens(TOKEN::equals).start();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", emulator.endpoint());
        config.put("account", TestAccounts.ACCOUNT);
        config.put("key", TestAccounts.KEY);
        config.put("bearerToken", TOKEN);
        config.put("apiVersion", SUPPORTED_VERSION);
        config.put("poolId", "fc-pool-" + run);
        config.put("jobId", "fc-job-" + run);
        config.put("inputUrl", inputUrl);
        config.put("outputUrl", outputUrl);
        config.put("deadlineSeconds", 60);
        Path scratch = Files.createTempDirectory("foreign-js-");
        report = js.run("foreign-clients/js/conformance.cjs", config, scratch, Duration.ofMinutes(3));
        steps = report.path("steps");
        assertThat(report.path("fatal").isMissingNode()).as("the script's own crash: %s", report.path("fatal"))
                .isTrue();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** A step's parsed value; fails naming the step and what the client threw when it did not succeed. */
    private static JsonNode value(String step) {
        JsonNode s = steps.path(step);
        assertThat(s.path("ok").asBoolean()).as("step %s: %s", step, s).isTrue();
        return s.path("value");
    }

    /** The error a step threw, as the client parsed it. */
    private static JsonNode error(String step) {
        JsonNode s = steps.path(step);
        assertThat(s.path("ok").asBoolean(true)).as("step %s should have failed: %s", step, s).isFalse();
        return s.path("error");
    }

    private static void assertServiceError(String step, int status, String code, String messageStart) {
        JsonNode e = error(step);
        assertThat(e.path("statusCode").asInt()).as("%s status: %s", step, e).isEqualTo(status);
        assertThat(e.path("code").asText()).as("%s code (RestError.code)", step).isEqualTo(code);
        assertThat(e.path("bodyCode").asText()).as("%s BatchError.code", step).isEqualTo(code);
        assertThat(e.path("messageLang").asText()).isEqualTo("en-US");
        assertThat(e.path("messageValue").asText()).as("%s message", step).startsWith(messageStart)
                .contains("\nRequestId:").contains("\nTime:");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    @Test
    void theSdksOwnRetiredApiVersionIsRefusedInTheServicesShapeAndTheSupportedOneIsServed() {
        assertThat(report.path("sdkApiVersion").asText()).isEqualTo("2022-10-01.16.0");
        assertServiceError("listPoolsWithSdkVersion", 400, "UnsupportedRequestVersion",
                "The specified request version is not supported.");
        assertThat(report.path("usedApiVersion").asText()).isEqualTo(SUPPORTED_VERSION);
        assertThat(emulator.stats().requestsByApiVersion()).containsOnlyKeys("2022-10-01.16.0", SUPPORTED_VERSION)
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
        assertThat(output.getBlobClient("results/single.txt").downloadContent().toString())
                .as("the blob from the SAS URL, then what the start task left in the shared directory")
                .isEqualTo("hello from azurite\nnode-ready\n");
        assertThat(output.getBlobClient("results/ok.txt").downloadContent().toString()).isEqualTo("ok\n");
        assertThat(output.getBlobClient("results/fails.txt").exists()).as("tasksuccess on a failed task").isFalse();
        assertThat(output.getBlobClient("logs/fails/stderr.txt").downloadContent().toString()).isEqualTo("failing\n");
        assertThat(output.getBlobClient("logs/ok/stdout.txt").exists()).isTrue();
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
}
