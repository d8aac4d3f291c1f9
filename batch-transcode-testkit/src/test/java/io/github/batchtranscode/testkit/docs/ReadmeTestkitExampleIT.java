package io.github.batchtranscode.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Test your application with the testkit" example, verbatim from the annotation down: if it stops
 * compiling or passing, the README is wrong.
 */
@ExtendWith(AzuriteExtension.class)
class ReadmeTestkitExampleIT {
    @Test
    void transcodesOnTheBatchEmulator(Azurite azurite, @TempDir Path dir) throws Exception {
        String key = BatchEmulator.randomKey();                      // the emulator checks SharedKey signatures
        Path in = dir.resolve("in");
        SampleMedia.create().tutorialClips(in, 3);                   // LowPriVMs-1.mp4 ... LowPriVMs-3.mp4

        try (BatchEmulator batch = BatchEmulator.builder().account("devbatch", key).nodes(2).start()) {
            AzureOptions azure = AzureOptions.builder()
                    .batchAccount(batch.endpoint(), "devbatch", key)
                    .storageConnectionString(azurite.connectionString())
                    .pool(PoolSpec.builder().id("test-pool").dedicatedNodes(2).spotNodes(0).build())
                    .pollInterval(Duration.ofMillis(200))
                    .cleanup(CleanupPolicy.deleteAll())
                    .build();
            try (TranscodeSession session = TranscodeSession.builder().azure(azure).build()) {
                TranscodeReport report = session.transcode(TranscodeRequest.builder()
                        .inputDirectory(in).outputDirectory(dir.resolve("out")).build());

                assertThat(report.allSucceeded()).isTrue();
                assertThat(dir.resolve("out/LowPriVMs-1.mp3")).isNotEmptyFile();
            }
        }
    }
}
