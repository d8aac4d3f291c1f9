package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.ProcessRunner;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On an Azure node, audio outputs are verified from the transcoding ffmpeg run itself, as on the local backend: a good
 * file starts no ffprobe on the node, and every verification failure is still caught there (the bad output never
 * reaches the output container). The nodes' ffprobe is a wrapper on their PATH that logs each call, with the task's
 * id, into the task's directory, so the test counts the processes a real node would run.
 */
class NodeVerificationIT extends AzureIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final String CALLS = "ffprobe-calls.txt";

    @Test
    void goodFilesStartNoFfprobeOnTheNodeAndEveryShortOutputIsStillCaught(Azurite azurite) throws Exception {
        Path tools = countingTools(tmp.resolve("tools"));
        Path emulatorDir = tmp.resolve("emulator");
        azure = AzureHarness.start(azurite, b -> b.ffmpegDirectory(tools).workDir(emulatorDir));
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        for (int i = 1; i <= 3; i++) {
            MEDIA.clip(in.resolve("good-" + i + ".mp4"), 2, 440 + i);
        }
        MEDIA.truncatedFaststart(in.resolve("truncated-faststart.mp4"), 10, 0.5);
        MEDIA.videoOnly(in.resolve("video-only.mp4"), 2);
        // a video whose audio ends 1.5 s before its picture: short of the container, right for its audio stream
        ProcessRunner.Result made = new ProcessRunner().run(List.of(TOOLS.ffmpeg().toString(), "-nostdin",
                "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=2", "-f", "lavfi", "-i",
                "testsrc=d=3.5:s=160x120", "-c:a", "aac", "-c:v", "mpeg4", in.resolve("audio-ends-early.mp4")
                .toString()), Duration.ofMinutes(1));
        assertThat(made.ok()).as(made.stderr()).isTrue();

        TranscodeReport report = azure.session().transcode(AzureHarness.request(in, out).build());

        Map<String, FileResult> rows = report.files().stream()
                .collect(Collectors.toMap(FileResult::input, Function.identity()));
        for (int i = 1; i <= 3; i++) {
            FileResult good = rows.get("good-" + i + ".mp4");
            assertThat(good.status()).as(good.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(good.inputDurationSeconds()).isCloseTo(2.0, within(0.1));
            assertThat(good.outputDurationSeconds()).isCloseTo(2.0, within(0.1));
            assertThat(good.outputBytes()).isEqualTo(Files.size(out.resolve("good-" + i + ".mp3")));
        }
        FileResult faststart = rows.get("truncated-faststart.mp4");
        assertThat(faststart.status()).isEqualTo(FileStatus.FAILED);
        assertThat(faststart.failureCode()).isEqualTo(FailureCode.VERIFICATION);
        assertThat(faststart.error()).contains("the input's audio is 10.0").contains("truncated")
                .doesNotContain("Stream #");
        assertThat(faststart.inputDurationSeconds()).isCloseTo(10.0, within(0.1));
        assertThat(faststart.outputDurationSeconds()).isLessThan(8.0);
        FileResult videoOnly = rows.get("video-only.mp4");
        assertThat(videoOnly.failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(videoOnly.error()).isEqualTo("the input has no audio stream (it has: video)");
        FileResult early = rows.get("audio-ends-early.mp4");
        assertThat(early.status()).as(early.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(early.inputDurationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(azure.outputNames(azure.outputContainer())).as("a bad output never reaches the container")
                .containsExactlyInAnyOrder("good-1.mp3", "good-2.mp3", "good-3.mp3", "audio-ends-early.mp3");

        Map<String, String> inputOfTask = report.files().stream()
                .collect(Collectors.toMap(FileResult::taskId, FileResult::input));
        List<String> probed = probedInputs(emulatorDir, inputOfTask);
        List<String> expected = new ArrayList<>(List.of("audio-ends-early.mp4"));
        for (int attempt = 0; attempt < faststart.attempts(); attempt++) { // a failed task is retried (retry count 1)
            expected.add("truncated-faststart.mp4");
        }
        assertThat(probed).as("ffprobe runs on a node once per attempt, only for the two outputs shorter than their"
                + " input's container").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The input of each ffprobe call the nodes logged, one entry per call. */
    private static List<String> probedInputs(Path emulatorDir, Map<String, String> inputOfTask) throws IOException {
        List<String> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(emulatorDir)) {
            for (Path log : files.filter(p -> p.getFileName().toString().equals(CALLS)).toList()) {
                for (String line : Files.readAllLines(log)) {
                    String task = line.substring(0, line.indexOf(' '));
                    inputs.add(inputOfTask.getOrDefault(task, "unknown task " + task));
                }
            }
        }
        return inputs;
    }

    /** A directory with the real ffmpeg and an ffprobe that logs the task id and arguments, then runs the real one. */
    private static Path countingTools(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("ffmpeg"), TOOLS.ffmpeg().toRealPath());
        Path probe = dir.resolve("ffprobe");
        Files.writeString(probe, "#!/bin/sh\nprintf '%s %s\\n' \"$AZ_BATCH_TASK_ID\" \"$*\" >> \"$AZ_BATCH_TASK_DIR/"
                + CALLS + "\"\nexec '" + TOOLS.ffprobe().toRealPath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
