package io.github.batchtranscode.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of this JVM so far, split into the Batch emulator's threads (its HTTP connections and node workers,
 * named {@code batch-emulator-…}) and everything else (the client, the SDKs, the JIT and the collector).
 * Threads that ended are counted in the process total only, which is why the client's share is the difference.
 *
 * @param processSeconds the whole JVM's CPU seconds
 * @param emulatorSeconds the CPU seconds of the live emulator threads
 */
record CpuTimes(double processSeconds, double emulatorSeconds) {
    static CpuTimes now() {
        double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long emulator = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("batch-emulator")) {
                long ns = threads.getThreadCpuTime(t.getThreadId());
                emulator += Math.max(0, ns);
            }
        }
        return new CpuTimes(process, emulator / 1e9);
    }

    CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(processSeconds - earlier.processSeconds, emulatorSeconds - earlier.emulatorSeconds);
    }

    /** Everything but the emulator: the client's side, on the same cores. */
    double clientSeconds() {
        return processSeconds - emulatorSeconds;
    }
}
