package io.github.batchtranscode;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FailureCode;
import static io.github.batchtranscode.TestMedia.awaitTrue;
import static io.github.batchtranscode.TestMedia.filesUnder;
import static io.github.batchtranscode.TestMedia.liveFfmpegChildren;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel and timeouts stop ffmpeg: no process is left behind and no partial output is left under any name. */
class CancelAndTimeoutIT {
    /** Pads the audio with silence forever: an ffmpeg that never finishes on its own. */
    private static final List<String> ENDLESS = List.of("-af", "apad", "-ar", "8000", "-c:a", "libmp3lame", "-b:a", "8k");

    @TempDir
    Path dir;
    Path in;
    Path out;

    @BeforeEach
    void clips() throws IOException {
        in = dir.resolve("in");
        out = dir.resolve("out");
        for (int i = 1; i <= 4; i++) {
            TestMedia.clip(in.resolve("clip-" + i + ".mp4"), 2);
        }
    }

    @AfterEach
    void noFfmpegLeftBehind() {
        awaitTrue("every ffmpeg to exit", Duration.ofSeconds(10), () -> liveFfmpegChildren().isEmpty());
    }

    @Test
    void cancelKillsRunningFfmpegAndReportsCancelledRows() throws IOException {
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            TranscodeJob job = session.submit(endless().build());
            awaitTrue("two ffmpeg processes running", Duration.ofSeconds(30), () -> liveFfmpegChildren().size() == 2);

            job.cancel();

            TranscodeCancelledException e = catchThrowableOfType(TranscodeCancelledException.class,
                    () -> job.await(Duration.ofSeconds(30)));
            assertThat(liveFfmpegChildren()).as("ffmpeg processes after cancel").isEmpty();
            TranscodeReport partial = e.partialReport();
            assertThat(partial.files()).hasSize(4).allSatisfy(f -> {
                assertThat(f.status()).isEqualTo(FileStatus.FAILED);
                assertThat(f.failureCode()).isEqualTo(FailureCode.CANCELLED);
                assertThat(f.error()).contains("cancelled");
            });
            assertThat(partial.files()).filteredOn(f -> f.attempts() == 1).hasSize(2);
        }
        assertThat(filesUnder(out)).as("no partial or temporary outputs").isEmpty();
    }

    @Test
    void cancellingTheCompletionFutureAlsoKillsFfmpeg() {
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            TranscodeJob job = session.submit(endless().build());
            awaitTrue("ffmpeg running", Duration.ofSeconds(30), () -> !liveFfmpegChildren().isEmpty());

            job.completion().cancel(true);

            awaitTrue("ffmpeg killed", Duration.ofSeconds(15), () -> liveFfmpegChildren().isEmpty());
            assertThat(catchThrowableOfType(TranscodeCancelledException.class, job::await)).isNotNull();
        }
    }

    @Test
    void closingTheSessionCancelsItsJobs() throws IOException {
        TranscodeSession session = TranscodeSession.builder().parallelism(2).build();
        TranscodeJob job = session.submit(endless().build());
        awaitTrue("ffmpeg running", Duration.ofSeconds(30), () -> !liveFfmpegChildren().isEmpty());

        session.close();

        TranscodeCancelledException e = catchThrowableOfType(TranscodeCancelledException.class,
                () -> job.await(Duration.ofSeconds(30)));
        assertThat(e.partialReport().files()).extracting(FileResult::failureCode).containsOnly(FailureCode.CANCELLED);
        assertThat(liveFfmpegChildren()).isEmpty();
        assertThat(filesUnder(out)).isEmpty();
    }

    @Test
    void aPerFileTimeoutKillsFfmpegAndSaysTimeout() throws IOException {
        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            report = session.transcode(endless().fileTimeout(Duration.ofMillis(300)).build());
        }

        assertThat(report.complete()).isTrue();
        assertThat(report.files()).hasSize(4).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FileStatus.FAILED);
            assertThat(f.failureCode()).isEqualTo(FailureCode.TIMEOUT);
            assertThat(f.error()).contains("PT0.3S").contains("fileTimeout");
            assertThat(f.exitCode()).isNull();
        });
        assertThat(liveFfmpegChildren()).isEmpty();
        assertThat(filesUnder(out)).isEmpty();
    }

    @Test
    void awaitTimeoutReturnsAPartialReportWhileTheJobGoesOn() throws IOException {
        try (TranscodeSession session = TranscodeSession.builder().parallelism(1).build()) {
            TranscodeJob job = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                    .build());

            AwaitTimeoutException e = catchThrowableOfType(AwaitTimeoutException.class,
                    () -> job.await(Duration.ofMillis(1)));

            assertThat(e.partialReport().complete()).isFalse();
            assertThat(e.partialReport().files()).hasSize(4).extracting(FileResult::status)
                    .contains(FileStatus.PENDING);
            assertThat(e).hasMessageContaining("keeps running");
            TranscodeReport finalReport = job.await(Duration.ofMinutes(2));
            assertThat(finalReport.allSucceeded()).as(finalReport.toJson()).isTrue();
            assertThat(filesUnder(out)).hasSize(4);
        }
    }

    @Test
    void theSessionTimeoutStopsTheWholeJob() throws Exception {
        TranscodeJob job;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).runTimeout(Duration.ofSeconds(2))
                .build()) {
            job = session.submit(endless().build());

            ExecutionException e = catchThrowableOfType(ExecutionException.class,
                    () -> job.completion().get(30, TimeUnit.SECONDS));

            assertThat(e.getCause()).isInstanceOf(TranscodeTimeoutException.class);
            TranscodeReport partial = ((TranscodeTimeoutException) e.getCause()).partialReport();
            assertThat(partial.files()).hasSize(4).allSatisfy(f -> assertThat(f.status()).isEqualTo(FileStatus.FAILED));
            assertThat(partial.files()).extracting(FileResult::failureCode).containsOnly(FailureCode.TIMEOUT);
            assertThat(partial.files()).extracting(FileResult::error).allSatisfy(m -> assertThat(m).contains("PT2S"));
            assertThat(liveFfmpegChildren()).isEmpty();
        }
    }

    private TranscodeRequest.Builder endless() {
        return TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).formats(OutputFormat.custom("mp3", ENDLESS));
    }
}
