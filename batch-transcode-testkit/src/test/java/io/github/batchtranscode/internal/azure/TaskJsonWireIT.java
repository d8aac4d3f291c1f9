package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorDetail;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.HttpHeader;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import io.github.batchtranscode.testkit.internal.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The fan-out's own JSON goes on the wire as the SDK would have sent it: the same chunk of the library's real tasks
 * (audio, blob destination, managed identity, video with upload headers and slots, one the service rejects) is
 * sent once with the SDK's {@code Tasks.addCollection} and once as {@link TaskChunk#body()} through
 * {@link BatchGateway}, through a proxy that records what reaches the emulator. Method, path, query, every header
 * (names exactly as sent, values where they are not per request) and the JSON body must match, with shared key
 * signing and with a bearer token, and the per-task results must be read alike.
 */
class TaskJsonWireIT {
    private static final String ACCOUNT = "wireaccount";
    private static final String KEY = BatchEmulator.randomKey();
    private static final String JOB = "wire-job";
    private static final String SAS = "?sv=2025-11-05&se=2026-12-31T00%3A00%3A00Z&sr=c&sp=cw&sig=c2lnbmF0dXJl";
    private static final Set<String> PER_REQUEST = Set.of("client-request-id", "x-ms-client-request-id", "ocp-date",
            "authorization");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Queue<HttpRequest> received = new ConcurrentLinkedQueue<>();
    private BatchEmulator emulator;
    private HttpServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void withSharedKeyTheJsonRequestIsTheSdksRequest() throws Exception {
        emulator = BatchEmulator.builder().account(ACCOUNT, KEY).start();
        String endpoint = startProxy();
        assertSameWire(BatchClients.sharedKey(endpoint, ACCOUNT, KEY), "SharedKey " + ACCOUNT + ":");
    }

    @Test
    void withABearerTokenTheJsonRequestIsTheSdksRequest() throws Exception {
        emulator = BatchEmulator.builder().account(ACCOUNT, KEY).acceptBearerTokens("entra-token"::equals).start();
        String endpoint = startProxy();
        TokenCredential entra = request -> Mono.just(new AccessToken("entra-token", OffsetDateTime.now().plusHours(1)));
        assertSameWire(BatchClients.withCredentials(endpoint, new TokenCredentials(entra)), "Bearer entra-token");
    }

    private void assertSameWire(BatchClient client, String authorization) throws Exception {
        BatchGateway gateway = new BatchGateway(client, Retrier.standard());
        gateway.addJob(new JobAddParameter().withId(JOB).withPoolInfo(new PoolInformation().withPoolId("no-pool")));
        List<TaskAddParameter> tasks = libraryTasks();
        TaskChunk chunk = TaskChunk.chunks(tasks, FanOut.MAX_TASKS, FanOut.MAX_BYTES).next();
        assertThat(chunk.size()).isEqualTo(tasks.size());

        received.clear();
        TaskAddCollectionResult bySdk = client.protocolLayer().tasks().addCollection(JOB, tasks);
        TaskAddCollectionResult byJson = gateway.addTasks(JOB, chunk);
        TaskAddCollectionResult bySdkAgain = client.protocolLayer().tasks().addCollection(JOB, tasks);

        List<HttpRequest> wire = List.copyOf(received);
        assertThat(wire).hasSize(3);
        HttpRequest sdk = wire.get(0);
        HttpRequest ours = wire.get(1);
        assertThat(ours.method()).isEqualTo(sdk.method()).isEqualTo("POST");
        assertThat(ours.rawPath()).isEqualTo(sdk.rawPath()).isEqualTo("/jobs/" + JOB + "/addtaskcollection");
        assertThat(ours.queryParameters()).isEqualTo(sdk.queryParameters())
                .isEqualTo(Map.of("api-version", BatchClients.API_VERSION));
        assertThat(names(ours)).as("header names, exactly as sent").isEqualTo(names(sdk));
        assertThat(stableHeaders(ours)).isEqualTo(stableHeaders(sdk));
        assertThat(ours.header("Content-Type")).isEqualTo("application/json; odata=minimalmetadata; charset=utf-8");
        assertThat(ours.header("Content-Length")).isEqualTo(Integer.toString(ours.body().length));
        assertThat(ours.header("x-ms-logging-context")).isEqualTo("com.microsoft.azure.batch.protocol.Tasks addCollection");
        assertThat(ours.header("return-client-request-id")).isEqualTo("true");
        assertThat(ours.header("client-request-id")).matches("[0-9a-f-]{36}").isNotEqualTo(sdk.header("client-request-id"));
        if (authorization.startsWith("SharedKey")) {
            assertThat(ours.header("ocp-date")).as("signed date").isNotBlank();
        }
        assertThat(ours.header("Authorization")).startsWith(authorization);
        JsonNode sdkBody = JSON.readTree(sdk.body());
        assertThat(JSON.readTree(ours.body())).as("the JSON body").isEqualTo(sdkBody);
        assertThat(sdkBody.get("value")).hasSize(tasks.size());

        // the answers: the first add of each task succeeded (but the rejected one), then every other one exists
        assertThat(statuses(bySdk)).containsEntry("bad-slots", "clienterror:InvalidPropertyValue")
                .containsEntry("clip-1", "success");
        assertThat(statuses(byJson)).containsEntry("clip-1", "clienterror:TaskExists")
                .containsEntry("bad-slots", "clienterror:InvalidPropertyValue");
        assertThat(described(byJson)).as("results read like the SDK reads them").isEqualTo(described(bySdkAgain));
    }

    /** The tasks the library makes, through its own factory, plus one the service refuses. */
    private static List<TaskAddParameter> libraryTasks() {
        JobLayout layout = new JobLayout(JOB, "in", "out");
        String out = "http://127.0.0.1:10000/devstoreaccount1/out" + SAS;
        TaskFactory factory = new TaskFactory(layout, OutputFormat.of(io.github.batchtranscode.model.Preset.MP3), out,
                Duration.ofMinutes(10), 3, 2);
        List<TaskAddParameter> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            tasks.add(factory.task(file("clip-" + i, "music/clip " + i + " — é.mp4"),
                    "http://127.0.0.1:10000/devstoreaccount1/in/clip-" + i + ".mp4" + SAS, "clip-" + i + ".mp3"));
        }
        tasks.add(factory.task(file("to-blob", "to-blob.mp4"), "http://127.0.0.1:10000/a/in/to-blob.mp4" + SAS,
                "http://127.0.0.1:10000/a/dest" + SAS, "prefix/to-blob.mp3"));
        TaskFactory identity = new TaskFactory(layout, OutputFormat.of(io.github.batchtranscode.model.Preset.MP3),
                "https://acct.blob.core.windows.net/out", Duration.ofHours(2), 0).withIdentity("/subscriptions/s/resourceGroups/g/providers/"
                        + "Microsoft.ManagedIdentity/userAssignedIdentities/transcoder");
        tasks.add(identity.task(file("by-identity", "by-identity.mp4"), "https://acct.blob.core.windows.net/in/x.mp4",
                "by-identity.mp3"));
        Map<String, String> args = new LinkedHashMap<>();
        args.put("args-720p.txt", "http://127.0.0.1:10000/a/in/720p" + SAS);
        args.put("args-hls.txt", "http://127.0.0.1:10000/a/in/hls" + SAS);
        OutputFile master = new OutputFile().withFilePattern("out/clip.hls/master.m3u8")
                .withDestination(new OutputFileDestination().withContainer(new OutputFileBlobContainerDestination()
                        .withContainerUrl(out).withPath("video/clip.hls/master.m3u8")
                        .withUploadHeaders(List.of(new HttpHeader().withName("Content-Type")
                                .withValue("application/vnd.apple.mpegurl")))))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS));
        tasks.add(factory.videoTask(file("video-1", "video/clip.mov"), "http://127.0.0.1:10000/a/in/clip.mov" + SAS,
                args, List.of(master)));
        tasks.add(new TaskAddParameter().withId("bad-slots").withCommandLine(NodeScript.COMMAND_LINE)
                .withRequiredSlots(0).withEnvironmentSettings(List.of(new EnvironmentSetting().withName("EMPTY"))));
        return tasks;
    }

    private static PlannedFile file(String taskId, String input) {
        return new PlannedFile(taskId, input, Path.of(input), taskId + ".mp3", 1234, taskId);
    }

    private String startProxy() throws java.io.IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<String> restricted = Set.of("host", "connection", "content-length", "expect", "upgrade");
        proxy = HttpServer.builder().name("wire-recorder").handler(request -> {
            if (request.rawPath().endsWith("/addtaskcollection")) {
                received.add(request);
            }
            java.net.http.HttpRequest.Builder out = java.net.http.HttpRequest.newBuilder(
                    URI.create(emulator.endpoint() + request.target()))
                    .method(request.method(), request.body().length == 0
                            ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (Map.Entry<String, String> h : request.headers().all()) {
                if (!restricted.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    out.header(h.getKey(), h.getValue());
                }
            }
            java.net.http.HttpResponse<byte[]> in = http.send(out.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse response = HttpResponse.of(in.statusCode());
            in.headers().map().forEach((name, values) -> {
                if (!restricted.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> response.header(name, v));
                }
            });
            return response.body(in.body(), in.headers().firstValue("Content-Type").orElse(null));
        }).build().start();
        return proxy.baseUri();
    }

    private static List<String> names(HttpRequest r) {
        return r.headers().all().stream().map(Map.Entry::getKey).sorted().toList();
    }

    private static Map<String, String> stableHeaders(HttpRequest r) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> h : r.headers().all()) {
            if (!PER_REQUEST.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.put(h.getKey(), h.getValue());
            }
        }
        return out;
    }

    private static Map<String, String> statuses(TaskAddCollectionResult result) {
        Map<String, String> out = new TreeMap<>();
        for (TaskAddResult r : result.value()) {
            out.put(r.taskId(), r.status() + (r.error() == null ? "" : ":" + r.error().code()));
        }
        return out;
    }

    private static List<String> described(TaskAddCollectionResult result) {
        Function<TaskAddResult, String> describe = r -> String.join("|", r.taskId(), String.valueOf(r.status()),
                String.valueOf(r.eTag()), String.valueOf(r.lastModified()), String.valueOf(r.location()),
                r.error() == null ? "-" : r.error().code() + "/" + r.error().message().lang() + "/"
                        + r.error().message().value().replaceAll("RequestId:\\S+|Time:\\S+", "")
                        + (r.error().values() == null ? "" : r.error().values().stream()
                                .map(BatchErrorDetail::key).toList()));
        return result.value().stream().sorted(Comparator.comparing(TaskAddResult::taskId)).map(describe).toList();
    }
}
