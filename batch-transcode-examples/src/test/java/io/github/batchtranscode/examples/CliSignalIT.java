package io.github.batchtranscode.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.internal.azure.BatchClients;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) or SIGTERM to the tutorial CLI running {@code --backend azure}: by the time the process has
 * exited, its Batch job is terminating or completed in the emulator, not left running to its maximum run time.
 */
@ExtendWith(AzuriteExtension.class)
class CliSignalIT {
    private static final String ACCOUNT = "clisignal";
    @TempDir
    Path dir;
    private BatchEmulator emulator;
    private Process cli;

    @AfterEach
    void stop() {
        if (cli != null) {
            cli.destroyForcibly();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void sigintTerminatesTheJobBeforeTheProcessExits(Azurite azurite) throws Exception {
        String jobId = runUntilMonitoring(azurite, "sigint");

        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertStoppedOnExit(jobId);
    }

    @Test
    void sigtermTerminatesTheJobBeforeTheProcessExits(Azurite azurite) throws Exception {
        String jobId = runUntilMonitoring(azurite, "sigterm");

        cli.destroy(); // SIGTERM

        assertStoppedOnExit(jobId);
    }

    private String key;

    private String runUntilMonitoring(Azurite azurite, String name) throws Exception {
        key = BatchEmulator.randomKey();
        emulator = BatchEmulator.builder().account(ACCOUNT, key).nodes(2).slotsPerNode(1).simulate(true)
                .simulatedTaskTime(Duration.ofMinutes(10)).enforceApiVersionRetirement(true).build();
        emulator.start();
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (int i = 1; i <= 3; i++) {
            Files.writeString(in.resolve("clip-" + i + ".mp4"), "placeholder " + i); // simulated tasks never decode
        }
        Path jar = Path.of("target", "batch-transcode-examples.jar").toAbsolutePath();
        String jobId = "cli-" + name + "-" + ProcessHandle.current().pid();
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--backend", "azure", "--input", in.toString(), "--output",
                dir.resolve("out").toString(), "--pool-id", "pool-" + name, "--job-id", jobId))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
        pb.environment().put("AZURE_BATCH_ENDPOINT", emulator.endpoint());
        pb.environment().put("AZURE_BATCH_ACCOUNT", ACCOUNT);
        pb.environment().put("AZURE_BATCH_ACCESS_KEY", key);
        pb.environment().put("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString());
        cli = pb.start();
        cli.getOutputStream().close();
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!log().contains("Monitoring")) {
            assertThat(cli.isAlive()).as("the CLI is running: " + log()).isTrue();
            assertThat(System.nanoTime()).as("the CLI monitoring its job: " + log()).isLessThan(end);
            LockSupport.parkNanos(50_000_000L);
        }
        assertThat(state(jobId)).isEqualTo(JobState.ACTIVE);
        return jobId;
    }

    private void assertStoppedOnExit(String jobId) throws Exception {
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).as("the CLI exited: " + log()).isTrue();
        assertThat(state(jobId)).as("job state when the process had exited; " + log())
                .isIn(JobState.TERMINATING, JobState.COMPLETED);
        assertThat(log()).contains("cancelling the run");
    }

    private JobState state(String jobId) throws IOException {
        try {
            return BatchClients.sharedKey(emulator.endpoint(), ACCOUNT, key).protocolLayer().jobs().get(jobId).state();
        } catch (com.microsoft.azure.batch.protocol.models.BatchErrorException e) {
            throw new IOException("job " + jobId + ": " + e.getMessage(), e);
        }
    }

    private String log() {
        try (InputStream s = Files.newInputStream(dir.resolve("cli.log"))) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
