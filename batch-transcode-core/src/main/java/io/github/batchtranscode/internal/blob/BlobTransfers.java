package io.github.batchtranscode.internal.blob;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.common.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves whole blobs between Blob Storage and local files in parallel blocks, so memory stays bounded by
 * {@code blockSize × concurrency} whatever the file's size, and counts the bytes it moved.
 */
public final class BlobTransfers {
    /** Block size of parallel transfers. */
    public static final long BLOCK = 8L * 1024 * 1024;
    /** Blocks in flight per transfer. */
    public static final int CONCURRENCY = 4;
    private final BlobServiceClient service;
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();

    public BlobTransfers(BlobServiceClient service) {
        this.service = service;
    }

    /** Bytes this client downloaded. */
    public long downloadedBytes() {
        return downloaded.get();
    }

    /** Bytes this client uploaded. */
    public long uploadedBytes() {
        return uploaded.get();
    }

    /** The service's account URL, for messages. */
    public String accountUrl() {
        return service.getAccountUrl();
    }

    /** The client of one blob. */
    public BlobClient blob(String container, String name) {
        return service.getBlobContainerClient(container).getBlobClient(name);
    }

    /**
     * Downloads a blob into {@code target}, replacing it.
     *
     * @return the bytes downloaded
     * @throws BlobStorageException when the service refuses (missing blob, no permission)
     * @throws UncheckedIOException when the file cannot be written
     */
    public long download(String container, String name, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<OpenOption> open = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        var response = blob(container, name).downloadToFileWithResponse(new BlobDownloadToFileOptions(target.toString())
                .setParallelTransferOptions(options()).setOpenOptions(open)
                .setDownloadRetryOptions(new DownloadRetryOptions().setMaxRetryRequests(5)), Duration.ofHours(6), null);
        long size = response.getValue().getBlobSize();
        downloaded.addAndGet(size);
        return size;
    }

    /**
     * Uploads a file as a block blob, replacing the blob (or, with {@code ifAbsent}, only when none exists).
     *
     * @return the bytes uploaded
     * @throws BlobStorageException when the service refuses (no permission, or {@code ifAbsent} and it exists)
     */
    public long upload(Path file, String container, String name, boolean ifAbsent) {
        BlobRequestConditions conditions = ifAbsent ? new BlobRequestConditions().setIfNoneMatch("*") : null;
        blob(container, name).uploadFromFileWithResponse(new BlobUploadFromFileOptions(file.toString())
                .setParallelTransferOptions(uploadOptions()).setRequestConditions(conditions), Duration.ofHours(6), null);
        try {
            long size = Files.size(file);
            uploaded.addAndGet(size);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.azure.storage.blob.models.ParallelTransferOptions uploadOptions() {
        return new com.azure.storage.blob.models.ParallelTransferOptions().setBlockSizeLong(BLOCK)
                .setMaxConcurrency(CONCURRENCY).setMaxSingleUploadSizeLong(BLOCK);
    }

    private static ParallelTransferOptions options() {
        return new ParallelTransferOptions().setBlockSizeLong(BLOCK).setMaxConcurrency(CONCURRENCY)
                .setMaxSingleUploadSizeLong(BLOCK);
    }
}
