package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns: SKIP_EXISTING redoes only what failed; FAIL_IF_EXISTS refuses to start. */
class OverwritePoliciesIT {
    @TempDir
    Path dir;

    @Test
    void skipExistingRerunsOnlyTheFailedFiles() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        TestMedia.clip(in.resolve("a.mp4"), 1.5);
        TestMedia.clip(in.resolve("sub/b.mp4"), 2);
        SyntheticMedia.garbage(in.resolve("c.mp4"), 4096, 7);
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).build();

        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            TranscodeReport first = session.transcode(request);
            assertThat(first.succeeded()).isEqualTo(2);
            assertThat(first.failedFiles()).extracting(FileResult::input).containsExactly("c.mp4");

            FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
            Files.setLastModifiedTime(out.resolve("a.mp3"), old);
            Files.setLastModifiedTime(out.resolve("sub/b.mp3"), old);
            TestMedia.clip(in.resolve("c.mp4"), 1); // the user fixes the broken file

            TranscodeReport second = session.submit(request.toBuilder().overwrite(OverwritePolicy.SKIP_EXISTING).build())
                    .await(Duration.ofMinutes(2));

            assertThat(second.allSucceeded()).as(second.toJson()).isTrue();
            Map<String, FileResult> rows = second.files().stream()
                    .collect(Collectors.toMap(FileResult::input, Function.identity()));
            assertThat(rows.get("a.mp4").attempts()).isZero();
            assertThat(rows.get("sub/b.mp4").attempts()).isZero();
            assertThat(rows.get("a.mp4").output()).isEqualTo("a.mp3");
            assertThat(rows.get("c.mp4").attempts()).isEqualTo(1);
            assertThat(Files.getLastModifiedTime(out.resolve("a.mp3"))).isEqualTo(old);
            assertThat(Files.getLastModifiedTime(out.resolve("sub/b.mp3"))).isEqualTo(old);
            assertThat(out.resolve("c.mp3")).isNotEmptyFile();

            assertThatThrownBy(() -> session.transcode(request.toBuilder().overwrite(OverwritePolicy.FAIL_IF_EXISTS)
                    .build()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("already exist");
        }
    }

    @Test
    void aRerunClearsTemporaryOutputsACrashedRunLeftButNotOnesStillBeingWritten() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        TestMedia.clip(in.resolve("a.mp4"), 1);
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).build();
        String taskId = new io.github.batchtranscode.internal.plan.Planner().plan(request, "r").files().get(0).taskId();
        Path crashed = Files.write(Files.createDirectories(out).resolve("." + taskId + "-0badc0de.partial.mp3"), new byte[100]);
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path live = Files.write(out.resolve("." + taskId + "-00c0ffee.partial.mp3"), new byte[100]);

        try (TranscodeSession session = TranscodeSession.builder().build()) {
            assertThat(session.transcode(request).allSucceeded()).isTrue();
        }

        assertThat(crashed).doesNotExist();
        assertThat(live).exists();
        assertThat(out.resolve("a.mp3")).isNotEmptyFile();
    }

    @Test
    void skipExistingRedoesAnOutputThatFailsVerification() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        TestMedia.clip(in.resolve("a.mp4"), 3);
        SyntheticMedia.garbage(out.resolve("a.mp3"), 2048, 3); // a damaged output from an earlier, killed run

        try (TranscodeSession session = TranscodeSession.builder().parallelism(1).build()) {
            TranscodeReport report = session.transcode(TranscodeRequest.builder().inputDirectory(in)
                    .outputDirectory(out).overwrite(OverwritePolicy.SKIP_EXISTING).build());

            assertThat(report.files().get(0).status()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(report.files().get(0).attempts()).isEqualTo(1);
            assertThat(TestMedia.seconds(out.resolve("a.mp3"))).isGreaterThan(2.5);
        }
    }
}
