package io.github.batchtranscode.internal.blob;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.model.BlobLocation;

/** Storage answers turned into messages that name the container or blob and say what to do; never a secret. */
final class StorageErrors {
    private StorageErrors() {
    }

    static ConfigurationException listing(BlobLocation location, String accountUrl, BlobStorageException e) {
        String where = "container '" + location.container() + "' at " + accountUrl;
        if (e.getStatusCode() == 404 || BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
            return new ConfigurationException(where + " does not exist: check the container name in the input"
                    + " location, or create it and upload the media", e);
        }
        if (e.getStatusCode() == 403) {
            return new ConfigurationException("the storage credentials may not list " + where + " (HTTP 403 "
                    + e.getErrorCode() + "): grant list and read permission (e.g. the 'Storage Blob Data Reader'"
                    + " role, or a key with list rights) or use other storage settings", e);
        }
        return new ConfigurationException("listing " + where + " failed: HTTP " + e.getStatusCode() + " "
                + e.getErrorCode(), e);
    }

    static ConfigurationException writing(String container, String blob, String accountUrl, BlobStorageException e) {
        String where = "container '" + container + "' at " + accountUrl;
        if (e.getStatusCode() == 404 || BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
            return new ConfigurationException("the output " + where + " does not exist and could not be created: "
                    + "create it or choose another output location", e);
        }
        if (e.getStatusCode() == 403) {
            return new ConfigurationException("the storage credentials may not write blob '" + blob + "' in " + where
                    + " (HTTP 403 " + e.getErrorCode() + "): grant create and write permission (e.g. the 'Storage"
                    + " Blob Data Contributor' role) or use other storage settings", e);
        }
        return new ConfigurationException("writing blob '" + blob + "' in " + where + " failed: HTTP "
                + e.getStatusCode() + " " + e.getErrorCode(), e);
    }

    static ConfigurationException unreachable(String what, String accountUrl, RuntimeException e) {
        return new ConfigurationException("could not " + what + " at " + accountUrl + ": "
                + io.github.batchtranscode.internal.azure.Redact.secrets(String.valueOf(e.getMessage())) + ". Check the storage endpoint and network", e);
    }
}
