package io.github.batchtranscode.internal.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.common.sas.SasProtocol;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.StagingException;
import io.github.batchtranscode.model.AzureOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blob Storage as the Azure backend uses it: containers, uploads that skip blobs whose length and MD5 already
 * match, least-privilege SAS URLs for tasks, downloads that never leave a partial file under the final name.
 * SAS query strings are secrets: they go only into task definitions, never into logs or messages.
 */
final class BlobStore {
    /** How often a download is tried in all, from the start, when its body breaks. */
    static final int DOWNLOAD_ATTEMPTS = 5;
    private final BlobServiceClient service;
    /** Container clients for {@link #readUrl}, which signs one SAS per task: made once per container, not per task. */
    private final java.util.Map<String, BlobContainerClient> signing = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean userDelegation;
    private final AtomicLong retries;
    private volatile UserDelegationKey delegationKey;
    private final AtomicLong mediaUploaded = new AtomicLong();
    private final AtomicLong mediaDownloaded = new AtomicLong();
    /** Whose time the download retries and the container wait count: the session's. */
    private final io.github.batchtranscode.internal.engine.SessionTime time;

    BlobStore(BlobServiceClient service, boolean userDelegation) {
        this(service, userDelegation, new AtomicLong(), io.github.batchtranscode.internal.engine.SessionTime.system());
    }

    private BlobStore(BlobServiceClient service, boolean userDelegation, AtomicLong retries,
            io.github.batchtranscode.internal.engine.SessionTime time) {
        this.service = service;
        this.userDelegation = userDelegation;
        this.retries = retries;
        this.time = time;
    }

    /** Attempts that met a transient answer or an I/O error, each of which the client's retry policy resent. */
    long retries() {
        return retries.get();
    }

    /** @param time the session's time, for this store's own backoffs and waits (the SDK's retries keep their own) */
    static BlobStore open(AzureOptions o, io.github.batchtranscode.internal.engine.SessionTime time) {
        RequestRetryOptions retry = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 6, Duration.ofMinutes(5),
                Duration.ofMillis(200), Duration.ofSeconds(20), null);
        try {
            if (o.blobServiceClient() != null) {
                return new BlobStore(o.blobServiceClient(), signsWithToken(o.blobServiceClient()), new AtomicLong(),
                        time);
            }
            AtomicLong retries = new AtomicLong();
            BlobServiceClientBuilder b = new BlobServiceClientBuilder().retryOptions(retry)
                    .addPolicy(new RetryCounter(retries));
            if (AzureSecrets.storageConnectionString(o) != null) {
                return new BlobStore(b.connectionString(AzureSecrets.storageConnectionString(o)).buildClient(), false, retries, time);
            }
            if (AzureSecrets.storageKey(o) != null) {
                return new BlobStore(b.endpoint(o.storageEndpoint().toString())
                        .credential(new StorageSharedKeyCredential(o.storageAccount(), AzureSecrets.storageKey(o))).buildClient(),
                        false, retries, time);
            }
            return new BlobStore(b.endpoint(o.storageEndpoint().toString()).credential(o.storageCredential())
                    .buildClient(), true, retries, time);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the storage settings are malformed: " + Redact.secrets(e.getMessage())
                    + "; check AZURE_STORAGE_CONNECTION_STRING or the storage account and key", e);
        }
    }

    String accountUrl() {
        return service.getAccountUrl();
    }

    /**
     * Whether a caller's client signs task SAS as user-delegation SAS: it carries a bearer-token policy (a
     * {@code TokenCredential}) and no shared key. A client with neither (a SAS or anonymous client) cannot sign
     * SAS for tasks at all and is refused, naming what to give instead.
     *
     * @throws ConfigurationException for a client that can sign no SAS
     */
    static boolean signsWithToken(BlobServiceClient client) {
        boolean key = false;
        boolean token = false;
        com.azure.core.http.HttpPipeline pipeline = client.getHttpPipeline();
        for (int i = 0; i < pipeline.getPolicyCount(); i++) {
            com.azure.core.http.policy.HttpPipelinePolicy p = pipeline.getPolicy(i);
            key |= p instanceof com.azure.storage.common.policy.StorageSharedKeyCredentialPolicy;
            token |= p instanceof com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
        }
        if (!key && !token) {
            throw new ConfigurationException("the BlobServiceClient for " + client.getAccountUrl() + " is built with"
                    + " neither a shared key nor a TokenCredential, so it cannot sign the SAS that tasks read and"
                    + " write blobs with; build it with .credential(StorageSharedKeyCredential) or"
                    + " .credential(TokenCredential), or pass a connection string with the account key");
        }
        return !key;
    }

    /** How long {@link #ensureContainer} waits at most for a container that is being deleted. */
    static final Duration CONTAINER_DELETE_WAIT = Duration.ofMinutes(2);

    void ensureContainer(String name) {
        ensureContainer(name, m -> { });
    }

    /**
     * Creates the container unless it exists. A container deleted a moment ago cannot be created for about 30 s
     * (409 ContainerBeingDeleted): then {@code waiting} is told, and creation is tried again for at most
     * {@link #CONTAINER_DELETE_WAIT}.
     *
     * @throws StagingException naming the container and what to do when it cannot be created
     */
    void ensureContainer(String name, java.util.function.Consumer<String> waiting) {
        try {
            create(name);
        } catch (BlobStorageException e) {
            if (!beingDeleted(e)) {
                throw createFailed(name, e);
            }
            waiting.accept("Waiting for container [" + name + "] to finish deleting (Azure holds a deleted"
                    + " container's name for about 30 s), at most " + DeletionWait.describe(CONTAINER_DELETE_WAIT) + "...");
            DeletionWait.until(time, () -> tryCreate(name), CONTAINER_DELETE_WAIT, () -> new StagingException("container '"
                    + name + "' is still being deleted after " + DeletionWait.describe(CONTAINER_DELETE_WAIT)
                    + ". Run again in a few minutes, or use other container names (AzureOptions.Builder.containers)"));
        }
    }

    /** Whether the service refused to create a container because one of that name is being deleted. */
    static boolean beingDeleted(BlobStorageException e) {
        return e.getStatusCode() == 409
                && com.azure.storage.blob.models.BlobErrorCode.CONTAINER_BEING_DELETED.equals(e.getErrorCode());
    }

    private boolean tryCreate(String name) {
        try {
            create(name);
            return true;
        } catch (BlobStorageException e) {
            if (beingDeleted(e)) {
                return false;
            }
            throw createFailed(name, e);
        }
    }

    private StagingException createFailed(String name, BlobStorageException e) {
        return new StagingException("container '" + name + "' could not be created: HTTP " + e.getStatusCode() + " "
                + e.getErrorCode() + ". Check the storage account and that the key or identity may create containers", e);
    }

    private void create(String name) {
        try {
            service.getBlobContainerClient(name).createIfNotExists();
        } catch (BlobStorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StagingException("storage at " + accountUrl() + " could not be reached to create container '"
                    + name + "': " + Redact.secrets(String.valueOf(e.getMessage())), e);
        }
    }

    boolean deleteContainer(String name) {
        return service.getBlobContainerClient(name).deleteIfExists();
    }

    /** A blob found by {@link #list}: its name and when it was last written. */
    record Listed(String name, OffsetDateTime lastModified) {
    }

    /** Every blob whose name starts with {@code prefix}, all pages; empty when the container does not exist. */
    java.util.List<Listed> list(String container, String prefix) {
        java.util.List<Listed> found = new java.util.ArrayList<>();
        try {
            service.getBlobContainerClient(container)
                    .listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(prefix)
                            .setMaxResultsPerPage(BlobIndex.PAGE_SIZE), null)
                    .forEach(b -> found.add(new Listed(b.getName(),
                            b.getProperties() != null ? b.getProperties().getLastModified() : null)));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw new StagingException("container '" + container + "' could not be listed: HTTP "
                        + e.getStatusCode() + " " + e.getErrorCode(), e);
            }
        }
        return found;
    }

    /** Deletes a blob if it exists; true when it did. */
    boolean deleteBlob(String container, String blobName) {
        try {
            return service.getBlobContainerClient(container).getBlobClient(blobName).deleteIfExists();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw new StagingException("blob " + blobName + " in container '" + container + "' could not be deleted:"
                    + " HTTP " + e.getStatusCode() + " " + e.getErrorCode(), e);
        }
    }

    /**
     * Uploads a file unless a blob with the same length and MD5 is there already.
     *
     * @return the bytes uploaded (0 when skipped)
     */
    long upload(String container, String blobName, Path file) {
        return upload(container, blobName, file, BlobIndex.unknown());
    }

    /**
     * As {@link #upload(String, String, Path)}, deciding from {@code index} where it can, so a skipped or new
     * blob costs no properties request.
     */
    long upload(String container, String blobName, Path file, BlobIndex index) {
        try {
            return upload(container, blobName, file, index, md5(file));
        } catch (IOException e) {
            throw new StagingException("input " + file + " could not be read for upload: " + e.getMessage(), e);
        }
    }

    /** As {@link #upload(String, String, Path, BlobIndex)}, with the file's MD5 known already. */
    long upload(String container, String blobName, Path file, BlobIndex index, byte[] md5) {
        BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
        try {
            long size = Files.size(file);
            Boolean known = index.matches(blobName, size, md5);
            if (known != null ? known : matches(blob, size, md5)) {
                return 0;
            }
            blob.uploadFromFile(file.toString(), new ParallelTransferOptions().setMaxConcurrency(2),
                    new BlobHttpHeaders().setContentMd5(md5), Map.of(), null, null, null);
            mediaUploaded.addAndGet(size);
            return size;
        } catch (IOException e) {
            throw new StagingException("input " + file + " could not be read for upload: " + e.getMessage(), e);
        } catch (BlobStorageException e) {
            throw new StagingException("upload of " + blobName + " to container '" + container + "' failed: HTTP "
                    + e.getStatusCode() + " " + e.getErrorCode(), e);
        } catch (RuntimeException e) {
            throw new StagingException("upload of " + blobName + " to container '" + container + "' failed: "
                    + Redact.secrets(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * What the container holds, listed with at most {@code 1 + files / 1000} requests (so never more than one per
     * 1,000 files staged, however full the container is); what the budget does not reach is asked per blob.
     */
    BlobIndex index(String container, int files) {
        try {
            return BlobIndex.of(service.getBlobContainerClient(container), 1 + files / 1000);
        } catch (RuntimeException e) {
            return BlobIndex.unknown(); // a listing is an optimisation: without it, each blob is checked alone
        }
    }

    /** Uploads small text (the node script, the ffmpeg arguments). */
    void uploadText(String container, String blobName, String text) {
        BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
        blob.upload(BinaryData.fromString(text), true);
    }

    /** Uploads {@code text} (UTF-8), replacing the blob, with this Content-Type. */
    void uploadText(String container, String blobName, String text, String contentType) {
        BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
        blob.uploadWithResponse(new com.azure.storage.blob.options.BlobParallelUploadOptions(BinaryData.fromString(text))
                .setHeaders(new com.azure.storage.blob.models.BlobHttpHeaders().setContentType(contentType)), null,
                null);
    }

    private static boolean matches(BlobClient blob, long size, byte[] md5) {
        try {
            BlobProperties p = blob.getProperties();
            return p.getBlobSize() == size && p.getContentMd5() != null && Arrays.equals(p.getContentMd5(), md5);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Bytes of media (inputs staged, outputs fetched) this client moved; scripts, logs and records not counted. */
    long mediaBytes() {
        return mediaUploaded.get() + mediaDownloaded.get();
    }

    /** The client, for checks that need the service itself. */
    BlobServiceClient service() {
        return service;
    }

    /** Whether SAS are user-delegation SAS (Entra ID). */
    boolean userDelegation() {
        return userDelegation;
    }

    /** A blob's URL without any SAS (for tasks that read it with the pool's managed identity). */
    String plainUrl(String container, String blobName) {
        return service.getBlobContainerClient(container).getBlobClient(blobName).getBlobUrl();
    }

    /** A container's URL without any SAS (for tasks that write to it with the pool's managed identity). */
    String plainContainerUrl(String container) {
        return service.getBlobContainerClient(container).getBlobContainerUrl();
    }

    /** A read-only SAS URL for one blob. */
    String readUrl(String container, String blobName, OffsetDateTime expiry) {
        BlobClient blob = signing.computeIfAbsent(container, service::getBlobContainerClient).getBlobClient(blobName);
        BlobServiceSasSignatureValues values = values(expiry, new BlobSasPermission().setReadPermission(true));
        return blob.getBlobUrl() + "?" + (userDelegation ? blob.generateUserDelegationSas(values, key(expiry)) : blob.generateSas(values));
    }

    /**
     * Copies a blob to another name in the account on the service side (Copy Blob): no byte passes through this
     * process. Waits for the copy to finish.
     */
    void copy(String fromContainer, String fromBlob, String toContainer, String toBlob) {
        String source = readUrl(fromContainer, fromBlob, OffsetDateTime.now().plusHours(1));
        var poll = service.getBlobContainerClient(toContainer).getBlobClient(toBlob)
                .beginCopy(source, Duration.ofMillis(250)).waitForCompletion(Duration.ofMinutes(30));
        var status = poll.getValue() == null ? null : poll.getValue().getCopyStatus();
        if (status != com.azure.storage.blob.models.CopyStatusType.SUCCESS) {
            throw new StagingException("copying " + fromBlob + " to " + toBlob + " in container [" + toContainer
                    + "] ended " + status, null);
        }
    }

    /** A create/write-only SAS URL for a container: tasks can add blobs, not read, list or delete them. */
    String writeOnlyContainerUrl(String container, OffsetDateTime expiry) {
        BlobContainerClient c = service.getBlobContainerClient(container);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true))
                .setStartTime(serviceNow().minusMinutes(5)).setProtocol(protocol());
        return c.getBlobContainerUrl() + "?" + (userDelegation ? c.generateUserDelegationSas(values, key(expiry)) : c.generateSas(values));
    }

    private BlobServiceSasSignatureValues values(OffsetDateTime expiry, BlobSasPermission permission) {
        return new BlobServiceSasSignatureValues(expiry, permission).setStartTime(serviceNow().minusMinutes(5))
                .setProtocol(protocol());
    }

    /**
     * Now on the wall clock, for validity windows the storage service checks against its own clock (SAS start and
     * expiry, delegation keys). Deliberately the system clock, not the session's: a test's manual clock would sign
     * SAS that Azure Storage (or Azurite) sees as expired or not yet valid.
     */
    static OffsetDateTime serviceNow() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC);
    }

    private SasProtocol protocol() {
        return accountUrl().startsWith("https:") ? SasProtocol.HTTPS_ONLY : SasProtocol.HTTPS_HTTP;
    }

    /**
     * A user delegation key valid until past {@code expiry}, asked of the service once and reused while it lasts.
     *
     * @throws StagingException naming the account and the role needed when the service refuses one (the key's
     *                          value is never in a message)
     */
    private UserDelegationKey key(OffsetDateTime expiry) {
        UserDelegationKey k = delegationKey;
        if (k != null && !k.getSignedExpiry().isBefore(expiry)) {
            return k;
        }
        synchronized (this) {
            k = delegationKey;
            if (k == null || k.getSignedExpiry().isBefore(expiry)) {
                try {
                    k = service.getUserDelegationKey(serviceNow().minusMinutes(5), expiry.plusMinutes(5));
                } catch (BlobStorageException e) {
                    throw new StagingException("storage account " + accountUrl() + " gave no user delegation key"
                            + " (HTTP " + e.getStatusCode() + " " + e.getErrorCode() + "), so no SAS can be signed"
                            + " for the tasks: give the identity the 'Storage Blob Delegator' role (or any role with"
                            + " generateUserDelegationKey) on the account, or use the account key", e);
                }
                delegationKey = k;
            }
            return k;
        }
    }

    /** Downloads a blob to {@code target} through a temporary name. */
    long download(String container, String blobName, Path target) {
        BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".download");
            try {
                again(() -> blob.downloadToFile(temp.toString(), true));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                long size = Files.size(target);
                mediaDownloaded.addAndGet(size);
                return size;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            throw new StagingException("download of " + blobName + " from container '" + container + "' to " + target
                    + " failed: " + Redact.secrets(String.valueOf(e.getMessage())), e);
        }
    }

    /** Whether a blob exists. */
    boolean exists(String container, String blobName) {
        return service.getBlobContainerClient(container).getBlobClient(blobName).exists();
    }

    /** A small blob's text, or empty when it does not exist. */
    String text(String container, String blobName) {
        try {
            BlobClient blob = service.getBlobContainerClient(container).getBlobClient(blobName);
            return again(blob::downloadContent).toString();
        } catch (BlobStorageException e) {
            return "";
        }
    }

    /**
     * Runs a download again, from the start, when it broke on the way. The client's retry policy resends a request
     * that failed, but not a response body that broke mid-stream: the JDK HTTP client's body cannot be read twice
     * ("This publisher has already one subscriber"), so a reset in the middle of a download failed the file.
     */
    private <T> T again(java.util.function.Supplier<T> download) {
        for (int attempt = 1; ; attempt++) {
            try {
                return download.get();
            } catch (BlobStorageException e) {
                if (!Retrier.transientStatus(e.getStatusCode()) || attempt >= DOWNLOAD_ATTEMPTS) {
                    throw e;
                }
                backoff(attempt);
            } catch (RuntimeException e) {
                if (attempt >= DOWNLOAD_ATTEMPTS) {
                    throw e;
                }
                backoff(attempt);
            }
        }
    }

    private void backoff(int attempt) {
        retries.incrementAndGet();
        try {
            time.sleep(java.time.Duration.ofMillis(100L << Math.min(attempt, 6)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StagingException("interrupted while retrying a download", ie);
        }
    }

    static byte[] md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs after the retry policy, once per attempt: counts attempts that end in a transient answer or an error. */
    private static final class RetryCounter implements com.azure.core.http.policy.HttpPipelinePolicy {
        private final AtomicLong retries;

        RetryCounter(AtomicLong retries) {
            this.retries = retries;
        }

        @Override
        public reactor.core.publisher.Mono<com.azure.core.http.HttpResponse> process(
                com.azure.core.http.HttpPipelineCallContext context, com.azure.core.http.HttpPipelineNextPolicy next) {
            return next.process()
                    .doOnNext(r -> {
                        if (Retrier.transientStatus(r.getStatusCode())) {
                            retries.incrementAndGet();
                        }
                    })
                    .doOnError(e -> retries.incrementAndGet());
        }

        @Override
        public com.azure.core.http.HttpPipelinePosition getPipelinePosition() {
            return com.azure.core.http.HttpPipelinePosition.PER_RETRY;
        }
    }
}
