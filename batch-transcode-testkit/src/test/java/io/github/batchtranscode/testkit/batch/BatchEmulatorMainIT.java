package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.BatchClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standalone jar as a separate process: prints its endpoint, serves the SDK and the stats. */
class BatchEmulatorMainIT {
    @Test
    void jarPrintsEndpointAndServesStats() throws Exception {
        Path jar = Path.of("target", "batch-transcode-testkit.jar");
        assertThat(jar).as("built by the package phase").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0",
                "--account", TestAccounts.ACCOUNT, "--key", TestAccounts.KEY, "--nodes", "1", "--simulate")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                        if (l.startsWith("BATCH_ENDPOINT=")) {
                            return l;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).matches("BATCH_ENDPOINT=http://127\\.0\\.0\\.1:\\d+");
            String endpoint = line.substring("BATCH_ENDPOINT=".length());

            BatchClient client = TestAccounts.client(endpoint);
            client.poolOperations().createPool(TestAccounts.pool("p"));
            assertThat(client.poolOperations().existsPool("p")).isTrue();

            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(endpoint + "/_emulator/stats")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).contains("\"Pool_Add\":{\"requests\":1", "\"Pool_Exists\":{\"requests\":1");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(List.of(Files.exists(jar))).containsExactly(true);
    }
}
