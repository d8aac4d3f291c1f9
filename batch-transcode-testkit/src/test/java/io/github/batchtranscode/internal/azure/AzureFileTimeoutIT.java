package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The request's per-file timeout holds on Azure too: it becomes the task's maxWallClockTime. */
@ExtendWith(AzuriteExtension.class)
class AzureFileTimeoutIT {
    @TempDir
    Path tmp;

    @Test
    void aFileThatNeverFinishesIsStoppedAndReportedAsTimedOut(Azurite azurite) throws Exception {
        try (AzureHarness azure = AzureHarness.start(azurite)) {
            SampleMedia.create().tutorialClips(tmp.resolve("in"), 1);
            // apad pads with silence forever: this ffmpeg never finishes on its own.
            TranscodeReport report = azure.session().transcode(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out"))
                    .formats(OutputFormat.custom("mp3", List.of("-af", "apad", "-c:a", "libmp3lame"))).fileTimeout(Duration.ofSeconds(2))
                    .build());

            FileResult row = report.files().get(0);
            assertThat(row.status()).isEqualTo(FileStatus.FAILED);
            assertThat(row.failureCode()).isEqualTo(FailureCode.TIMEOUT);
            assertThat(row.error()).contains("time limit").contains("fileTimeout");
            assertThat(azure.userBlobs(azure.outputContainer())).isEmpty();
        }
    }
}
