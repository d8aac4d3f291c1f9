package io.github.batchtranscode.internal.local;

import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.batchtranscode.internal.blob.BlobTransfers;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code SKIP_EXISTING} with a blob destination, output by output: an output whose blob exists (not empty) is
 * kept as it is — not made again, or, when its ffmpeg run has to make others, not uploaded over — and reported
 * with its blob and size, as Azure Batch reports the outputs its nodes keep. With an output directory a kept
 * output is downloaded there unless it is there already.
 */
final class KeptBlobs {
    private final BlobTransfers transfers;
    private final BlobLocation dest;

    KeptBlobs(BlobTransfers transfers, BlobLocation dest) {
        this.transfers = transfers;
        this.dest = dest;
    }

    /** The kept output of this relative name (for HLS the master playlist), or null when its blob is missing. */
    OutputResult kept(String name, String preset) {
        String blob = dest.blobName(name);
        try {
            long size = transfers.blob(dest.container(), blob).getProperties().getBlobSize();
            return size <= 0 ? null : OutputResult.builder().path(name).preset(preset).status(FileStatus.SUCCEEDED)
                    .bytes(size).blob(blob).build();
        } catch (BlobStorageException e) {
            return null; // made again; a destination that cannot be written fails at the upload, naming the blob
        }
    }

    /** Fetches a kept output into {@code dir} (an HLS master's whole folder) unless it is there already. */
    void download(OutputResult kept, Path dir) {
        Path target = dir.resolve(kept.path());
        if (Files.exists(target)) {
            return;
        }
        int slash = kept.path().lastIndexOf('/');
        if (!kept.path().substring(0, Math.max(0, slash)).endsWith(".hls")) {
            transfers.download(dest.container(), kept.blob(), target);
            return;
        }
        String folder = kept.blob().substring(0, kept.blob().lastIndexOf('/') + 1);
        for (BlobItem b : transfers.blob(dest.container(), kept.blob()).getContainerClient()
                .listBlobs(new ListBlobsOptions().setPrefix(folder), null)) {
            transfers.download(dest.container(), b.getName(), target.getParent()
                    .resolve(b.getName().substring(folder.length())));
        }
    }
}
