package io.github.batchtranscode.internal.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads the library owns: a shared timer, and named thread factories. */
public final class Schedulers {
    private static final ScheduledExecutorService SHARED =
            Executors.newSingleThreadScheduledExecutor(daemon("batch-transcode-timer"));

    private Schedulers() {
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
