package io.github.batchtranscode.testkit.time;

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
import java.util.concurrent.TimeoutException;

/**
 * Time that moves only when a test says so: a {@link Clock} and a {@link ScheduledExecutorService} on one virtual
 * timeline, for {@code TranscodeSession.Builder.clock(..)} and {@code .scheduler(..)}. A session given both counts
 * every deadline and wait on it — {@code runTimeout}, {@code await(Duration)}, and on Azure the pause between polls,
 * retry backoffs and deletion waits — so a test proves timing behaviour without waiting for it.
 *
 * <pre>{@code
 * ManualTime time = ManualTime.create();
 * try (TranscodeSession session = TranscodeSession.builder().azure(options).runTimeout(Duration.ofHours(2))
 *         .clock(time.clock()).scheduler(time.scheduler()).build()) {
 *     TranscodeJob job = session.submit(request);
 *     time.awaitTimer(options.pollInterval(), Duration.ofSeconds(30)); // the run waits for its next poll
 *     time.advance(Duration.ofHours(2));                               // the runTimeout passes: the run is cancelled
 *     job.completion().get(1, TimeUnit.MINUTES);                        // fails with TranscodeTimeoutException
 * }
 * }</pre>
 *
 * <p>{@link #advance(Duration)} runs every task that falls due, in order, on the calling thread, with the clock
 * showing each task's due time while it runs; a task scheduled meanwhile that falls due within the advance runs too.
 * Thread-safe. The scheduler refuses {@code shutdown}: a session must never shut down its caller's scheduler.
 */
public final class ManualTime {
    /** Where {@link #create()} starts: {@code 2026-01-01T00:00:00Z}. */
    public static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private final Instant origin;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private long sequence;
    private volatile long now;

    private ManualTime(Instant origin) {
        this.origin = origin;
    }

    /** Time standing at {@link #ORIGIN}. */
    public static ManualTime create() {
        return new ManualTime(ORIGIN);
    }

    /** Time standing at {@code origin}. */
    public static ManualTime startingAt(Instant origin) {
        return new ManualTime(Objects.requireNonNull(origin, "origin == null"));
    }

    /** The current virtual instant. */
    public Instant now() {
        return origin.plusNanos(now);
    }

    /** The clock: the origin plus the virtual time passed, in UTC. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("a manual clock is UTC only");
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /** The scheduler on this timeline; its tasks run only inside {@link #advance(Duration)}. */
    public ScheduledExecutorService scheduler() {
        return new Scheduler();
    }

    /**
     * Moves time forward by {@code d}, running what falls due on the way.
     *
     * @throws IllegalArgumentException when {@code d} is negative
     */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d == null");
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + d);
        }
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

    /** The tasks still scheduled (not cancelled), by their delay from now, soonest first. */
    public synchronized List<Duration> pending() {
        List<Duration> out = new ArrayList<>();
        for (Task t : queue) {
            if (!t.isCancelled()) {
                out.add(Duration.ofNanos(t.due - now));
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * Blocks, for at most {@code within} of real time, until a task is scheduled {@code delay} from now: for a test
     * to know that the code under test is waiting before it advances the time.
     *
     * @throws TimeoutException     when no such task was scheduled within {@code within}
     * @throws InterruptedException when the calling thread is interrupted
     */
    public synchronized void awaitTimer(Duration delay, Duration within) throws TimeoutException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!pending().contains(delay)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no timer of " + delay + " was scheduled within " + within + "; pending: "
                        + pending());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized Task add(Runnable body, long delayNanos, long periodNanos) {
        Task t = new Task(body, now + Math.max(0, delayNanos), periodNanos, ++sequence);
        queue.add(t);
        notifyAll();
        return t;
    }

    private synchronized void requeue(Task t) {
        queue.add(t);
        notifyAll();
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
                due += period;
                requeue(this);
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
            return add(Objects.requireNonNull(command, "command == null"), unit.toNanos(delay), 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the library");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return add(Objects.requireNonNull(command, "command == null"), unit.toNanos(initialDelay),
                    unit.toNanos(period));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            return scheduleAtFixedRate(command, initialDelay, delay, unit);
        }

        @Override
        public void execute(Runnable command) {
            add(Objects.requireNonNull(command, "command == null"), 0, 0);
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
