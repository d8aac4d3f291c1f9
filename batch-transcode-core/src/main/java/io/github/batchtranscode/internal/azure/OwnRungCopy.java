package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.batchtranscode.StagingException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Puts the own-height rung of a ladder (a source below the lowest rung; only the node knows its name) at its
 * name: the node uploads it below the task's log prefix, the service copies it (Copy Blob, no byte through this
 * process) and the staged blob is deleted. A task is placed once per process that reports it — the submitter and
 * any process attaching to the job — so a staged blob already gone is fine when the destination blob was copied
 * from it: the blob's own copy source says so, and a stale blob of an earlier run of the same name is not taken for
 * it.
 */
final class OwnRungCopy {
    private final BlobStore blobs;

    OwnRungCopy(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Copies {@code staged} (in {@code logs}) to {@code blob} (in {@code container}) and deletes it, unless that was
     * done before.
     *
     * @throws StagingException when the staged blob is gone and the destination was not copied from it
     */
    void place(String logs, String staged, String container, String blob) {
        if (blobs.exists(logs, staged)) {
            try {
                blobs.copy(logs, staged, container, blob);
            } catch (RuntimeException e) {
                if (copiedFrom(container, blob, logs, staged)) {
                    return; // another process reporting the same task copied it meanwhile
                }
                throw e;
            }
            blobs.deleteBlob(logs, staged); // the copy is the output
            return;
        }
        if (!copiedFrom(container, blob, logs, staged)) {
            throw new StagingException("the task uploaded it as " + staged + " in container [" + logs + "], which is"
                    + " gone, and " + blob + " in container [" + container + "] was not copied from it", null);
        }
    }

    /** Whether {@code blob} is a completed copy of {@code staged}: its copy source's path names that blob. */
    private boolean copiedFrom(String container, String blob, String logs, String staged) {
        BlobProperties p;
        try {
            p = blobs.service().getBlobContainerClient(container).getBlobClient(blob).getProperties();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
        if (p.getCopySource() == null || p.getCopyStatus() != com.azure.storage.blob.models.CopyStatusType.SUCCESS) {
            return false;
        }
        try {
            String path = new URI(p.getCopySource()).getPath(); // the query (a SAS) is never looked at
            return path != null && path.endsWith("/" + logs + "/" + staged);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
