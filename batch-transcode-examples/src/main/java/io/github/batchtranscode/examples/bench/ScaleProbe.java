package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * B10's client, run by {@link ScaleBench} in a child JVM with {@code -Xmx256m}: one job over every blob below
 * {@code args[1]} in container {@code args[0]} (media already in Blob Storage, so nothing is staged), simulated
 * tasks, verification off, run to its final report. Prints {@code B10 running} when monitoring begins (the parent
 * then counts what each poll costs), and at the end one line
 * {@code B10 seconds=… succeeded=… failed=… peakHeap=… peakAfterGc=…}. Endpoints and keys come from the
 * environment variables of {@link MemoryProbe}, never the command line.
 */
public final class ScaleProbe {
    private ScaleProbe() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        AzureOptions options = AzureOptions.builder()
                .batchAccount(env.get(MemoryProbe.BATCH_ENDPOINT), Emulated.ACCOUNT, env.get(MemoryProbe.BATCH_KEY))
                .storageConnectionString(env.get(MemoryProbe.STORAGE))
                .pool(PoolSpec.builder().id(Emulated.POOL).spotNodes(ScaleBench.NODES)
                        .taskSlotsPerNode(ScaleBench.SLOTS).build())
                .containers(ScaleBench.INPUT_CONTAINER, ScaleBench.OUTPUT_CONTAINER)
                .cleanup(CleanupPolicy.keepAll())
                .pollInterval(ScaleBench.POLL)
                .jobMaxRunTime(Duration.ofMinutes(30))
                .build();
        TranscodeRequest request = TranscodeRequest.builder().inputBlobs(BlobLocation.of(args[0], args[1]))
                .formats(OutputFormat.of(Preset.MP3)).verifyOutputs(false).build();
        AtomicBoolean running = new AtomicBoolean();
        TranscodeListener listener = new TranscodeListener() {
            @Override
            public void onPhase(PhaseEvent event) {
                if (event.phase() == Phase.RUNNING && running.compareAndSet(false, true)) {
                    System.out.println("B10 running");
                    System.out.flush();
                }
            }
        };
        try (HeapWatch heap = new HeapWatch();
                TranscodeSession session = TranscodeSession.builder().azure(options).build()) {
            long start = System.nanoTime();
            TranscodeReport report = session.submit(request, listener).await(Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "B10 seconds=%.2f succeeded=%d failed=%d peakHeap=%d peakAfterGc=%d%n",
                    seconds, report.succeeded(), report.failed(), heap.peak(), heap.peakAfterGc());
        }
    }
}
