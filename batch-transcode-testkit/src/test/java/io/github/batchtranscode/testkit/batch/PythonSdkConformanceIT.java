package io.github.batchtranscode.testkit.batch;

import static io.github.batchtranscode.testkit.batch.ForeignClientRun.INPUT_TEXT;
import static io.github.batchtranscode.testkit.batch.ForeignClientRun.SUPPORTED_VERSION;
import static io.github.batchtranscode.testkit.batch.ForeignClientRun.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulator judged by a second client we did not write: Microsoft's Python Batch SDK ({@code azure-batch}
 * 13.0.1, as Debian's {@code python3-azure} ships it; see {@link ForeignClient#python()}) runs
 * {@code foreign-clients/python/conformance.py} through a whole job. Besides what {@link JsSdkConformanceIT}
 * checks, it exercises how this client signs: query values decoded once (a {@code +} in a {@code $filter}), a
 * file path whose {@code %2F} it signs as {@code /}, and its own paging (it follows {@code odata.nextLink} by
 * itself) and task-collection wrapper (which hides {@code TaskExists}).
 *
 * <p>The SDK sends {@code 2022-10-01.16.0}; the emulator enforces retirement, so the script sets every operation
 * group's {@code api_version} to {@code 2025-06-01} after seeing the refusal.
 */
@ExtendWith(AzuriteExtension.class)
class PythonSdkConformanceIT {
    private static ForeignClientRun run;

    @BeforeAll
    static void runTheForeignClient(Azurite azurite) throws Exception {
        run = ForeignClientRun.start(ForeignClient.python(), "foreign-clients/python/conformance.py", azurite);
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theSdksOwnRetiredApiVersionIsRefusedAndTheSupportedOneIsServed() {
        assertThat(run.report.path("sdkApiVersion").asText()).isEqualTo("2022-10-01.16.0");
        run.assertServiceError("listPoolsWithSdkVersion", 400, "UnsupportedRequestVersion",
                "The specified request version is not supported.");
        assertThat(run.report.path("usedApiVersion").asText()).isEqualTo(SUPPORTED_VERSION);
    }

    @Test
    void aWholeJobRunsAsTheServiceWouldRunIt() {
        JsonNode nodes = run.value("nodesIdle");
        assertThat(nodes).hasSize(2);
        nodes.forEach(n -> assertThat(n.path("startTaskExitCode").asInt(-1)).isZero());
        Map<String, JsonNode> added = new LinkedHashMap<>();
        run.value("addCollection").forEach(v -> added.put(v.path("taskId").asText(), v));
        assertThat(added).containsOnlyKeys("ok", "fails", "single");
        assertThat(added.get("single").path("status").asText()).isEqualTo("clienterror");
        assertThat(added.get("single").path("errorCode").asText()).isEqualTo("TaskExists");
        assertThat(added.get("ok").path("status").asText()).isEqualTo("success");
        JsonNode counts = run.value("allCompleted");
        assertThat(counts.path("completed").asInt()).isEqualTo(3);
        assertThat(counts.path("succeeded").asInt()).isEqualTo(2);
        assertThat(counts.path("failed").asInt()).isEqualTo(1);
        JsonNode failed = run.value("get_fails");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.path("result").asText()).isEqualTo("failure");
        assertThat(failed.path("failureInfo").path("category").asText()).isEqualTo("usererror");
        assertThat(failed.path("failureInfo").path("code").asText()).isEqualTo("FailureExitCode");
        for (String id : List.of("single", "ok")) {
            assertThat(run.value("get_" + id).path("result").asText()).as(id).isEqualTo("success");
            assertThat(run.value("get_" + id).path("failureInfo").isNull()).as(id).isTrue();
        }
        assertThat(run.value("bearerTaskGet").path("id").asText()).isEqualTo("ok");
        run.assertServiceError("getMissingTask", 404, "TaskNotFound", "The specified task does not exist.");
        assertThat(run.output.getBlobClient("py/results/single.txt").downloadContent().toString())
                .isEqualTo(INPUT_TEXT + "node-ready\n");
        assertThat(run.output.getBlobClient("py/logs/ok/stdout.txt").exists()).isTrue();
    }

    @Test
    void queriesAndFilePathsSignedThePythonWayAreAccepted() {
        assertThat(texts(run.value("listPlusInFilter"), null)).as("'+' in $filter").containsExactly("ok");
        JsonNode failed = run.value("listFailedSelected");
        assertThat(texts(failed, "id")).containsExactly("fails");
        assertThat(failed.get(0).path("nodeId").isNull()).as("nodeInfo was not selected").isTrue();
        assertThat(texts(run.value("pagedIds"), null)).as("maxResults 1, pages followed by the SDK")
                .containsExactly("fails", "ok", "single");
        assertThat(run.value("nestedFile").asText()).as("GET wd/sub dir/x.txt").isEqualTo(INPUT_TEXT + "node-ready\n");
        assertThat(run.value("nestedFileProperties").asInt()).as("HEAD Content-Length").isEqualTo(30);
    }

    @Test
    void terminateAndDeleteAnswerAsTheServiceDoes() {
        run.assertServiceError("terminateCompletedTask", 409, "TaskCompleted",
                "The specified task is already in a completed state.");
        JsonNode job = run.value("jobAfterTerminate");
        assertThat(job.path("state").asText()).isEqualTo("completed");
        assertThat(job.path("terminateReason").asText()).isEqualTo("UserTerminate");
        assertThat(run.value("poolAfterDelete").asText()).isEqualTo("deleting");
    }
}
