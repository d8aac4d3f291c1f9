package io.github.batchtranscode.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A listener drawing a progress line must see time pass even while no file starts or ends (a long file, an Azure poll). */
class ProgressHeartbeatTest {
    private static final PlannedFile A = new PlannedFile("a-1", "a.mp4", Path.of("/in/a.mp4"), "a.mp3", 10);
    private static final PlannedFile B = new PlannedFile("b-2", "b.mp4", Path.of("/in/b.mp4"), "b.mp3", 20);
    private static final TranscodePlan PLAN = new TranscodePlan("run-1",
            TranscodeRequest.builder().inputDirectory(Path.of("/in")).outputDirectory(Path.of("/out")).build(),
            List.of(A, B));

    private final List<ProgressSnapshot> progress = new CopyOnWriteArrayList<>();
    private final TranscodeListener listener = new TranscodeListener() {
        @Override
        public void onProgress(ProgressSnapshot p) {
            progress.add(p);
        }
    };
    private final SinkBackend backend = new SinkBackend();

    @Test
    void progressKeepsComingWhileAFileRunsWithoutFurtherEvents() {
        DefaultTranscodeJob job = start();
        backend.sink.phase(Phase.RUNNING, "running");
        backend.sink.started(A.taskId(), "local-1");

        awaitTrue(() -> progress.size() >= 3, Duration.ofSeconds(10));
        assertThat(progress).allSatisfy(p -> assertThat(p.running()).isEqualTo(1));
        assertThat(progress.get(progress.size() - 1).elapsed()).isGreaterThan(progress.get(0).elapsed());
        job.cancel();
    }

    @Test
    void countsHeldBackByTheThrottleArriveWithoutAnotherEvent() {
        start();
        backend.sink.started(A.taskId(), "local-1");
        backend.sink.started(B.taskId(), "local-2"); // within 200 ms of the first: throttled

        awaitTrue(() -> !progress.isEmpty() && progress.get(progress.size() - 1).running() == 2, Duration.ofSeconds(10));
    }

    @Test
    void noHeartbeatBeforeRunningSoAPoolWaitDrawsNoProgress() throws Exception {
        start();
        backend.sink.phase(Phase.POOL, "waiting for nodes");
        // nothing can prove an absence without waiting; wait for two heartbeats' worth on a deadline-bound poll
        long until = System.nanoTime() + DefaultTranscodeJob.HEARTBEAT.multipliedBy(2).toNanos();
        awaitTrue(() -> System.nanoTime() >= until, Duration.ofSeconds(10));
        assertThat(progress).isEmpty();
    }

    @Test
    void theHeartbeatStopsWhenTheJobEnds() {
        DefaultTranscodeJob job = start();
        backend.sink.phase(Phase.RUNNING, "running");
        backend.sink.complete();
        job.await(Duration.ofSeconds(5));
        int afterEnd = progress.size();
        long until = System.nanoTime() + DefaultTranscodeJob.HEARTBEAT.multipliedBy(2).toNanos();
        awaitTrue(() -> System.nanoTime() >= until, Duration.ofSeconds(10));
        assertThat(progress).hasSize(afterEnd);
        assertThat(progress.get(afterEnd - 1).done()).isEqualTo(2);
    }

    private DefaultTranscodeJob start() {
        return DefaultTranscodeJob.start(backend, PLAN, new ListenerDispatcher(listener, "heartbeat"), Clock.systemUTC(), null);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
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
