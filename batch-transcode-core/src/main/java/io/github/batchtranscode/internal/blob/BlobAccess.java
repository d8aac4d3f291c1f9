package io.github.batchtranscode.internal.blob;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.StorageSettings;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One storage account as a run's blob source or destination: checks a location belongs to the account the
 * settings reach, that an output location can be written before any work starts, and gives the listing and the
 * transfers. Thread-safe.
 */
public final class BlobAccess {
    private final BlobServiceClient service;
    private final BlobListing listing;
    private final BlobTransfers transfers;

    public BlobAccess(BlobServiceClient service) {
        this.service = service;
        this.listing = new BlobListing(service);
        this.transfers = new BlobTransfers(service);
    }

    /**
     * @throws ConfigurationException when the settings are malformed
     */
    public static BlobAccess open(StorageSettings settings) {
        try {
            return new BlobAccess(settings.openClient());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    public BlobServiceClient service() {
        return service;
    }

    public BlobListing listing() {
        return listing;
    }

    public BlobTransfers transfers() {
        return transfers;
    }

    /**
     * @throws ConfigurationException when {@code location} came from a URL naming another account than the
     *                                storage settings reach
     */
    public void checkAccount(BlobLocation location, String role) {
        if (location.account() == null) {
            return;
        }
        String mine = service.getAccountName();
        if (mine != null && !mine.toLowerCase(Locale.ROOT).equals(location.account().toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException("the " + role + " " + location + " is in storage account '"
                    + location.account() + "', but the storage settings reach account '" + mine + "' at "
                    + service.getAccountUrl() + ": use that account's URL, or storage settings for '"
                    + location.account() + "'");
        }
    }

    /**
     * Creates the output container if missing and proves the credentials may write below the prefix by writing and
     * deleting a probe blob.
     *
     * @throws ConfigurationException naming the container when it cannot be created or written
     */
    public void checkWritable(BlobLocation location) {
        checkAccount(location, "output location");
        var container = service.getBlobContainerClient(location.container());
        String probe = location.prefix() + ".batch-transcode-write-check-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try {
            if (!container.exists()) {
                container.create();
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 409) { // created meanwhile by someone else: fine
                throw StorageErrors.writing(location.container(), probe, service.getAccountUrl(), e);
            }
        } catch (RuntimeException e) {
            throw StorageErrors.unreachable("reach output container '" + location.container() + "'",
                    service.getAccountUrl(), e);
        }
        var blob = container.getBlobClient(probe);
        try {
            blob.upload(new ByteArrayInputStream(new byte[0]), 0, true);
        } catch (BlobStorageException e) {
            throw StorageErrors.writing(location.container(), probe, service.getAccountUrl(), e);
        }
        try {
            blob.delete();
        } catch (BlobStorageException e) {
            // write-only credentials: the empty probe stays; it never looks like an output
        }
    }
}
