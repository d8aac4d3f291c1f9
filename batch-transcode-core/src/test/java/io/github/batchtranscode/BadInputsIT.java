package io.github.batchtranscode;

import io.github.batchtranscode.model.FailureCode;
import static io.github.batchtranscode.TestMedia.MEDIA;
import static io.github.batchtranscode.TestMedia.filesUnder;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of broken input in one run next to good files: bad files are rows, good files still succeed. */
class BadInputsIT {
    @TempDir
    Path dir;

    @Test
    void badInputsAreFailedRowsAndGoodFilesStillSucceed() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        TestMedia.clip(in.resolve("good-1.mp4"), 2);
        TestMedia.clip(in.resolve("nested/good-2.mp4"), 3);
        SyntheticMedia.empty(in.resolve("zero-byte.mp4"));
        MEDIA.truncatedHeader(in.resolve("truncated-header.mp4"));
        SyntheticMedia.garbage(in.resolve("garbage.mp4"), 64 * 1024, 42);
        MEDIA.videoOnly(in.resolve("video-only.mp4"), 2);
        SyntheticMedia.text(in.resolve("notes-named.mp4"));
        MEDIA.truncatedFaststart(in.resolve("truncated-faststart.mp4"), 10, 0.5);

        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).build())
                    .await(Duration.ofMinutes(3));
        }

        Map<String, FileResult> rows = report.files().stream()
                .collect(Collectors.toMap(FileResult::input, Function.identity()));
        assertThat(report.complete()).isTrue();
        assertThat(report.succeeded()).as(report.toJson()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(6);
        assertThat(rows.get("good-1.mp4").status()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(rows.get("nested/good-2.mp4").status()).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(report.failedFiles()).allSatisfy(f -> {
            assertThat(f.error()).as(f.input()).isNotBlank();
            assertThat(f.failureCode()).as(f.input()).isNotNull();
            assertThat(f.output()).as(f.input()).isNull();
        });
        assertThat(rows.get("truncated-header.mp4").error()).contains("truncated or damaged");
        for (String ffmpegRejects : new String[] {"zero-byte.mp4", "garbage.mp4", "notes-named.mp4"}) {
            FileResult row = rows.get(ffmpegRejects);
            assertThat(row.failureCode()).as(ffmpegRejects).isEqualTo(FailureCode.FFMPEG_EXIT);
            assertThat(row.exitCode()).as(ffmpegRejects).isNotZero();
            assertThat(row.error()).as(ffmpegRejects).contains("ffmpeg exited with code")
                    .doesNotContain(" @ 0x").hasSizeLessThan(800);
        }
        assertThat(rows.get("video-only.mp4").error()).contains("no audio stream").contains("video");
        FileResult faststart = rows.get("truncated-faststart.mp4");
        assertThat(faststart.status()).isEqualTo(FileStatus.FAILED);
        assertThat(faststart.exitCode()).as("ffmpeg exits 0 on a truncated faststart MP4").isZero();
        assertThat(faststart.failureCode()).isEqualTo(FailureCode.VERIFICATION);
        assertThat(faststart.error()).contains("10.00 s");
        assertThat(faststart.outputDurationSeconds()).isLessThan(9.0);

        assertThat(filesUnder(out)).as("only verified outputs under final names, no temporary files")
                .containsExactly("good-1.mp3", "nested/good-2.mp3");
    }
}
