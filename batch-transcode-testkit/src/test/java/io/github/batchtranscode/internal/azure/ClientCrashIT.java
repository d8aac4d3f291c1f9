package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.BlobItem;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client crash does not cost the run: a separate JVM submits a job and is killed ({@code destroyForcibly}) while
 * it monitors; {@code attach} from this JVM finishes the run — every file delivered — with nothing uploaded again
 * (input blob ETags unchanged), no task added again (Task_AddCollection count unchanged) and no task run again
 * (retry and requeue counts 0, one attempt per file).
 */
@ExtendWith(AzuriteExtension.class)
class ClientCrashIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private Process client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroyForcibly();
        }
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void attachFromAFreshProcessFinishesTheRunWithoutRedoingAnything(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.tutorialClips(in, 6, Duration.ofSeconds(20));
        Path log = tmp.resolve("client.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClientCrashMain.class.getName(),
                azure.emulator.endpoint(), AzureHarness.ACCOUNT, azurite.connectionString(), azure.inputContainer(),
                azure.outputContainer(), azure.poolId(), in.toString(), out.toString())
                .redirectError(log.toFile());
        pb.environment().put("BT_BATCH_KEY", azure.key);
        client = pb.start();

        String jobId = readUntilMonitoring(client, log);
        client.destroyForcibly();
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).as("client killed").isTrue();
        long adds = azure.emulator.stats().operation("Task_AddCollection").requests();
        Map<String, String> etags = etags(azure.inputContainer());
        int completedAtCrash = (int) tasks(jobId).stream().filter(t -> "completed".equals(String.valueOf(t.state())))
                .count();

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .attach(jobId, out).await(AzureHarness.WAIT);

        assertThat(report.jobId()).isEqualTo(jobId);
        assertThat(report.files()).hasSize(6).allSatisfy(r -> {
            assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(r.attempts()).as(r.input()).isEqualTo(1);
            assertThat(out.resolve(r.output())).isRegularFile();
        });
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests()).as("tasks added again")
                .isEqualTo(adds);
        assertThat(etags(azure.inputContainer())).as("inputs uploaded again").isEqualTo(etags);
        assertThat(tasks(jobId)).hasSize(6).allSatisfy(t -> {
            assertThat(t.executionInfo().retryCount()).as(t.id()).isZero();
            assertThat(t.executionInfo().requeueCount()).as(t.id()).isZero();
        });
        System.out.printf("ClientCrashIT: killed the client with %d of 6 tasks completed; attach delivered 6,"
                + " Task_AddCollection requests %d before and after%n", completedAtCrash, adds);
    }

    /** Reads the client's stdout until it printed its job id and {@code MONITORING}; the job id. */
    static String readUntilMonitoring(Process p, Path log) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> job = CompletableFuture.supplyAsync(() -> {
            String id = null;
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("JOB_ID=")) {
                        id = line.substring(7);
                    } else if (line.equals("MONITORING") && id != null) {
                        return id;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        String id = null;
        try {
            id = job.get(2, TimeUnit.MINUTES);
        } finally {
            if (id == null) {
                System.out.println(Files.exists(log) ? Files.readString(log) : "(no client log)");
            }
        }
        assertThat(id).as("the client reached monitoring").isNotNull();
        return id;
    }

    private Map<String, String> etags(String container) {
        Map<String, String> m = new HashMap<>();
        for (BlobItem b : azure.container(container).listBlobs()) {
            m.put(b.getName(), b.getProperties().getETag());
        }
        return m;
    }

    private List<CloudTask> tasks(String jobId) {
        var client = BatchClients.sharedKey(azure.emulator.endpoint(), AzureHarness.ACCOUNT, azure.key);
        return new ArrayList<>(client.protocolLayer().tasks().list(jobId,
                new TaskListOptions().withSelect("id,state,executionInfo")));
    }
}
