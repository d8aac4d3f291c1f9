package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import io.github.batchtranscode.testkit.batch.OperationStats;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Many tasks in one job: chunked addCollection, every task present, every row reported. */
@ExtendWith(AzuriteExtension.class)
class AzureFanOutIT {
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @BeforeEach
    void start(Azurite azurite) {
        azure = AzureHarness.start(azurite, b -> b.simulate(true)).poolSize(4, 8);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    @Test
    void twoHundredFiftyFilesRunAsOneJobAddedInThreeChunks() throws IOException {
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 250);

        TranscodeReport report = azure.session().transcode(AzureHarness.request(in, tmp.resolve("out"))
                .verifyOutputs(false).build());

        assertThat(report.files()).hasSize(250)
                .allSatisfy(r -> assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED));
        assertThat(report.files()).extracting(FileResult::input).doesNotHaveDuplicates();
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests()).isEqualTo(3);
        Set<String> inJob = azure.batch().tasks(report.jobId(), null, "id").stream().map(CloudTask::id)
                .collect(Collectors.toSet());
        assertThat(inJob).isEqualTo(report.files().stream().map(FileResult::taskId).collect(Collectors.toSet()));
        assertThat(azure.userBlobs(azure.outputContainer())).hasSize(250);
    }

    @Test
    void tasksGivenByIdAreBuiltAsTheirChunksAreSentSoTheFanOutNeverHoldsAllOfThem() {
        BatchGateway batch = azure.batch();
        batch.addJob(new JobAddParameter().withId("lazy").withPoolInfo(new PoolInformation().withPoolId("none")));
        List<String> ids = IntStream.range(0, 2_000).mapToObj(i -> String.format("t-%04d", i)).toList();
        java.util.concurrent.atomic.AtomicLong built = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong mostAhead = new java.util.concurrent.atomic.AtomicLong();

        Map<String, String> rejected = new FanOut(batch, 2).addAll("lazy", ids, id -> {
            // tasks built but not yet in a request the service received
            long received = azure.emulator.stats().operation("Task_AddCollection").requests() * FanOut.MAX_TASKS;
            mostAhead.accumulateAndGet(built.incrementAndGet() - received, Math::max);
            return new TaskAddParameter().withId(id).withCommandLine(NodeScript.COMMAND_LINE);
        });

        assertThat(rejected).isEmpty();
        assertThat(batch.tasks("lazy", null, "id")).extracting(CloudTask::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(built.get()).as("each task built once").isEqualTo(ids.size());
        assertThat(mostAhead.get()).as("at most the chunks written and not yet answered (2 per request in flight)"
                + " and the one being written").isLessThanOrEqualTo((2 * 2 + 1) * FanOut.MAX_TASKS);
    }

    @Test
    void aTaskAnsweredServerErrorIsBuiltAgainFromItsIdAndAddedOnce() {
        BatchGateway batch = azure.batch();
        batch.addJob(new JobAddParameter().withId("rebuilt").withPoolInfo(new PoolInformation().withPoolId("none")));
        azure.emulator.faults().taskAddServerErrorRate(0.2).seed(11);
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> String.format("r-%03d", i)).toList();
        Map<String, Integer> builds = new java.util.concurrent.ConcurrentHashMap<>();

        Map<String, String> rejected = new FanOut(batch, 2).addAll("rebuilt", ids, id -> {
            builds.merge(id, 1, Integer::sum);
            return new TaskAddParameter().withId(id).withCommandLine(NodeScript.COMMAND_LINE);
        });
        azure.emulator.faults().taskAddServerErrorRate(0);

        assertThat(rejected).isEmpty();
        assertThat(batch.tasks("rebuilt", null, "id")).extracting(CloudTask::id)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(builds.values()).as("the tasks answered ServerError were built again to be resent")
                .anyMatch(n -> n > 1);
    }

    @Test
    void aTaskTheServiceRejectsIsReportedByIdWhileTheOthersAreAddedOnceEvenWhenResent() {
        BatchGateway batch = azure.batch();
        batch.addJob(new JobAddParameter().withId("fanout").withPoolInfo(new PoolInformation().withPoolId("none")));
        List<TaskAddParameter> tasks = List.of(
                new TaskAddParameter().withId("good-1").withCommandLine(NodeScript.COMMAND_LINE),
                new TaskAddParameter().withId("bad-slots").withCommandLine(NodeScript.COMMAND_LINE).withRequiredSlots(0),
                new TaskAddParameter().withId("good-2").withCommandLine(NodeScript.COMMAND_LINE));

        Map<String, String> first = new FanOut(batch, 2).addAll("fanout", tasks);
        Map<String, String> resent = new FanOut(batch, 2).addAll("fanout", tasks);

        assertThat(first).containsOnlyKeys("bad-slots");
        assertThat(first.get("bad-slots")).contains("bad-slots").contains("requiredSlots");
        assertThat(resent).as("TaskExists counts as present").isEqualTo(first);
        assertThat(batch.tasks("fanout", null, "id")).extracting(CloudTask::id)
                .containsExactlyInAnyOrder("good-1", "good-2");
    }

    @Test
    void tasksAnsweredServerErrorAreSentAgainUntilEveryOneIsAddedOnce() {
        BatchGateway batch = azure.batch();
        batch.addJob(new JobAddParameter().withId("flaky").withPoolInfo(new PoolInformation().withPoolId("none")));
        azure.emulator.faults().taskAddServerErrorRate(0.2).seed(7);
        List<TaskAddParameter> tasks = IntStream.range(0, 250).mapToObj(i -> new TaskAddParameter()
                .withId(String.format("t-%03d", i)).withCommandLine(NodeScript.COMMAND_LINE)).toList();

        Map<String, String> rejected = new FanOut(batch, 3).addAll("flaky", tasks);
        azure.emulator.faults().taskAddServerErrorRate(0);

        assertThat(rejected).isEmpty();
        assertThat(batch.tasks("flaky", null, "id")).extracting(CloudTask::id)
                .containsExactlyInAnyOrderElementsOf(tasks.stream().map(TaskAddParameter::id).toList());
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests())
                .as("3 chunks, then the tasks answered ServerError again").isGreaterThan(3);
    }

    @Test
    void aChunkTheServiceFindsTooLargeIsHalvedAndATaskTooLargeAloneIsReportedByName() {
        BatchGateway batch = azure.batch();
        batch.addJob(new JobAddParameter().withId("large").withPoolInfo(new PoolInformation().withPoolId("none")));
        String padding = "x".repeat(20_000);
        List<TaskAddParameter> tasks = new java.util.ArrayList<>(IntStream.range(0, 60).mapToObj(i ->
                new TaskAddParameter().withId("big-" + i).withCommandLine(NodeScript.COMMAND_LINE)
                        .withEnvironmentSettings(List.of(new EnvironmentSetting().withName("PAD").withValue(padding))))
                .toList());
        tasks.add(30, new TaskAddParameter().withId("huge").withCommandLine(NodeScript.COMMAND_LINE)
                .withEnvironmentSettings(List.of(new EnvironmentSetting().withName("PAD").withValue("y".repeat(1_100_000)))));

        // chunks of up to 4 MB: the first goes out at ~2.3 MB and the service answers 413
        Map<String, String> rejected = new FanOut(batch, 2, 4_000_000).addAll("large", tasks);

        assertThat(rejected).containsOnlyKeys("huge");
        assertThat(rejected.get("huge")).contains("huge", "RequestBodyTooLarge", "1 MB");
        assertThat(batch.tasks("large", null, "id")).extracting(CloudTask::id).hasSize(60).doesNotContain("huge");
        OperationStats adds = azure.emulator.stats().operation("Task_AddCollection");
        assertThat(adds.errors()).as("413 answers").isPositive();
        assertThat(adds.requests() - adds.errors()).as("chunks the service took").isGreaterThanOrEqualTo(3);
    }
}
