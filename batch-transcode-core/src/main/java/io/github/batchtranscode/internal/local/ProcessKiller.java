package io.github.batchtranscode.internal.local;

import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started: politely, then forcibly. */
final class ProcessKiller {
    private ProcessKiller() {
    }

    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
