package io.github.batchtranscode;

import io.github.batchtranscode.model.FailureCode;
import static io.github.batchtranscode.TestMedia.MEDIA;
import static io.github.batchtranscode.TestMedia.TOOLS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.internal.ffmpeg.ProcessRunner;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio outputs are verified from the transcoding ffmpeg run itself: a good file costs no ffprobe process, and every
 * verification failure is still caught. ffprobe is wrapped by a script that logs each call, so the test sees the
 * processes a user's machine would run.
 */
class VerificationFromTheRunIT {
    @TempDir
    Path dir;

    @Test
    void goodFilesNeedNoFfprobeAndEveryShortOutputIsStillCaught() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        for (int i = 1; i <= 3; i++) {
            TestMedia.clip(in.resolve("good-" + i + ".mp4"), 2);
        }
        MEDIA.truncatedFaststart(in.resolve("truncated-faststart.mp4"), 10, 0.5);
        MEDIA.videoOnly(in.resolve("video-only.mp4"), 2);
        // a video whose audio ends 1.5 s before its picture: short of the container, right for its audio stream
        ProcessRunner.Result made = new ProcessRunner().run(List.of(TOOLS.ffmpeg().toString(), "-nostdin",
                "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=2", "-f", "lavfi", "-i",
                "testsrc=d=3.5:s=160x120", "-c:a", "aac", "-c:v", "mpeg4", in.resolve("audio-ends-early.mp4")
                .toString()), Duration.ofMinutes(1));
        assertThat(made.ok()).as(made.stderr()).isTrue();
        Path calls = dir.resolve("ffprobe-calls.txt");
        Path tools = countingTools(calls);

        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).ffmpeg(tools).build()) {
            report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).build())
                    .await(Duration.ofMinutes(3));
        }

        Map<String, FileResult> rows = report.files().stream()
                .collect(Collectors.toMap(FileResult::input, Function.identity()));
        for (int i = 1; i <= 3; i++) {
            FileResult good = rows.get("good-" + i + ".mp4");
            assertThat(good.status()).as(good.error()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(good.outputDurationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
            assertThat(TestMedia.seconds(out.resolve("good-" + i + ".mp3"))).isCloseTo(2.0,
                    org.assertj.core.data.Offset.offset(0.1));
        }
        FileResult faststart = rows.get("truncated-faststart.mp4");
        assertThat(faststart.failureCode()).isEqualTo(FailureCode.VERIFICATION);
        assertThat(faststart.exitCode()).as("ffmpeg exits 0 on it").isZero();
        assertThat(faststart.error()).contains("10.00 s").doesNotContain("Stream #");
        assertThat(rows.get("video-only.mp4").failureCode()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(rows.get("video-only.mp4").error()).contains("no audio stream (it has: video)");
        FileResult early = rows.get("audio-ends-early.mp4");
        assertThat(early.status()).as(early.error()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(early.inputDurationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(TestMedia.filesUnder(out)).containsExactlyInAnyOrder("good-1.mp3", "good-2.mp3", "good-3.mp3",
                "audio-ends-early.mp3");

        List<String> probed = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        assertThat(probed).as("ffprobe runs only for the two outputs shorter than their input's container")
                .hasSize(2)
                .anySatisfy(c -> assertThat(c).contains("truncated-faststart.mp4"))
                .anySatisfy(c -> assertThat(c).contains("audio-ends-early.mp4"));
    }

    /** A directory with the real ffmpeg and an ffprobe that logs its arguments before running the real one. */
    private Path countingTools(Path calls) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("ffmpeg"), TOOLS.ffmpeg().toRealPath());
        Path probe = tools.resolve("ffprobe");
        Files.writeString(probe, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\nexec '"
                + TOOLS.ffprobe().toRealPath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tools;
    }
}
