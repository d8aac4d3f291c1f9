package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code attach(jobId)}: a session that did not submit a job re-adopts it and reports it as the submitter would. */
class AzureAttachIT extends AzureIT {
    @Test
    void aNewSessionReportsAFinishedJobLikeItsSubmitterWithoutUploadingOrAddingAnything(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        SampleMedia.create().tutorialClips(tmp.resolve("in"), 3);
        TranscodeReport submitted = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).build());
        assertThat(submitted.allSucceeded()).as(submitted.toJson()).isTrue();
        long adds = azure.emulator.stats().operation("Task_AddCollection").requests();
        Map<String, String> etags = etags(azure.inputContainer());

        TranscodeSession other = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build());
        TranscodeReport attached = other.attach(submitted.jobId(), tmp.resolve("again")).await(AzureHarness.WAIT);

        assertThat(attached.jobId()).isEqualTo(submitted.jobId());
        assertThat(rows(attached)).isEqualTo(rows(submitted));
        assertThat(attached.files()).allSatisfy(r -> assertThat(tmp.resolve("again").resolve(r.output())).isNotEmptyFile());
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests()).isEqualTo(adds);
        assertThat(azure.emulator.stats().operation("Task_Add").requests()).isZero();
        assertThat(etags(azure.inputContainer())).isEqualTo(etags);
    }

    @Test
    void attachingToARunningJobFollowsItToTheEnd(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedTaskTime(Duration.ofMillis(300)));
        AzureHarness.placeholders(tmp.resolve("in"), 12);
        TranscodeJob submitting = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .submit(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false).build());
        AzureHarness.await("the first task to complete", AzureHarness.WAIT, () -> submitting.progress().done(), n -> n > 0);

        TranscodeReport attached = azure.session().attach(submitting.id(), null).await(AzureHarness.WAIT);

        assertThat(attached.files()).hasSize(12).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(r.outputBlob()).startsWith(JobLayout.OUTPUTS).endsWith("/" + r.output());
        });
        assertThat(attached.complete()).isTrue();
        assertThat(rows(submitting.await(AzureHarness.WAIT))).isEqualTo(rows(attached));
    }

    @Test
    void filesWhoseTasksWereNeverAddedAreReportedNotDropped(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true));
        AzureHarness.placeholders(tmp.resolve("in"), 4);
        TranscodeReport submitted = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false).build());
        // As if the submitter had died after adding only half of the tasks: the plan was recorded, two tasks were not.
        List<String> lost = submitted.files().subList(0, 2).stream().map(FileResult::taskId).toList();
        com.microsoft.azure.batch.BatchClient client = BatchClients.sharedKey(azure.emulator.endpoint(),
                AzureHarness.ACCOUNT, azure.key);
        for (String id : lost) {
            client.protocolLayer().tasks().delete(submitted.jobId(), id);
        }

        TranscodeReport attached = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build())
                .attach(submitted.jobId(), null).await(AzureHarness.WAIT);

        assertThat(attached.files()).hasSize(4);
        assertThat(attached.files()).filteredOn(r -> lost.contains(r.taskId())).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.FAILED);
            assertThat(r.failureCode()).isEqualTo(FailureCode.NOT_SUBMITTED);
            assertThat(r.error()).contains("never added").contains("SKIP_EXISTING");
        });
        assertThat(attached.succeeded()).isEqualTo(2);
    }

    @Test
    void anUnknownJobIsAClearError(Azurite azurite) {
        azure = AzureHarness.start(azurite);
        assertThatThrownBy(() -> azure.session().attach("no-such-job", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no-such-job").hasMessageContaining("does not exist");
    }

    /** What a user compares between two reports of the same job: per input, output and outcome. */
    private static Map<String, List<Object>> rows(TranscodeReport report) {
        return report.files().stream().collect(Collectors.toMap(FileResult::input,
                r -> List.of(String.valueOf(r.output()), r.status(), String.valueOf(r.outputBlob()), r.taskId())));
    }

    private Map<String, String> etags(String container) {
        return azure.container(container).listBlobs().stream()
                .collect(Collectors.toMap(b -> b.getName(), b -> b.getProperties().getETag()));
    }
}
