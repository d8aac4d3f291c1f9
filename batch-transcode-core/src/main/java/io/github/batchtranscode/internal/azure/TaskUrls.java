package io.github.batchtranscode.internal.azure;

import java.time.OffsetDateTime;

/**
 * The blob URLs a run's tasks are given: least-privilege SAS (read-only per blob, create/write-only per
 * container; user-delegation SAS when storage is reached with a {@code TokenCredential}) until {@code expiry}, or,
 * when the pool's nodes have a user-assigned managed identity ({@code AzureOptions.nodeIdentity}), plain URLs
 * that {@link TaskFactory} pairs with an {@code identityReference}, so that no SAS is made at all.
 */
final class TaskUrls {
    private final BlobStore blobs;
    private final boolean identity;
    private final OffsetDateTime expiry;

    TaskUrls(BlobStore blobs, String nodeIdentity, OffsetDateTime expiry) {
        this.blobs = blobs;
        this.identity = nodeIdentity != null;
        this.expiry = expiry;
    }

    /** A URL tasks read {@code blobName} in {@code container} from. */
    String read(String container, String blobName) {
        return identity ? blobs.plainUrl(container, blobName) : blobs.readUrl(container, blobName, expiry);
    }

    /** A container URL tasks add blobs to (OutputFile rules). */
    String write(String container) {
        return identity ? blobs.plainContainerUrl(container) : blobs.writeOnlyContainerUrl(container, expiry);
    }
}
