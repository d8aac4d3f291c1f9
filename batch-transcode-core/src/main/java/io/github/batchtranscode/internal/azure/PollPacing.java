package io.github.batchtranscode.internal.azure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How long the job monitor waits before its next poll. The configured interval, except in the job's last wave
 * (no task waiting for a slot, some running): around the time a running task is expected to complete — when it
 * was first seen running plus the median run time of the tasks completed so far, give or take one interval,
 * since it was seen up to an interval late — the monitor polls {@value #TAIL_DIVISOR} times as often, so the
 * run does not end up to a whole interval after its last task. Outside those windows, and before any task has
 * completed, it waits the interval: a tail task that runs long costs at most a window of extra polls, not a
 * faster poll for as long as it runs. Times are the monitor's own monotonic clock (nanoseconds); not thread-safe.
 */
final class PollPacing {
    /** How many times as often the monitor polls inside a window. */
    static final int TAIL_DIVISOR = 5;
    /** Run times kept for the median: the most recent ones. */
    static final int SAMPLES = 64;

    private final long interval;
    private final Map<String, Long> runningSince = new HashMap<>();
    private final Deque<Long> runTimes = new ArrayDeque<>();

    PollPacing(Duration interval) {
        this.interval = interval.toNanos();
    }

    /** A task was seen running for the first time at {@code now}. */
    void running(String taskId, long now) {
        runningSince.putIfAbsent(taskId, now);
    }

    /** A task completed after running for {@code ran} (its own start and end times, null when unknown). */
    void completed(String taskId, Duration ran) {
        runningSince.remove(taskId);
        if (ran != null && !ran.isNegative()) {
            if (runTimes.size() == SAMPLES) {
                runTimes.removeFirst();
            }
            runTimes.addLast(ran.toNanos());
        }
    }

    /**
     * The wait before the next poll at {@code now}.
     *
     * @param lastWave whether no task is waiting for a slot and some are running (the last poll's counts)
     */
    Duration next(long now, boolean lastWave) {
        if (!lastWave || runTimes.isEmpty() || runningSince.isEmpty()) {
            return Duration.ofNanos(interval);
        }
        long median = runTimes.stream().sorted().skip(runTimes.size() / 2).findFirst().orElseThrow();
        long fast = Math.max(1_000_000, interval / TAIL_DIVISOR);
        long wait = interval;
        for (long since : runningSince.values()) {
            long expected = since + median;
            long opens = expected - interval;
            long closes = expected + interval;
            if (now >= opens && now <= closes) {
                return Duration.ofNanos(fast);
            }
            if (now < opens) {
                wait = Math.min(wait, Math.max(fast, opens - now));
            }
        }
        return Duration.ofNanos(wait);
    }
}
