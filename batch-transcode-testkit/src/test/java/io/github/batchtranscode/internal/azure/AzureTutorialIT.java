package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.models.BlobItem;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.BadInput;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's flow end to end on Azurite and the Batch emulator with real ffmpeg, as a user sees it. */
@ExtendWith(AzuriteExtension.class)
class AzureTutorialIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private Path in;
    private Path out;

    @BeforeEach
    void start(Azurite azurite) {
        azure = AzureHarness.start(azurite);
        in = tmp.resolve("in");
        out = tmp.resolve("out");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    @Test
    void fiveClipsBecomeFiveMp3BlobsAndFilesAndTheInputContainerIsDeleted() throws IOException {
        MEDIA.tutorialClips(in, 5);

        TranscodeReport report = azure.session().transcode(AzureHarness.request(in, out).build());

        assertThat(report.files()).hasSize(5).allSatisfy(r -> {
            assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(r.outputBlob()).startsWith("outputs/").endsWith("/" + r.output()).endsWith(".mp3");
            assertThat(r.worker()).startsWith("tvmps_");
            assertThat(r.outputDurationSeconds()).isCloseTo(2.0, within(0.5));
            assertThat(r.inputDurationSeconds()).isCloseTo(2.0, within(0.5));
        });
        assertThat(azure.outputNames(azure.outputContainer())).containsExactlyInAnyOrder(
                "LowPriVMs-1.mp3", "LowPriVMs-2.mp3", "LowPriVMs-3.mp3", "LowPriVMs-4.mp3", "LowPriVMs-5.mp3");
        for (FileResult r : report.files()) {
            Path mp3 = out.resolve(r.output());
            assertThat(mp3).isRegularFile();
            assertThat(Files.size(mp3)).isEqualTo(r.outputBytes());
            assertThat(MEDIA.durationSeconds(mp3).orElseThrow()).isCloseTo(2.0, within(0.5));
        }
        assertThat(azure.allBlobs(azure.inputContainer())).as("what the run staged, after its cleanup").isEmpty();
    }

    @Test
    void badInputsFailWithTheNodesReasonWhileGoodClipsAreDelivered() throws IOException {
        MEDIA.tutorialClips(in, 2);
        List<BadInput> bad = MEDIA.badInputs(in);

        TranscodeReport report = azure.session().transcode(AzureHarness.request(in, out).build());

        Map<String, FileResult> rows = report.files().stream().collect(Collectors.toMap(FileResult::input, r -> r));
        assertThat(rows).hasSize(2 + bad.size());
        for (BadInput b : bad) {
            FileResult r = rows.get(b.kind().fileName());
            assertThat(r.status()).as(b.kind().name()).isEqualTo(FileStatus.FAILED);
            assertThat(r.failureCode()).as(b.kind() + ": " + r.error()).isEqualTo(expectedCode(b.kind()));
            assertThat(r.error()).as(b.kind().name()).contains(expectedReason(b.kind()));
            assertThat(r.outputBlob()).isNull();
            assertThat(r.taskId()).isNotBlank();
        }
        assertThat(azure.outputNames(azure.outputContainer())).containsExactlyInAnyOrder("LowPriVMs-1.mp3",
                "LowPriVMs-2.mp3");
        assertThat(rows.get("LowPriVMs-1.mp4").status()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(rows.get("LowPriVMs-2.mp4").status()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(out.resolve("LowPriVMs-1.mp3")).isRegularFile();
        // the logs a user can open: stdout for every task, stderr (the reason above) for the failed ones only
        List<String> blobs = azure.allBlobs(azure.outputContainer());
        String logs = "_batch-transcode-logs/" + report.jobId() + "/";
        for (FileResult r : rows.values()) {
            assertThat(blobs).as(r.input()).contains(logs + r.taskId() + "/stdout.txt");
            if (r.succeeded()) {
                assertThat(blobs).as(r.input()).doesNotContain(logs + r.taskId() + "/stderr.txt");
            } else {
                assertThat(blobs).as(r.input()).contains(logs + r.taskId() + "/stderr.txt");
            }
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("LowPriVMs-1.mp3", "LowPriVMs-2.mp3");
        }
    }

    private static FailureCode expectedCode(BadInput.Kind kind) {
        return switch (kind) {
            case TRUNCATED_FASTSTART -> FailureCode.VERIFICATION;
            case VIDEO_ONLY -> FailureCode.NO_AUDIO;
            case TRUNCATED_HEADER -> FailureCode.INVALID_INPUT; // as on the local backend: probes as a lone data stream
            default -> FailureCode.FFMPEG_EXIT;
        };
    }

    /** Words of the reason the node wrote to stderr. */
    private static String expectedReason(BadInput.Kind kind) {
        return switch (kind) {
            case TRUNCATED_FASTSTART, TRUNCATED_HEADER -> "truncated";
            case VIDEO_ONLY -> "no audio stream";
            default -> "Invalid data";
        };
    }

    @Test
    void aRerunWithKeepAllUploadsNothingNew() throws IOException {
        MEDIA.tutorialClips(in, 3);
        TranscodeSession session = azure.session(azure.options().cleanup(CleanupPolicy.keepAll()).build());
        TranscodeRequest request = AzureHarness.request(in, out).build();
        assertThat(session.transcode(request).allSucceeded()).isTrue();
        Map<String, OffsetDateTime> modified = lastModified(azure.inputContainer());

        AzureHarness.Phases phases = new AzureHarness.Phases();
        TranscodeReport second = session.submit(request, phases).await(AzureHarness.WAIT);

        assertThat(second.allSucceeded()).isTrue();
        assertThat(lastModified(azure.inputContainer())).isEqualTo(modified);
        assertThat(phases.messages()).filteredOn(m -> m.startsWith("Uploading file")).isEmpty();
        assertThat(phases.messages()).filteredOn(m -> m.contains("is already in container")).hasSize(3);
    }

    private Map<String, OffsetDateTime> lastModified(String container) {
        Map<String, OffsetDateTime> m = new HashMap<>();
        for (BlobItem b : azure.container(container).listBlobs()) {
            if (!b.getName().startsWith("_batch-transcode")) {
                m.put(b.getName(), b.getProperties().getLastModified());
            }
        }
        return m;
    }

    @Test
    void hostileFileNamesRoundTripThroughBlobNamesAndNeverReachACommandLine() throws IOException {
        List<Path> hostile = MEDIA.hostileNames(in);

        TranscodeReport report = azure.session().transcode(AzureHarness.request(in, out).build());

        assertThat(report.files()).hasSize(hostile.size()).allSatisfy(r ->
                assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED));
        for (Path p : hostile) {
            String name = p.getFileName().toString();
            String mp3 = name.substring(0, name.lastIndexOf('.')) + ".mp3";
            assertThat(out.resolve(mp3)).as(name).isRegularFile();
        }
        assertThat(azure.batch().tasks(report.jobId(), null, "id,commandLine"))
                .allSatisfy(t -> assertThat(t.commandLine()).isEqualTo(NodeScript.COMMAND_LINE));
        try (var nodeFiles = Files.walk(azure.emulator.workDir())) {
            assertThat(nodeFiles.map(p -> p.getFileName().toString())).as("no name was run as a command")
                    .doesNotContain("PWNED");
        }
    }
}
