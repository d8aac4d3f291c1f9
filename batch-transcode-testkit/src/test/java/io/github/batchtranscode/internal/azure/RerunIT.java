package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After a partial failure, running the same request again with {@link OverwritePolicy#SKIP_EXISTING} redoes only
 * the failed files: the delivered ones are reused (no task, attempts 0), only the others become tasks.
 */
class RerunIT extends AzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @Test
    void aRerunAfterAPartialFailureRedoesOnlyTheFailedFiles(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        MEDIA.tutorialClips(in, 4);
        Files.writeString(in.resolve("LowPriVMs-3.mp4"), "not a video"); // fails the first run
        Files.writeString(in.resolve("LowPriVMs-4.mp4"), "not a video either");
        TranscodeSession session = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build());
        TranscodeRequest request = AzureHarness.request(in, out).overwrite(OverwritePolicy.SKIP_EXISTING).build();

        TranscodeReport first = session.transcode(request);
        assertThat(first.failedFiles()).extracting(FileResult::input)
                .containsExactlyInAnyOrder("LowPriVMs-3.mp4", "LowPriVMs-4.mp4");
        MEDIA.tutorialClips(tmp.resolve("fixed"), 4);
        Files.copy(tmp.resolve("fixed/LowPriVMs-3.mp4"), in.resolve("LowPriVMs-3.mp4"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tmp.resolve("fixed/LowPriVMs-4.mp4"), in.resolve("LowPriVMs-4.mp4"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long addsBefore = azure.emulator.stats().operation("Task_AddCollection").requests();

        TranscodeReport second = session.transcode(request);

        assertThat(second.allSucceeded()).isTrue();
        Map<String, FileResult> rows = second.files().stream().collect(Collectors.toMap(FileResult::input, r -> r));
        assertThat(rows.get("LowPriVMs-1.mp4").attempts()).as("reused").isZero();
        assertThat(rows.get("LowPriVMs-2.mp4").attempts()).as("reused").isZero();
        assertThat(rows.get("LowPriVMs-3.mp4").attempts()).as("redone").isEqualTo(1);
        assertThat(rows.get("LowPriVMs-4.mp4").attempts()).as("redone").isEqualTo(1);
        assertThat(azure.batch().tasks(second.jobId(), null, "id")).as("tasks of the rerun").hasSize(2);
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests() - addsBefore).isEqualTo(1);
        assertThat(second.files()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(out.resolve(r.output())).isRegularFile();
        });
    }
}
