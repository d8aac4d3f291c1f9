package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keeps a run's phase events, which carry the time they happened (not the time they were delivered), so the
 * span between two of them times one step of the library exactly.
 */
final class PhaseRecorder implements TranscodeListener {
    private final List<PhaseEvent> events = new ArrayList<>();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch pool = new CountDownLatch(1);
    private final List<Predicate<PhaseEvent>> cpuMarks = new ArrayList<>();
    private final java.util.Map<Integer, CpuTimes> cpu = new java.util.HashMap<>();

    /** Also takes {@link CpuTimes} when an event matching {@code which} is delivered (a few ms after it happened). */
    synchronized PhaseRecorder markCpu(Predicate<PhaseEvent> which) {
        cpuMarks.add(which);
        return this;
    }

    /** CPU seconds between the first events matching {@code from} and {@code to}, both marked with markCpu. */
    synchronized CpuTimes cpu(Predicate<PhaseEvent> from, Predicate<PhaseEvent> to) {
        CpuTimes a = null;
        CpuTimes b = null;
        for (int i = 0; i < events.size(); i++) {
            if (a == null && from.test(events.get(i))) {
                a = cpu.get(i);
            }
            if (b == null && to.test(events.get(i))) {
                b = cpu.get(i);
            }
        }
        if (a == null || b == null) {
            throw new IllegalStateException("no CPU mark on the events: " + events);
        }
        return b.minus(a);
    }

    @Override
    public synchronized void onPhase(PhaseEvent event) {
        events.add(event);
        if (cpuMarks.stream().anyMatch(m -> m.test(event))) {
            cpu.put(events.size() - 1, CpuTimes.now());
        }
        if (event.phase() == Phase.RUNNING) {
            running.countDown();
        } else if (event.phase() == Phase.POOL) {
            pool.countDown();
        }
    }

    synchronized List<PhaseEvent> events() {
        return List.copyOf(events);
    }

    /** The time of the first event that matches. */
    Optional<Instant> first(Predicate<PhaseEvent> which) {
        return events().stream().filter(which).map(PhaseEvent::time).findFirst();
    }

    Optional<Instant> first(Phase phase) {
        return first(e -> e.phase() == phase);
    }

    long count(Predicate<PhaseEvent> which) {
        return events().stream().filter(which).count();
    }

    /** Seconds from the first event matching {@code from} to the first matching {@code to}. */
    double seconds(Predicate<PhaseEvent> from, Predicate<PhaseEvent> to) {
        Instant a = first(from).orElseThrow(() -> new IllegalStateException("start event missing: " + events()));
        Instant b = first(to).orElseThrow(() -> new IllegalStateException("end event missing: " + events()));
        return Duration.between(a, b).toNanos() / 1e9;
    }

    static Predicate<PhaseEvent> phase(Phase p) {
        return e -> e.phase() == p;
    }

    boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitPool(Duration timeout) throws InterruptedException {
        return pool.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
