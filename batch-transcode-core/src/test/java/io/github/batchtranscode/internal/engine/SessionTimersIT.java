package io.github.batchtranscode.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's timers run on the scheduler its caller gives it, with real ffmpeg on the local backend: the overall
 * timeout fires when the caller's time says so (not the wall clock's), a finished job leaves no timer behind, and
 * closing the session leaves the caller's scheduler alone ({@link ManualTime} refuses a shutdown).
 */
class SessionTimersIT {
    private final ManualTime time = new ManualTime();

    @Test
    void theTimeoutFiresOnTheCallersTimeAndNothingIsLeftBehind(@TempDir Path dir) throws IOException {
        new SyntheticMedia(new FfmpegLocator().locate(null)).clip(dir.resolve("in/long.mp4"), 60, 440);
        try (TranscodeSession session = TranscodeSession.builder().parallelism(1).runTimeout(Duration.ofHours(2))
                .scheduler(time.scheduler()).clock(time.clock()).build()) {
            TranscodeJob job = session.submit(request(dir));
            assertThat(time.pending()).as("the deadline and the heartbeat").contains(Duration.ofHours(2));

            time.advance(Duration.ofHours(2));

            Throwable failure = catchThrowable(() -> job.await(Duration.ofMinutes(1)));
            assertThat(failure).isInstanceOf(TranscodeTimeoutException.class).hasMessageContaining("runTimeout (PT2H)");
            assertThat(((TranscodeTimeoutException) failure).partialReport().failedFiles())
                    .singleElement().satisfies(f -> assertThat(f.failureCode()).isEqualTo(FailureCode.TIMEOUT));
            assertThat(job.id()).as("run ids come from the session's clock").contains("20260101-0000");
            assertThat(time.pending()).as("timers left on the caller's scheduler").isEmpty();
        }
    }

    @Test
    void aJobThatFinishesCancelsItsTimers(@TempDir Path dir) throws IOException {
        new SyntheticMedia(new FfmpegLocator().locate(null)).clip(dir.resolve("in/short.mp4"), 1, 440);
        try (TranscodeSession session = TranscodeSession.builder().parallelism(1).runTimeout(Duration.ofHours(2))
                .scheduler(time.scheduler()).clock(time.clock()).build()) {
            TranscodeReport report = session.submit(request(dir)).await(Duration.ofMinutes(1));

            assertThat(report.allSucceeded()).isTrue();
            assertThat(time.pending()).as("timers left on the caller's scheduler").isEmpty();
        }
    }

    private static TranscodeRequest request(Path dir) {
        return TranscodeRequest.builder().inputDirectory(dir.resolve("in")).outputDirectory(dir.resolve("out"))
                .build();
    }
}
