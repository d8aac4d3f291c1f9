package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.TranscodeReport;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * B5's client, run by {@link MemoryBench} in a child JVM with {@code -Xmx256m}: one control-plane job over the
 * inputs in {@code args[0]} on the emulator and Azurite the parent started (named by the environment variables
 * below, so the key is not on a command line), to completion. Prints one line,
 * {@code B5 seconds=… succeeded=… failed=… peakHeap=… peakAfterGc=… maxHeap=…}.
 */
public final class MemoryProbe {
    static final String BATCH_ENDPOINT = "BENCH_BATCH_ENDPOINT";
    static final String BATCH_KEY = "BENCH_BATCH_KEY";
    static final String STORAGE = "BENCH_STORAGE_CONNECTION_STRING";

    private MemoryProbe() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        AzureOptions options = AzureOptions.builder()
                .batchAccount(env.get(BATCH_ENDPOINT), Emulated.ACCOUNT, env.get(BATCH_KEY))
                .storageConnectionString(env.get(STORAGE))
                .pool(PoolSpec.builder().id(Emulated.POOL).build())
                .containers(ControlPlane.INPUT_CONTAINER, ControlPlane.OUTPUT_CONTAINER)
                .cleanup(CleanupPolicy.keepAll())
                .pollInterval(Duration.ofSeconds(1))
                .jobMaxRunTime(Duration.ofMinutes(30))
                .build();
        try (HeapWatch heap = new HeapWatch();
                TranscodeSession session = TranscodeSession.builder().azure(options).build()) {
            long start = System.nanoTime();
            TranscodeReport report = session.transcode(ControlPlane.request(Path.of(args[0])));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "B5 seconds=%.2f succeeded=%d failed=%d peakHeap=%d peakAfterGc=%d"
                    + " maxHeap=%d%n", seconds, report.succeeded(), report.failed(), heap.peak(), heap.peakAfterGc(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
        }
    }
}
