package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The length and MD5 of the blobs a container holds, read with a few {@code List Blobs} requests (5,000 blobs
 * each), so staging does not need a request per file to decide whether to skip it. The listing stops after a
 * page budget; then blobs it did not reach are unknown and the caller asks for them one by one.
 */
final class BlobIndex {
    static final int PAGE_SIZE = 5_000;

    private record Entry(long size, byte[] md5) {
    }

    private final Map<String, Entry> entries;
    private final boolean complete;

    private BlobIndex(Map<String, Entry> entries, boolean complete) {
        this.entries = entries;
        this.complete = complete;
    }

    /** An index that knows nothing: every blob is asked for one by one. */
    static BlobIndex unknown() {
        return new BlobIndex(Map.of(), false);
    }

    /**
     * Lists the container, at most {@code maxPages} pages.
     *
     * @throws com.azure.storage.blob.models.BlobStorageException when the listing fails
     */
    static BlobIndex of(BlobContainerClient container, int maxPages) {
        Map<String, Entry> entries = new HashMap<>();
        Iterator<com.azure.core.http.rest.PagedResponse<BlobItem>> pages = container
                .listBlobs(new ListBlobsOptions().setMaxResultsPerPage(PAGE_SIZE), null).iterableByPage().iterator();
        int read = 0;
        while (read < maxPages && pages.hasNext()) {
            for (BlobItem item : pages.next().getValue()) {
                BlobItemProperties p = item.getProperties();
                if (p != null && p.getContentLength() != null) {
                    entries.put(item.getName(), new Entry(p.getContentLength(), p.getContentMd5()));
                }
            }
            read++;
        }
        return new BlobIndex(entries, !pages.hasNext());
    }

    /**
     * Whether the blob is there with this length and MD5: {@code TRUE} or {@code FALSE} when the listing says, or
     * {@code null} when the listing stopped before it could tell.
     */
    Boolean matches(String blobName, long size, byte[] md5) {
        Entry e = entries.get(blobName);
        if (e == null) {
            return complete ? Boolean.FALSE : null;
        }
        return e.size() == size && e.md5() != null && Arrays.equals(e.md5(), md5);
    }
}
