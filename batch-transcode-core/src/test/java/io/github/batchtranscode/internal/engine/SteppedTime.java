package io.github.batchtranscode.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Session time for single-threaded units: every wait returns at once, moves the clock by what it waited and is
 * recorded, so a test reads the exact sequence of pauses (a backoff, a poll interval) without waiting for any.
 * A wait on a future that is already done does not move time; an interrupted thread's wait throws, as a real one does.
 */
public final class SteppedTime implements SessionTime {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public synchronized boolean await(CompletableFuture<?> future, Duration timeout) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting " + timeout);
        }
        if (future.isDone()) {
            return true;
        }
        waits.add(timeout);
        now = now.plus(timeout);
        return future.isDone();
    }

    /** Every wait so far, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** The sum of the waits so far. */
    public Duration waited() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
