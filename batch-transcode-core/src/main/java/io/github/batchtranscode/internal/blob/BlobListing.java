package io.github.batchtranscode.internal.blob;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.model.BlobLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Lists the blobs below a location that the request selects: a flat listing of the prefix, 5,000 blobs per
 * request (the service's maximum page), each name filtered as it arrives so memory holds only the matches.
 */
public final class BlobListing {
    /** The service's largest page. */
    public static final int PAGE = 5000;
    private final BlobServiceClient service;
    private final AtomicLong pages = new AtomicLong();

    public BlobListing(BlobServiceClient service) {
        this.service = service;
    }

    /** How many list requests this listing has made. */
    public long pages() {
        return pages.get();
    }

    private static String version(BlobItem item) {
        var p = item.getProperties();
        if (p != null && p.getContentMd5() != null && p.getContentMd5().length > 0) {
            return "md5:" + java.util.HexFormat.of().formatHex(p.getContentMd5());
        }
        return "etag:" + (p == null || p.getETag() == null ? "unknown" : p.getETag().replace("\"", ""));
    }

    /**
     * The matching blobs, sorted by name; blobs whose name ends in {@code /} (folder markers) are skipped.
     *
     * @throws ConfigurationException naming the container when it does not exist or the credentials may not list it
     */
    public List<SourceBlob> list(BlobLocation location, Predicate<String> selected) {
        BlobContainerClient container = service.getBlobContainerClient(location.container());
        List<SourceBlob> found = new ArrayList<>();
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(PAGE);
        if (!location.prefix().isEmpty()) {
            options.setPrefix(location.prefix());
        }
        try {
            for (var page : container.listBlobs(options, Duration.ofMinutes(5)).iterableByPage(PAGE)) {
                pages.incrementAndGet();
                for (BlobItem item : page.getValue()) {
                    String name = item.getName();
                    if (name.endsWith("/") || Boolean.TRUE.equals(item.isPrefix())) {
                        continue;
                    }
                    String relative = name.substring(location.prefix().length());
                    if (selected.test(relative)) {
                        long size = item.getProperties() == null || item.getProperties().getContentLength() == null ? 0
                                : item.getProperties().getContentLength();
                        found.add(new SourceBlob(name, relative, size, version(item)));
                    }
                }
            }
        } catch (BlobStorageException e) {
            throw StorageErrors.listing(location, service.getAccountUrl(), e);
        } catch (RuntimeException e) {
            throw StorageErrors.unreachable("list container '" + location.container() + "'", service.getAccountUrl(), e);
        }
        found.sort(Comparator.comparing(SourceBlob::relative));
        return found;
    }
}
