package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobOutputStreamOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Blobs written and read as streams, for records that grow with a job (its plan): the client holds a block or two
 * of one, never the whole text, whatever the number of files.
 */
final class BlobStreams {
    /** The block a stream is written and read in. */
    static final int BLOCK = 1 << 20;

    /** Writes to a blob's stream. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Reads a blob's stream from its start. */
    interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private BlobStreams() {
    }

    /**
     * Writes the blob from what {@code writer} writes, replacing it, in blocks of {@value #BLOCK} bytes with at
     * most two uploading at a time. The blob is committed once {@code writer} returns: closing or flushing the
     * stream it is given does nothing (a flush would not make a block, a second close would fail).
     *
     * @throws IOException when the writer fails or a block could not be uploaded (after the client's retries)
     */
    static void write(BlobServiceClient service, String container, String blobName, Writer writer)
            throws IOException {
        BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
        BlockBlobOutputStreamOptions options = new BlockBlobOutputStreamOptions().setParallelTransferOptions(
                new ParallelTransferOptions().setBlockSizeLong((long) BLOCK).setMaxSingleUploadSizeLong((long) BLOCK)
                        .setMaxConcurrency(2));
        try (OutputStream out = blob.getBlockBlobClient().getBlobOutputStream(options)) {
            writer.write(new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void flush() {
                    // the blob is committed when the writer returns
                }

                @Override
                public void close() {
                    // the blob is committed when the writer returns
                }
            });
        }
    }

    /**
     * What {@code reader} reads from the blob's stream, or empty when the blob cannot be read (it does not exist);
     * a read that breaks on the way is started again from the beginning, up to
     * {@link BlobStore#DOWNLOAD_ATTEMPTS} times, with a new {@code reader} call each time.
     *
     * @throws IOException when the last attempt broke too
     */
    static <T> Optional<T> read(BlobServiceClient service, String container, String blobName, Reader<T> reader)
            throws IOException {
        BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
        for (int attempt = 1; ; attempt++) {
            InputStream in;
            try {
                in = blob.openInputStream(new BlobInputStreamOptions().setBlockSize(BLOCK));
            } catch (BlobStorageException e) {
                return Optional.empty();
            }
            try (InputStream stream = in) {
                return Optional.ofNullable(reader.read(stream));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw e; // the content is wrong: reading it again would not help
            } catch (IOException e) {
                if (attempt >= BlobStore.DOWNLOAD_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
