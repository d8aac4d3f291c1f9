package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays every exchange recorded from the real Batch service ({@code src/test/resources/batch-wire}, a copy of
 * the project's reference recordings) against the emulator, with the same ids, and compares status, header names
 * with case, JSON field names both ways, value types and enum casing ({@link WireDiff}). A divergence fails the
 * test unless {@link KnownDivergences} lists it with its reason (the same list is in CONTRACT-NOTES.md).
 */
class RecordedConformanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private BatchEmulator emulator;
    private RawBatch raw;
    private BlobStub blobs;
    private final List<String> divergences = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        // a deleted job stays 'deleting' long enough for the recorded second DELETE to meet it, as on the service
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(1)
                .jobDeleteTime(Duration.ofSeconds(30)).start();
        raw = new RawBatch(emulator.endpoint(), TestAccounts.ACCOUNT, TestAccounts.KEY);
        blobs = new BlobStub("input", "output");
    }

    @AfterEach
    void stop() {
        emulator.close();
        blobs.close();
    }

    static JsonNode recording(String file) throws IOException {
        try (InputStream in = RecordedConformanceIT.class.getResourceAsStream("/batch-wire/" + file)) {
            assertThat(in).as("recording " + file + " on the test classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

    /** A call of the {@code calls} format: Status, ResponseHeaders, Body (object, or text for files). */
    private static WireDiff.Recorded call(String name, JsonNode c, boolean bothWays) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = c.has("ResponseHeaders") ? c.get("ResponseHeaders") : c.get("Response");
        if (h != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("StatusCode") && !e.getKey().equals("Body") && e.getValue().isTextual()) {
                    headers.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        int status = c.has("Status") ? c.get("Status").asInt() : c.get("Response").get("StatusCode").asInt();
        JsonNode body = c.has("Body") ? c.get("Body") : c.get("Response").get("Body");
        if (body != null && body.isTextual()) {
            String text = body.asText().trim();
            body = text.startsWith("{") ? JSON.readTree(text) : null;
        }
        return new WireDiff.Recorded(name, status, headers, body, bothWays);
    }

    private void check(WireDiff.Recorded rec, RawBatch.Reply got) throws IOException {
        divergences.addAll(WireDiff.compare(rec, got));
    }

    private void assertOnlyKnownDivergences() {
        List<String> unknown = KnownDivergences.unexplained(divergences);
        KnownDivergences.explained(divergences).forEach(d -> System.out.println("known divergence: " + d));
        assertThat(unknown).as("divergences from the recorded service not fixed and not in CONTRACT-NOTES.md")
                .isEmpty();
    }

    private static String q(String path) {
        return path + (path.contains("?") ? "&" : "?") + RawBatch.API;
    }

    private String pool(String id, int dedicated) throws IOException {
        String body = "{\"id\":\"" + id + "\",\"vmSize\":\"standard_d2s_v5\",\"targetDedicatedNodes\":" + dedicated
                + ",\"virtualMachineConfiguration\":{\"imageReference\":{\"publisher\":\"canonical\","
                + "\"offer\":\"ubuntu-24_04-lts\",\"sku\":\"server\",\"version\":\"latest\"},"
                + "\"nodeAgentSKUId\":\"batch.node.ubuntu 24.04\"}}";
        RawBatch.Reply r = raw.send("POST", q("/pools"), body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return id;
    }

    private RawBatch.Reply awaitCompleted(String job, String task) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            RawBatch.Reply r = raw.send("GET", q("/jobs/" + job + "/tasks/" + task), null);
            if (r.json().path("state").asText().equals("completed")) {
                return r;
            }
            assertThat(Instant.now()).as("task " + task + " completes").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    private RawBatch.Reply awaitStatus(String path, int status) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            RawBatch.Reply r = raw.send("GET", q(path), null);
            if (r.status() == status) {
                return r;
            }
            assertThat(Instant.now()).as(path + " answers " + status).isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void poolExistsAddGetDeleteAsRecorded() throws Exception {
        JsonNode calls = recording("pool_exists_add_get_notfound.json").get("calls");
        String id = "BatchUser-canCRUDLowPri-testPool";
        check(call("pool HEAD absent", calls.get(0), true), raw.send("HEAD", q("/pools/" + id), null));
        ObjectNode add = ((ObjectNode) calls.get(3).get("Body").deepCopy());
        for (String computed : List.of("odata.metadata", "url", "eTag", "lastModified", "creationTime", "state",
                "stateTransitionTime", "allocationState", "allocationStateTransitionTime", "currentDedicatedNodes",
                "currentLowPriorityNodes")) {
            add.remove(computed);
        }
        // the recorded Ubuntu 18.04 image is retired since; the same request with today's supported image:
        ((ObjectNode) add.get("virtualMachineConfiguration")).set("imageReference", JSON.readTree(
                "{\"publisher\":\"canonical\",\"offer\":\"ubuntu-24_04-lts\",\"sku\":\"server\",\"version\":\"latest\"}"));
        ((ObjectNode) add.get("virtualMachineConfiguration")).put("nodeAgentSKUId", "batch.node.ubuntu 24.04");
        check(call("pool POST", calls.get(1), true), raw.send("POST", q("/pools"), add.toString()));
        check(call("pool HEAD present", calls.get(2), true), raw.send("HEAD", q("/pools/" + id), null));
        WireDiff.Recorded get = call("pool GET", calls.get(3), true);
        ((ObjectNode) get.body().get("virtualMachineConfiguration")).setAll(
                (ObjectNode) add.get("virtualMachineConfiguration"));
        check(get, raw.send("GET", q("/pools/" + id), null));
        assertThat(raw.send("DELETE", q("/pools/" + id), null).status()).isEqualTo(202);
        check(call("pool GET after delete", calls.get(4), true), awaitStatus("/pools/" + id, 404));
        check(call("pool HEAD after delete", calls.get(5), true), raw.send("HEAD", q("/pools/" + id), null));
        assertOnlyKnownDivergences();
    }

    @Test
    void taskLifecycleAsRecorded() throws Exception {
        JsonNode calls = recording("canCRUDTest_task_lifecycle.json").get("calls");
        String job = "BatchUser-canCRUDTest";
        String jobs = "/jobs/" + job;
        blobs.put("input", "test.txt", "This is an example");
        check(call("job POST", calls.get(0), true), raw.send("POST", q("/jobs"),
                "{\"id\":\"" + job + "\",\"poolInfo\":{\"poolId\":\"BatchUser-testIaaSpool\"}}"));
        check(call("task POST", calls.get(1), true), raw.send("POST", q(jobs + "/tasks"), "{\"id\":\"mytask\","
                + "\"commandLine\":\"/bin/bash -c 'set -e; set -o pipefail; cat test.txt'\",\"resourceFiles\":[{"
                + "\"httpUrl\":\"" + blobs.blobSasUrl("input", "test.txt") + "\",\"filePath\":\"test.txt\"}]}"));
        check(call("task GET active", calls.get(2), true), raw.send("GET", q(jobs + "/tasks/mytask"), null));
        check(call("task PUT", calls.get(3), true), raw.send("PUT", q(jobs + "/tasks/mytask"),
                "{\"constraints\":{\"maxTaskRetryCount\":5}}"));
        check(call("task list $select", calls.get(4), true),
                raw.send("GET", q(jobs + "/tasks?%24select=id%2C%20state"), null));
        pool("BatchUser-testIaaSpool", 1);
        check(call("task GET completed", calls.get(5), true), awaitCompleted(job, "mytask"));
        check(call("task file GET", calls.get(6), true),
                raw.send("GET", q(jobs + "/tasks/mytask/files/stdout.txt"), null));
        check(call("task DELETE", calls.get(7), true), raw.send("DELETE", q(jobs + "/tasks/mytask"), null));
        check(call("task GET deleted", calls.get(8), true), raw.send("GET", q(jobs + "/tasks/mytask"), null));
        check(call("job DELETE", calls.get(9), true), raw.send("DELETE", q(jobs), null));
        assertOnlyKnownDivergences();
    }

    @Test
    void taskFilesAsRecorded() throws Exception {
        JsonNode calls = recording("canReadFromTaskFile_files.json").get("calls");
        String jobs = "/jobs/BatchUser-Job-canReadFromTaskFile";
        raw.send("POST", q("/jobs"), "{\"id\":\"BatchUser-Job-canReadFromTaskFile\",\"poolInfo\":{\"poolId\":\""
                + pool("BatchUser-testpool", 1) + "\"}}");
        raw.send("POST", q(jobs + "/tasks"), "{\"id\":\"mytask\",\"commandLine\":\"/bin/bash -c \\\"printf "
                + "'hello\\\\r\\\\n'\\\"\"}");
        awaitCompleted("BatchUser-Job-canReadFromTaskFile", "mytask");
        check(call("files list", calls.get(0), true), raw.send("GET", q(jobs + "/tasks/mytask/files"), null));
        RawBatch.Reply file = raw.send("GET", q(jobs + "/tasks/mytask/files/stdout.txt"), null);
        check(call("file GET", calls.get(1), true), file);
        assertThat(file.text()).isEqualTo("hello\r\n");
        check(call("file HEAD", calls.get(2), true), raw.send("HEAD", q(jobs + "/tasks/mytask/files/stdout.txt"),
                null));
        assertOnlyKnownDivergences();
    }

    @Test
    void tooLargeCollectionAsRecorded() throws Exception {
        JsonNode calls = recording("failIfPoisonTaskTooLarge.json").get("networkCallRecords");
        String job = "BatchUser-failIfPoisonTaskTooLarge";
        check(call("job POST", calls.get(0), true), raw.send("POST", q("/jobs"),
                "{\"id\":\"" + job + "\",\"poolInfo\":{\"poolId\":\"nopool\"}}"));
        String big = "x".repeat(1_100_000);
        check(call("addtaskcollection 413", calls.get(1), true), raw.send("POST", q("/jobs/" + job
                + "/addtaskcollection"), "{\"value\":[{\"id\":\"t\",\"commandLine\":\"" + big + "\"}]}"));
        check(call("job DELETE", calls.get(2), true), raw.send("DELETE", q("/jobs/" + job), null));
        assertOnlyKnownDivergences();
    }

    @Test
    void jobBodiesAndSecondDeleteAsRecorded() throws Exception {
        JsonNode rec = recording("canCRUDJob_job_get_and_conflict.json");
        raw.send("POST", q("/jobs"), "{\"id\":\"BatchUser-Job-canCRUD\",\"poolInfo\":{\"poolId\":\"BatchUser-testpool\"}}");
        check(new WireDiff.Recorded("job GET", 200, Map.of(), rec.get("job_GET_body"), true),
                raw.send("GET", q("/jobs/BatchUser-Job-canCRUD"), null));
        String done = "BatchUser-JobSchedule-updateJobScheduleState-job-1";
        raw.send("POST", q("/jobs"), "{\"id\":\"" + done + "\",\"poolInfo\":{\"poolId\":\"BatchUser-testpool\"}}");
        raw.send("POST", q("/jobs/" + done + "/terminate"), "{}");
        ObjectNode completed = rec.get("completed_job_in_list").deepCopy();
        completed.put("id", done);
        check(new WireDiff.Recorded("completed job in list", 200, Map.of(),
                JSON.createObjectNode().set("value", JSON.createArrayNode().add(completed)), false),
                raw.send("GET", q("/jobs?%24filter=id%20eq%20%27" + done + "%27"), null));
        assertThat(raw.send("DELETE", q("/jobs/BatchUser-Job-canCRUD"), null).status()).isEqualTo(202);
        check(call("second job DELETE", rec.get("second_DELETE_409"), true),
                raw.send("DELETE", q("/jobs/BatchUser-Job-canCRUD"), null));
        assertOnlyKnownDivergences();
    }

    @Test
    void outputFileTasksAsRecorded() throws Exception {
        JsonNode rec = recording("testOutputFiles_success_and_failed_task.json");
        String job = "BatchUser-testOutputFiles";
        raw.send("POST", q("/jobs"), "{\"id\":\"" + job + "\",\"poolInfo\":{\"poolId\":\""
                + pool("BatchUser-testIaaSpool", 1) + "\"}}");
        String outputs = "[{\"filePattern\":\"../stdout.txt\",\"destination\":{\"container\":{\"containerUrl\":\""
                + blobs.containerSasUrl("output") + "\",\"path\":\"taskLogs/output.txt\"}},\"uploadOptions\":{"
                + "\"uploadCondition\":\"taskcompletion\"}},{\"filePattern\":\"../stderr.txt\",\"destination\":{"
                + "\"container\":{\"containerUrl\":\"" + blobs.containerSasUrl("output") + "\",\"path\":"
                + "\"taskLogs/err.txt\"}},\"uploadOptions\":{\"uploadCondition\":\"taskfailure\"}}]";
        raw.send("POST", q("/jobs/" + job + "/tasks"), "{\"id\":\"mytask\",\"commandLine\":\"bash -c \\\"echo "
                + "hello\\\"\",\"outputFiles\":" + outputs + "}");
        raw.send("POST", q("/jobs/" + job + "/tasks"), "{\"id\":\"mytask1\",\"commandLine\":\"bash -c \\\"bad "
                + "command\\\"\",\"outputFiles\":" + outputs + "}");
        check(new WireDiff.Recorded("succeeded task GET", 200, Map.of(), rec.get("succeeded_task_GET_body"), true),
                awaitCompleted(job, "mytask"));
        check(new WireDiff.Recorded("failed task GET", 200, Map.of(), rec.get("failed_task_GET_body"), true),
                awaitCompleted(job, "mytask1"));
        assertOnlyKnownDivergences();
    }

    @Test
    void addCollectionCountsAndErrorBodiesAsRecorded() throws Exception {
        JsonNode rec = recording("addtaskcollection_and_taskcounts.json");
        JsonNode errors = recording("error_bodies.json");
        raw.send("POST", q("/jobs"), "{\"id\":\"BatchUser-testGetTaskCounts\",\"poolInfo\":{\"poolId\":\"nopool\"}}");
        String jobs = "/jobs/BatchUser-testGetTaskCounts";
        check(new WireDiff.Recorded("addtaskcollection 200", 200, Map.of(), rec.get("addtaskcollection_200_real_excerpt"),
                true), raw.send("POST", q(jobs + "/addtaskcollection"), "{\"value\":[{\"id\":\"mytask57\","
                + "\"commandLine\":\"/bin/true\"},{\"id\":\"mytask52\",\"commandLine\":\"/bin/true\"}]}"));
        check(new WireDiff.Recorded("addtaskcollection ClientError", 200, Map.of(),
                rec.get("addtaskcollection_clienterror_doc_example"), true), raw.send("POST",
                q(jobs + "/addtaskcollection"), "{\"value\":[{\"id\":\"mytask2\",\"commandLine\":\"/bin/true\"},"
                        + "{\"id\":\"mytask57\",\"commandLine\":\"/bin/true\"}]}"));
        check(new WireDiff.Recorded("taskcounts", 200, Map.of(),
                rec.get("taskcounts_2024_07_01_20_0_body_REQUIRED_BY_SDK_11_2_0"), false),
                raw.send("GET", q(jobs + "/taskcounts"), null));
        check(new WireDiff.Recorded("TaskNotFound", 404, Map.of(), errors.get("TaskNotFound_404"), false),
                raw.send("GET", q(jobs + "/tasks/nothere"), null));
        check(new WireDiff.Recorded("PoolNotFound", 404, Map.of(), errors.get("PoolNotFound_404"), false),
                raw.send("GET", q("/pools/nothere"), null));
        check(new WireDiff.Recorded("ResourceNotFound", 404, Map.of(), recording("error.response.json"), false),
                raw.send("GET", q("/nothing/here"), null));
        check(new WireDiff.Recorded("InvalidQueryParameterValue", 400, Map.of(),
                errors.get("InvalidQueryParameterValue_400_doc_example"), false),
                raw.send("GET", q(jobs + "/tasks?%24filter=state%20eq%20%27deleted%27"), null));
        emulator.faults().errorRate(1).errorStatuses(429);
        check(new WireDiff.Recorded("TooManyRequests", 429, Map.of(), errors.get("TooManyRequests_429"), true),
                raw.send("GET", q("/pools"), null));
        assertOnlyKnownDivergences();
    }
}
