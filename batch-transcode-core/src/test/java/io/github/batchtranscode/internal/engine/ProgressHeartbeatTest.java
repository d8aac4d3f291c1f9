package io.github.batchtranscode.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A listener drawing a progress line must see time pass even while no file starts or ends (a long file, an Azure poll).
 * Time is the test's own ({@link ManualTime}): the session's clock and scheduler, so absences are proven without waiting.
 */
class ProgressHeartbeatTest {
    private static final PlannedFile A = new PlannedFile("a-1", "a.mp4", Path.of("/in/a.mp4"), "a.mp3", 10);
    private static final PlannedFile B = new PlannedFile("b-2", "b.mp4", Path.of("/in/b.mp4"), "b.mp3", 20);
    private static final TranscodePlan PLAN = new TranscodePlan("run-1",
            TranscodeRequest.builder().inputDirectory(Path.of("/in")).outputDirectory(Path.of("/out")).build(),
            List.of(A, B));

    private final ManualTime time = new ManualTime();
    private final List<ProgressSnapshot> progress = new CopyOnWriteArrayList<>();
    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final TranscodeListener listener = new TranscodeListener() {
        @Override
        public void onProgress(ProgressSnapshot p) {
            progress.add(p);
        }

        @Override
        public void onPhase(PhaseEvent e) {
            phases.add(e.message());
        }
    };
    private final SinkBackend backend = new SinkBackend();

    @Test
    void progressKeepsComingWhileAFileRunsWithoutFurtherEvents() {
        DefaultTranscodeJob job = start();
        backend.sink.phase(Phase.RUNNING, "running");
        backend.sink.started(A.taskId(), "local-1");
        awaitTrue(() -> progress.size() == 1, Duration.ofSeconds(10));

        time.advance(DefaultTranscodeJob.HEARTBEAT.multipliedBy(3));

        awaitTrue(() -> progress.size() == 4, Duration.ofSeconds(10));
        assertThat(progress).allSatisfy(p -> assertThat(p.running()).isEqualTo(1));
        assertThat(progress).extracting(ProgressSnapshot::elapsed).as("one heartbeat a second of the session's clock")
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        job.cancel();
    }

    @Test
    void countsHeldBackByTheThrottleArriveWithTheNextHeartbeat() {
        start();
        backend.sink.started(A.taskId(), "local-1");
        time.advance(Duration.ofMillis(100));
        backend.sink.started(B.taskId(), "local-2"); // within 200 ms of the first: throttled
        sentinel("after the second start");
        assertThat(progress).extracting(ProgressSnapshot::running).as("the throttle held the second count back")
                .containsExactly(1);

        time.advance(DefaultTranscodeJob.HEARTBEAT);

        awaitTrue(() -> progress.size() == 2, Duration.ofSeconds(10));
        assertThat(progress.get(1).running()).isEqualTo(2);
    }

    @Test
    void noHeartbeatBeforeRunningSoAPoolWaitDrawsNoProgress() {
        start();
        backend.sink.phase(Phase.POOL, "waiting for nodes");

        time.advance(DefaultTranscodeJob.HEARTBEAT.multipliedBy(5));

        sentinel("still waiting for nodes");
        assertThat(progress).isEmpty();
    }

    @Test
    void theHeartbeatAndTheDeadlineAreCancelledWhenTheJobEnds() {
        DefaultTranscodeJob job = DefaultTranscodeJob.start(backend, PLAN, dispatcher(), time.clock(),
                time.scheduler(), Duration.ofHours(1), null);
        assertThat(time.pending()).as("the deadline and the heartbeat").hasSize(2);
        backend.sink.phase(Phase.RUNNING, "running");
        backend.sink.complete();
        job.await(Duration.ofSeconds(5));

        assertThat(time.pending()).as("timers left on the caller's scheduler").isEmpty();
        int afterEnd = progress.size();
        time.advance(Duration.ofHours(2));
        assertThat(progress).hasSize(afterEnd);
        assertThat(progress.get(afterEnd - 1).done()).isEqualTo(2);
    }

    private DefaultTranscodeJob start() {
        return DefaultTranscodeJob.start(backend, PLAN, dispatcher(), time.clock(), time.scheduler(), null, null);
    }

    private ListenerDispatcher dispatcher() {
        return new ListenerDispatcher(listener, "heartbeat", time.clock());
    }

    /** Sends a phase through the listener's queue and waits for it: whatever was queued before has then arrived. */
    private void sentinel(String message) {
        backend.sink.phase(Phase.POOL, message);
        awaitTrue(() -> phases.contains(message), Duration.ofSeconds(10));
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /** A backend that only hands its sink to the test. */
    private static final class SinkBackend implements Backend {
        volatile ExecutionSink sink;

        @Override
        public io.github.batchtranscode.model.Backend kind() {
            return io.github.batchtranscode.model.Backend.LOCAL;
        }

        @Override
        public Execution start(TranscodePlan plan, ExecutionSink sink) {
            this.sink = sink;
            return new Execution() {
                @Override
                public String id() {
                    return "fake-job";
                }

                @Override
                public void cancel() {
                    sink.complete();
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
