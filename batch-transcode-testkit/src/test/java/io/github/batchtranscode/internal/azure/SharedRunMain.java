package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The second process of {@link SharedAccountIT}: one run with the default containers and cleanup. Arguments:
 * batch endpoint, account, storage connection string, pool id, input directory, output directory; the Batch key
 * comes from {@code BT_BATCH_KEY}. Prints {@code READY}, waits for a line on stdin (so both runs start together),
 * runs, prints {@code ALL_SUCCEEDED=<bool> JOB=<id>} and exits 0.
 */
public final class SharedRunMain {
    private SharedRunMain() {
    }

    public static void main(String[] args) throws Exception {
        AzureOptions options = AzureOptions.builder()
                .batchAccount(args[0], args[1], System.getenv("BT_BATCH_KEY"))
                .storageConnectionString(args[2])
                .pool(PoolSpec.builder().id(args[3]).spotNodes(2).build())
                .pollInterval(Duration.ofMillis(200))
                .jobMaxRunTime(Duration.ofMinutes(10))
                .build();
        try (TranscodeSession session = TranscodeSession.builder().azure(options).build()) {
            System.out.println("READY");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            TranscodeReport report = session.transcode(TranscodeRequest.builder().inputDirectory(Path.of(args[4]))
                    .outputDirectory(Path.of(args[5])).build());
            System.out.println("ALL_SUCCEEDED=" + report.allSucceeded() + " JOB=" + report.jobId());
            System.out.flush();
        }
    }
}
