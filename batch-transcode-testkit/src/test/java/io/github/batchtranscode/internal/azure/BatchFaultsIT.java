package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchFaults;
import io.github.batchtranscode.testkit.batch.OperationStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A flaky Batch service does not cost the run: with 10 % of requests answered 500/503 and 3 % answered 429 (with
 * {@code Retry-After}) from the first request to the last, a 200-file job completes with every file delivered,
 * every task added exactly once and run exactly once, and the report counts the retries.
 */
class BatchFaultsIT extends AzureIT {
    /** 13 % errors: 10 points of 500/503, 3 points of 429 (the statuses are drawn uniformly from this list). */
    private static final int[] STATUSES = {500, 500, 500, 500, 500, 503, 503, 503, 503, 503, 429, 429, 429};
    private static final int FILES = 200;

    @Test
    void twoHundredFilesAreDeliveredOnceEachThroughServerErrorsAndThrottling(Azurite azurite) throws IOException {
        BatchFaults faults = BatchFaults.create().errorRate(0.13).errorStatuses(STATUSES).seed(5);
        azure = AzureHarness.start(azurite, b -> b.simulate(true).faults(faults)).poolSize(4, 4);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        for (int i = 0; i < FILES; i++) {
            Files.write(in.resolve(String.format("clip-%03d.mp4", i)), ("bytes of clip " + i).getBytes());
        }

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(AzureHarness.request(in, out).verifyOutputs(false).build()).await(AzureHarness.WAIT);
        faults.errorRate(0);

        assertThat(report.complete()).isTrue();
        assertThat(report.files()).hasSize(FILES).allSatisfy(r -> {
            assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(r.attempts()).as(r.input()).isEqualTo(1);
            assertThat(out.resolve(r.output())).isRegularFile();
        });
        OperationStats add = azure.emulator.stats().operation("Task_AddCollection");
        List<CloudTask> tasks = listTasks(report.jobId());
        assertThat(tasks).hasSize(FILES);
        assertThat(tasks.stream().map(CloudTask::id).collect(Collectors.toSet()))
                .isEqualTo(report.files().stream().map(FileResult::taskId).collect(Collectors.toSet()));
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.executionInfo().retryCount()).isZero();
            assertThat(t.executionInfo().requeueCount()).isZero();
        });
        // two chunks of 100 were accepted; every other Task_AddCollection request was an injected error
        assertThat(add.requests() - add.errors()).as("Task_AddCollection requests served").isEqualTo(2);
        long injected = azure.emulator.stats().operations().values().stream().mapToLong(OperationStats::errors).sum();
        assertThat(injected).as("errors the emulator injected").isPositive();
        assertThat(report.retries()).as("retries in the report").isPositive().isLessThanOrEqualTo(injected);
        System.out.printf("BatchFaultsIT: %d requests, %d injected errors, report.retries=%d, Task_AddCollection %s%n",
                azure.emulator.stats().totalRequests(), injected, report.retries(), add);
    }

    @Test
    void lostAnswersToAddsDoNotAddATaskTwiceOrLoseOne(Azurite azurite) throws IOException {
        BatchFaults faults = BatchFaults.create().lostResponseRate(0.5).seed(11)
                .errorOperations(Set.of("Job_Add", "Task_AddCollection", "Job_Patch"));
        azure = AzureHarness.start(azurite, b -> b.simulate(true).faults(faults)).poolSize(4, 4);
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < FILES; i++) {
            Files.write(in.resolve(String.format("clip-%03d.mp4", i)), ("bytes of clip " + i).getBytes());
        }

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(io.github.batchtranscode.model.TranscodeRequest.builder().inputDirectory(in).verifyOutputs(false).build()).await(AzureHarness.WAIT);
        faults.lostResponseRate(0);

        assertThat(report.files()).hasSize(FILES).allSatisfy(r -> {
            assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(r.attempts()).as(r.input()).isEqualTo(1);
        });
        List<CloudTask> tasks = listTasks(report.jobId());
        assertThat(tasks).hasSize(FILES);
        assertThat(tasks).allSatisfy(t -> assertThat(t.executionInfo().retryCount()).isZero());
        OperationStats add = azure.emulator.stats().operation("Task_AddCollection");
        assertThat(add.requests()).as("chunks resent after a lost answer").isGreaterThan(2);
        assertThat(report.retries()).isPositive();
        System.out.printf("BatchFaultsIT lost answers: Task_AddCollection %s, Job_Add %s, report.retries=%d%n", add,
                azure.emulator.stats().operation("Job_Add"), report.retries());
    }

    private List<CloudTask> listTasks(String jobId) {
        var client = BatchClients.sharedKey(azure.emulator.endpoint(), AzureHarness.ACCOUNT, azure.key);
        return List.copyOf(client.protocolLayer().tasks().list(jobId,
                new TaskListOptions().withSelect("id,executionInfo")));
    }

}
