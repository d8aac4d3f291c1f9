package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The client {@link ClientCrashIT} kills: submits a job and prints {@code JOB_ID=<id>} and, once it monitors the
 * job, {@code MONITORING}; then waits. Arguments: batch endpoint, account, storage connection string, input container, output container, pool
 * id, input directory, output directory. The Batch key comes from the environment ({@code BT_BATCH_KEY}).
 */
public final class ClientCrashMain {
    private ClientCrashMain() {
    }

    public static void main(String[] args) {
        submitAndWait(args, PoolSpec.builder().id(args[5]).spotNodes(2).build(), TranscodeRequest.builder()
                .inputDirectory(Path.of(args[6])).outputDirectory(Path.of(args[7])).build());
    }

    /**
     * Submits {@code request} with the Azure options of {@code args} (batch endpoint, account, storage connection
     * string, input container, output container; the key from {@code BT_BATCH_KEY}) on {@code pool}, prints
     * {@code JOB_ID=<id>} and {@code MONITORING} as they come, and waits for the job.
     */
    static void submitAndWait(String[] args, PoolSpec pool, TranscodeRequest request) {
        AzureOptions options = AzureOptions.builder()
                .batchAccount(args[0], args[1], System.getenv("BT_BATCH_KEY"))
                .storageConnectionString(args[2])
                .containers(args[3], args[4])
                .pool(pool)
                .cleanup(CleanupPolicy.keepAll())
                .pollInterval(Duration.ofMillis(200))
                .jobMaxRunTime(Duration.ofMinutes(10))
                .build();
        TranscodeSession session = TranscodeSession.builder().azure(options).build();
        var job = session.submit(request, new TranscodeListener() {
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
