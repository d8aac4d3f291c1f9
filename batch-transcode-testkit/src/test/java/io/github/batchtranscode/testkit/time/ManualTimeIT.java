package io.github.batchtranscode.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's {@code ManualTime} example, verbatim, on the local backend with real ffmpeg: two hours of the
 * session's time pass in no real time, and the run's {@code runTimeout} cancels it.
 */
class ManualTimeIT {
    @Test
    void aSessionOnManualTimeTimesOutWhenTheTestSays(@TempDir Path dir) throws Exception {
        SampleMedia.create().tutorialClips(dir.resolve("in"), 4, Duration.ofSeconds(60));
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(dir.resolve("in"))
                .outputDirectory(dir.resolve("out")).build();

        ManualTime time = ManualTime.create();
        TranscodeSession session = TranscodeSession.builder().runTimeout(Duration.ofHours(2))
                .clock(time.clock()).scheduler(time.scheduler()).build();
        TranscodeJob job = session.submit(request);
        time.advance(Duration.ofHours(2));     // the runTimeout passes: the run is cancelled, no real time waited

        Throwable failure = catchThrowable(() -> job.completion().get(2, TimeUnit.MINUTES));
        session.close();
        assertThat(failure).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(TranscodeTimeoutException.class).hasMessageContaining("runTimeout (PT2H)");
        TranscodeTimeoutException e = (TranscodeTimeoutException) failure.getCause();
        assertThat(e.limit()).isEqualTo(TranscodeTimeoutException.Limit.RUN_TIMEOUT);
        assertThat(e.partialReport().failedFiles()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.failureCode()).isEqualTo(FailureCode.TIMEOUT));
        assertThat(e.partialReport().startTime()).as("the report's times are the session's")
                .isEqualTo(ManualTime.ORIGIN);
        assertThat(time.pending()).as("timers the finished job left behind").isEmpty();
    }

    @Test
    void advanceRunsWhatFallsDueInOrderWithTheClockAtEachDueTime() throws Exception {
        ManualTime time = ManualTime.create();
        java.util.List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        var scheduler = time.scheduler();
        scheduler.schedule(() -> { ran.add("b@" + time.now()); }, 2, TimeUnit.SECONDS);
        scheduler.schedule(() -> { ran.add("a@" + time.now()); }, 1, TimeUnit.SECONDS);
        var late = scheduler.schedule(() -> { ran.add("never"); }, 5, TimeUnit.SECONDS);
        late.cancel(false);

        time.awaitTimer(Duration.ofSeconds(2), Duration.ofSeconds(1)); // already there: returns at once
        time.advance(Duration.ofSeconds(10));

        assertThat(ran).containsExactly("a@2026-01-01T00:00:01Z", "b@2026-01-01T00:00:02Z");
        assertThat(time.now()).isEqualTo(ManualTime.ORIGIN.plusSeconds(10));
        assertThat(time.pending()).isEmpty();
        assertThat(catchThrowable(scheduler::shutdown)).as("a session must not shut down its caller's scheduler")
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
