package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs share a Batch account, a storage account and the default containers: two runs at once with the same
 * relative names ({@code LowPriVMs-1.mp4}…) and different content (2-s and 5-s clips) each deliver outputs made
 * from their own inputs, in one JVM and from two processes; cleanup deletes only what its own run staged; a run of
 * unchanged inputs uploads nothing.
 */
@ExtendWith(AzuriteExtension.class)
class SharedAccountIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    private static final int FILES = 3;
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private Process other;

    @AfterEach
    void stop() {
        if (other != null) {
            other.destroyForcibly();
        }
        if (azure != null) {
            azure.close();
        }
    }

    /** Options with the library's default containers ({@code input}, {@code output}) and cleanup. */
    private AzureOptions.Builder defaults() {
        return AzureOptions.builder().batchAccount(azure.emulator.endpoint(), AzureHarness.ACCOUNT, azure.key)
                .storageConnectionString(azure.azurite.connectionString()).pool(azure.pool())
                .pollInterval(AzureHarness.POLL).jobMaxRunTime(Duration.ofMinutes(10));
    }

    @Test
    void twoSessionsInOneJvmWithTheSameNamesGetTheirOwnOutputs(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        MEDIA.tutorialClips(tmp.resolve("short"), FILES, Duration.ofSeconds(2));
        MEDIA.tutorialClips(tmp.resolve("long"), FILES, Duration.ofSeconds(5));
        TranscodeSession tutorial = azure.session(defaults().build());
        TranscodeSession keeping = azure.session(defaults().cleanup(CleanupPolicy.keepAll()).build());

        TranscodeJob shortRun = tutorial.submit(request("short"));
        TranscodeJob longRun = keeping.submit(request("long"));
        TranscodeReport shortReport = shortRun.await(AzureHarness.WAIT);
        TranscodeReport longReport = longRun.await(AzureHarness.WAIT);

        assertOwnOutputs(shortReport, tmp.resolve("short-out"), 2.0);
        assertOwnOutputs(longReport, tmp.resolve("long-out"), 5.0);
        assertThat(shortReport.jobId()).isNotEqualTo(longReport.jobId());
        // the tutorial cleanup of the short run deleted its inputs, not the long run's
        for (int i = 1; i <= FILES; i++) {
            azure.stagedBlob("input", "LowPriVMs-" + i + ".mp4");
        }
        assertThat(azure.allBlobs("input")).filteredOn(n -> n.startsWith(JobLayout.INPUTS)).hasSize(FILES);

        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeReport rerun = azure.session(defaults().build()).submit(request("long"), phases)
                .await(AzureHarness.WAIT);
        assertOwnOutputs(rerun, tmp.resolve("long-out"), 5.0);
        assertThat(phases.messages()).filteredOn(m -> m.startsWith("Uploading file")).as("uploads").isEmpty();
        assertThat(phases.messages()).filteredOn(m -> m.contains("is already in container")).hasSize(FILES);
        assertThat(azure.allBlobs("input")).as("inputs after the rerun's cleanup (the first long job has completed)")
                .filteredOn(n -> n.startsWith(JobLayout.INPUTS)).isEmpty();
    }

    @Test
    void twoProcessesWithTheSameNamesGetTheirOwnOutputs(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        MEDIA.tutorialClips(tmp.resolve("short"), FILES, Duration.ofSeconds(2));
        MEDIA.tutorialClips(tmp.resolve("long"), FILES, Duration.ofSeconds(5));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SharedRunMain.class.getName(),
                azure.emulator.endpoint(), AzureHarness.ACCOUNT, azurite.connectionString(), azure.poolId(),
                tmp.resolve("long").toString(), tmp.resolve("long-out").toString())
                .redirectError(tmp.resolve("other.log").toFile());
        pb.environment().put("BT_BATCH_KEY", azure.key);
        other = pb.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).as("the other process").isEqualTo("READY");
        TranscodeSession session = azure.session(defaults().build());

        Writer go = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8);
        go.write("go\n");
        go.flush();
        TranscodeReport shortReport = session.transcode(request("short"));
        String result = lines.readLine();
        assertThat(other.waitFor(3, TimeUnit.MINUTES)).as("the other process exited").isTrue();

        assertOwnOutputs(shortReport, tmp.resolve("short-out"), 2.0);
        assertThat(result).as("the other process's result").startsWith("ALL_SUCCEEDED=true");
        assertThat(other.exitValue()).isZero();
        for (int i = 1; i <= FILES; i++) {
            assertThat(MEDIA.durationSeconds(tmp.resolve("long-out/LowPriVMs-" + i + ".mp3")).orElseThrow())
                    .as("the other process's output " + i).isCloseTo(5.0, within(0.5));
        }
        assertThat(azure.allBlobs("input")).as("what both cleanups left").isEmpty();
    }

    private TranscodeRequest request(String name) {
        return AzureHarness.request(tmp.resolve(name), tmp.resolve(name + "-out")).build();
    }

    private static void assertOwnOutputs(TranscodeReport report, Path out, double seconds) throws IOException {
        assertThat(report.files()).hasSize(FILES).allSatisfy(r -> assertThat(r.succeeded()).as(r.input() + ": "
                + r.error()).isTrue());
        for (FileResult r : report.files()) {
            assertThat(MEDIA.durationSeconds(out.resolve(r.output())).orElseThrow()).as(r.output())
                    .isCloseTo(seconds, within(0.5));
        }
        List<String> blobs = report.files().stream().map(FileResult::outputBlob).distinct().toList();
        assertThat(blobs).hasSize(FILES);
    }
}
