package io.github.batchtranscode.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The session's time, as every wait and every time read of the library sees it (Caffeine's {@code Ticker} and
 * {@code Scheduler} in one): {@link #now()} reads the session's {@link Clock}, and {@link #await} waits on the
 * session's {@link ScheduledExecutorService}, whose timer wakes the waiting thread. A test that passes a manual
 * clock and scheduler therefore moves every backoff, poll interval and deadline by hand, and nothing waits real time.
 *
 * <p>Waits block the calling thread and end early when it is interrupted (a cancel interrupts the run's thread);
 * the scheduler only completes a future, so its tasks never block.
 */
public interface SessionTime {
    /** The session's current instant. */
    Instant now();

    /**
     * Blocks until {@code future} is done or {@code timeout} of the session's time has passed, whichever is first.
     *
     * @return whether {@code future} is done
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    boolean await(CompletableFuture<?> future, Duration timeout) throws InterruptedException;

    /**
     * Blocks for {@code pause} of the session's time.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    default void sleep(Duration pause) throws InterruptedException {
        await(new CompletableFuture<Void>(), pause);
    }

    /** The time elapsed since {@code start}, on this time's clock. */
    default Duration since(Instant start) {
        return Duration.between(start, now());
    }

    /** Time read from {@code clock}, with waits woken by timers on {@code scheduler}. */
    static SessionTime of(Clock clock, ScheduledExecutorService scheduler) {
        return new Scheduled(clock, scheduler);
    }

    /** The system's clock (UTC) and the library's shared daemon timer: what a session uses unless told otherwise. */
    static SessionTime system() {
        return Scheduled.SYSTEM;
    }

    /** The implementation over a clock and a scheduler. */
    final class Scheduled implements SessionTime {
        private static final Scheduled SYSTEM = new Scheduled(Clock.systemUTC(), Schedulers.shared());
        private final Clock clock;
        private final ScheduledExecutorService scheduler;

        private Scheduled(Clock clock, ScheduledExecutorService scheduler) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public boolean await(CompletableFuture<?> future, Duration timeout) throws InterruptedException {
            if (future.isDone()) {
                return true;
            }
            CompletableFuture<Void> passed = new CompletableFuture<>();
            Runnable pass = () -> passed.complete(null); // a Runnable: a scheduler need not take Callables
            ScheduledFuture<?> timer = scheduler.schedule(pass, nanos(timeout), TimeUnit.NANOSECONDS);
            try {
                CompletableFuture.anyOf(future, passed).get();
            } catch (ExecutionException e) {
                // the watched future failed: it is done, which is what the caller asked
            } finally {
                timer.cancel(false);
            }
            return future.isDone();
        }

        /** {@code d} in nanoseconds, 0 when negative, at most about 73 years (a {@code Duration} can hold more). */
        private static long nanos(Duration d) {
            if (d.isNegative()) {
                return 0;
            }
            return d.compareTo(Duration.ofNanos(Long.MAX_VALUE / 4)) > 0 ? Long.MAX_VALUE / 4 : d.toNanos();
        }

        /** The clock this time reads. */
        public Clock clock() {
            return clock;
        }

        /** The scheduler whose timers end this time's waits. */
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }
    }
}
