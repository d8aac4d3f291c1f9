package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.internal.engine.SessionTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, bounded, for something the service is still deleting: a pool stays {@code deleting} for minutes, a job
 * for a while, a container's name is held for about 30 s. Polls after 0.5 s, then doubles the pause up to 15 s
 * (never past the bound); the wait is on the session's time and interruptible, so a cancel ends it at once.
 */
final class DeletionWait {
    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(15);

    private DeletionWait() {
    }

    /**
     * Returns once {@code gone} is true.
     *
     * @param time    the session's time: the bound and the pauses are counted on it
     * @param bound   how long to wait at most
     * @param timeout the exception to throw when the bound passes first: it names the resource and what to do
     * @throws TranscodeException {@code timeout}'s, or a BackendException when the thread is interrupted
     */
    static void until(SessionTime time, BooleanSupplier gone, Duration bound,
            Supplier<? extends TranscodeException> timeout) {
        Instant end = time.now().plus(bound);
        Duration pause = FIRST;
        while (!gone.getAsBoolean()) {
            Duration left = Duration.between(time.now(), end);
            if (left.isZero() || left.isNegative()) {
                throw timeout.get();
            }
            try {
                time.sleep(left.compareTo(pause) < 0 ? left : pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.github.batchtranscode.BackendException("interrupted while waiting for a deletion", e);
            }
            pause = pause.multipliedBy(2).compareTo(MAX) > 0 ? MAX : pause.multipliedBy(2);
        }
    }

    /** Readable as "2 min 30 s". */
    static String describe(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? s / 60 + " min" + (s % 60 != 0 ? " " + s % 60 + " s" : "") : s + " s";
    }
}
