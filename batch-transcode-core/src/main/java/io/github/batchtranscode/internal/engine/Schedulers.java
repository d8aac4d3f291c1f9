package io.github.batchtranscode.internal.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads the library owns: a shared timer, and named thread factories. */
public final class Schedulers {
    private static final ScheduledExecutorService SHARED = timer();

    private Schedulers() {
    }

    /**
     * One daemon thread; a cancelled timer leaves its queue at once: every wait of every session sets one and
     * cancels it when the wait ends early (an await answered, a poll pause cut short), which would otherwise stay
     * queued until its delay passed.
     */
    private static ScheduledExecutorService timer() {
        java.util.concurrent.ScheduledThreadPoolExecutor t =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("batch-transcode-timer"));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** A single daemon timer thread for deadlines and throttling; tasks on it must not block. */
    public static ScheduledExecutorService shared() {
        return SHARED;
    }

    /** A factory of daemon threads named {@code prefix-N}. */
    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
