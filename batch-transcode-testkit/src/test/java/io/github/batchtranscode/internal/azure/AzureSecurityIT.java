package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** What the backend gives away: least-privilege SAS URLs in task definitions, and Entra ID instead of a key. */
class AzureSecurityIT extends AzureIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @Test
    void taskUrlsReadOnlyTheirInputAndOnlyWriteOutputsUntilTheTimeoutPlusAMargin(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true));
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 2);
        Duration timeout = Duration.ofHours(3);
        OffsetDateTime before = OffsetDateTime.now();
        TranscodeReport report = azure.session(azure.options().jobMaxRunTime(timeout).cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(in, tmp.resolve("out")).verifyOutputs(false).build());
        List<CloudTask> tasks = azure.batch().tasks(report.jobId(), null, "id,resourceFiles,outputFiles");
        assertThat(tasks).hasSize(2);
        String inputUrl = tasks.get(0).resourceFiles().stream().filter(r -> r.filePath().equals(NodeScript.INPUT_FILE))
                .map(ResourceFile::httpUrl).findFirst().orElseThrow();
        String otherInputUrl = tasks.get(1).resourceFiles().stream()
                .filter(r -> r.filePath().equals(NodeScript.INPUT_FILE)).map(ResourceFile::httpUrl).findFirst().orElseThrow();
        String outputUrl = tasks.get(0).outputFiles().get(0).destination().container().containerUrl();

        Map<String, String> inSas = query(inputUrl);
        assertThat(inSas.get("sp")).isEqualTo("r");
        assertThat(inSas.get("sr")).isEqualTo("b");
        assertThat(get(inputUrl)).as("input SAS reads its blob").isEqualTo(200);
        assertThat(put(inputUrl)).as("input SAS writes").isEqualTo(403);
        assertThat(get(path(otherInputUrl) + "?" + URI.create(inputUrl).getRawQuery()))
                .as("input SAS reads another blob").isEqualTo(403);

        Map<String, String> outSas = query(outputUrl);
        assertThat(outSas.get("sp")).isEqualTo("cw");
        assertThat(outSas.get("sr")).isEqualTo("c");
        String newBlob = path(outputUrl) + "/probe.mp3?" + URI.create(outputUrl).getRawQuery();
        assertThat(put(newBlob)).as("output SAS creates a blob").isEqualTo(201);
        assertThat(get(newBlob)).as("output SAS reads").isEqualTo(403);
        assertThat(get(path(outputUrl) + "?restype=container&comp=list&" + URI.create(outputUrl).getRawQuery()))
                .as("output SAS lists").isEqualTo(403);

        for (Map<String, String> sas : List.of(inSas, outSas)) {
            OffsetDateTime expiry = OffsetDateTime.parse(sas.get("se"));
            assertThat(expiry).as("expiry from the 3 h timeout plus a margin, not a fixed 2 h")
                    .isAfter(before.plus(timeout)).isBefore(OffsetDateTime.now().plus(timeout).plusHours(1));
        }
    }

    @Test
    void entraIdTokensAuthenticateEveryBatchRequestAndNoSharedKeyIsSent(Azurite azurite) throws IOException {
        String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.test-token-" + BatchEmulator.randomKey().substring(0, 8);
        azure = AzureHarness.start(azurite, b -> b.acceptBearerTokens(token::equals));
        List<String> scopes = new CopyOnWriteArrayList<>();
        TokenCredential credential = request -> {
            scopes.addAll(request.getScopes());
            return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        };
        Path in = tmp.resolve("in");
        SampleMedia.create().tutorialClips(in, 2);

        TranscodeReport report = azure.session(azure.options()
                        .batchAccount(azure.emulator.endpoint(), AzureHarness.ACCOUNT, credential).build())
                .transcode(AzureHarness.request(in, tmp.resolve("out")).build());

        assertThat(report.allSucceeded()).isTrue();
        var stats = azure.emulator.stats();
        assertThat(stats.authorizationScheme("Bearer")).isEqualTo(stats.totalRequests()).isPositive();
        assertThat(stats.authorizationScheme("SharedKey")).isZero();
        assertThat(stats.operations()).allSatisfy((op, o) -> assertThat(o.errors()).as(op + " errors")
                .isEqualTo(op.equals("Pool_Get") ? 1 : 0)); // the one 404: no pool yet; no 403 anywhere
        assertThat(scopes).containsOnly("https://batch.core.windows.net/.default");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        for (String kv : URI.create(url).getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("x-ms-version", "2021-08-06").GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int put(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("x-ms-version", "2021-08-06")
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
