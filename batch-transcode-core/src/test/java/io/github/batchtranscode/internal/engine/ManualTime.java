package io.github.batchtranscode.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when a test says so: a {@link Clock} and a {@link ScheduledExecutorService} on one virtual
 * timeline. {@link #advance(Duration)} runs every task that falls due, in order, on the calling thread, with the clock
 * showing each task's due time while it runs. Lets a test prove that something does not happen without waiting.
 */
public final class ManualTime {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private final AtomicLong sequence = new AtomicLong();
    private volatile long now;

    /** The clock: {@code 2026-01-01T00:00:00Z} plus the virtual time passed. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return ORIGIN.plusNanos(now);
            }
        };
    }

    /** The scheduler; {@code shutdown} is not supported (a session must never shut down a caller's scheduler). */
    public ScheduledExecutorService scheduler() {
        return new Scheduler();
    }

    /** Moves time forward by {@code d}, running what falls due on the way. */
    public void advance(Duration d) {
        long target = now + d.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    break;
                }
                queue.poll();
                now = next.due;
            }
            if (!next.isCancelled()) {
                next.runOnce();
            }
        }
        now = target;
    }

    /** The tasks still scheduled (not cancelled), by their delay from now. */
    public synchronized List<Duration> pending() {
        List<Duration> out = new ArrayList<>();
        for (Task t : queue) {
            if (!t.isCancelled()) {
                out.add(Duration.ofNanos(t.due - now));
            }
        }
        return out;
    }

    private synchronized Task add(Runnable body, long delayNanos, long periodNanos) {
        Task t = new Task(body, now + Math.max(0, delayNanos), periodNanos, sequence.incrementAndGet());
        queue.add(t);
        notifyAll();
        return t;
    }

    /**
     * Blocks, for at most {@code within} of real time, until a task is scheduled {@code delay} from now: a test
     * knows then that the code under test is waiting, and may advance the time.
     */
    public synchronized void awaitTimer(Duration delay, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!pending().contains(delay)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no timer of " + delay + " was scheduled within " + within + "; pending: "
                        + pending());
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private final class Task implements ScheduledFuture<Object> {
        private final Runnable body;
        private final long period;
        private final long seq;
        private long due;
        private volatile boolean cancelled;
        private volatile boolean done;

        Task(Runnable body, long due, long period, long seq) {
            this.body = body;
            this.due = due;
            this.period = period;
            this.seq = seq;
        }

        void runOnce() {
            body.run();
            if (period > 0 && !cancelled) {
                synchronized (ManualTime.this) {
                    due += period;
                    queue.add(this);
                }
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean was = !done && !cancelled;
            cancelled = true;
            return was;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("a manual task is not waited for; advance the time");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return get();
        }
    }

    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return add(Objects.requireNonNull(command), unit.toNanos(delay), 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the library");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return add(Objects.requireNonNull(command), unit.toNanos(initialDelay), unit.toNanos(period));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            return scheduleAtFixedRate(command, initialDelay, delay, unit);
        }

        @Override
        public void execute(Runnable command) {
            add(Objects.requireNonNull(command), 0, 0);
        }

        @Override
        public void shutdown() {
            throw new UnsupportedOperationException("the session shut down a scheduler it does not own");
        }

        @Override
        public List<Runnable> shutdownNow() {
            throw new UnsupportedOperationException("the session shut down a scheduler it does not own");
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }
}
