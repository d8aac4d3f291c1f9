package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;

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
        ClientCrashMain.submitAndWait(args, PoolSpec.builder().id(args[5]).spotNodes(2).taskSlotsPerNode(1).build(),
                TranscodeRequest.builder()
                        .inputBlobs(BlobLocation.of(args[6], args[7]))
                        .outputBlobs(BlobLocation.of(args[8], args[9]))
                        .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS),
                                OutputFormat.of(Preset.MP3))
                        .build());
    }
}
