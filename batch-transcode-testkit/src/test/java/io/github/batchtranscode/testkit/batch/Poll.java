package io.github.batchtranscode.testkit.batch;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waits for a condition by polling with a deadline (tests never sleep a fixed time). */
final class Poll {
    private Poll() {
    }

    static <T> T until(Duration timeout, Callable<T> probe, Predicate<T> done, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        long pause = 10;
        while (System.nanoTime() < deadline) {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(pause).toNanos());
            pause = Math.min(200, pause * 2);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
    }
}
