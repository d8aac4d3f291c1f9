package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.TranscodeException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, bounded, for something the service is still deleting: a pool stays {@code deleting} for minutes, a job
 * for a while, a container's name is held for about 30 s. Polls every few seconds (growing to 15 s); the wait is
 * interruptible, so a cancel ends it at once.
 */
final class DeletionWait {
    private static final Duration FIRST = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(15);

    private DeletionWait() {
    }

    /**
     * Returns once {@code gone} is true.
     *
     * @param bound   how long to wait at most
     * @param timeout the exception to throw when the bound passes first: it names the resource and what to do
     * @throws TranscodeException {@code timeout}'s, or a BackendException when the thread is interrupted
     */
    static void until(BooleanSupplier gone, Duration bound, Supplier<? extends TranscodeException> timeout) {
        long end = System.nanoTime() + bound.toNanos();
        Duration pause = FIRST;
        while (!gone.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw timeout.get();
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000 + 1, pause.toMillis()));
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
