package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;
import java.time.Duration;

/**
 * The client {@link NodePlannedAttachIT} kills: submits a blob-to-blob request planned on the nodes (ladder, HLS,
 * MP3), prints {@code JOB_ID=<id>} and, once it monitors the job, {@code MONITORING}; then waits. Arguments: batch
 * endpoint, account, storage connection string, input container, output container, pool id, source container,
 * source prefix, destination container, destination prefix. The Batch key comes from the environment
 * ({@code BT_BATCH_KEY}).
 */
public final class NodePlannedCrashMain {
    private NodePlannedCrashMain() {
    }

    public static void main(String[] args) {
        AzureOptions options = AzureOptions.builder()
                .batchAccount(args[0], args[1], System.getenv("BT_BATCH_KEY"))
                .storageConnectionString(args[2])
                .containers(args[3], args[4])
                .pool(PoolSpec.builder().id(args[5]).spotNodes(2).taskSlotsPerNode(1).build())
                .cleanup(CleanupPolicy.keepAll())
                .pollInterval(Duration.ofMillis(200))
                .jobMaxRunTime(Duration.ofMinutes(10))
                .build();
        TranscodeSession session = TranscodeSession.builder().azure(options).build();
        var job = session.submit(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(args[6], args[7]))
                .outputBlobs(BlobLocation.of(args[8], args[9]))
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.MP3))
                .build(), new TranscodeListener() {
                    @Override
                    public void onPhase(PhaseEvent event) {
                        if (event.message().startsWith("Monitoring")) {
                            System.out.println("MONITORING");
                            System.out.flush();
                        }
                    }
                });
        System.out.println("JOB_ID=" + job.id());
        System.out.flush();
        job.await();
        System.out.println("DONE");
    }
}
