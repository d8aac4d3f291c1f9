package io.github.batchtranscode.model;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to run on Azure Batch: the Batch account, the storage account, the pool, containers, cleanup,
 * polling and limits. Immutable and thread-safe. No getter returns a secret (the Batch key, the storage connection
 * string or key): only the Azure backend reads them, and {@link #toString()} shows only which kind was set.
 *
 * <pre>{@code
 * AzureOptions azure = AzureOptions.builder()
 *         .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", System.getenv("AZURE_BATCH_ACCESS_KEY"))
 *         .storageConnectionString(System.getenv("AZURE_STORAGE_CONNECTION_STRING"))
 *         .pool(PoolSpec.builder().spotNodes(5).build())
 *         .build();
 * }</pre>
 *
 * <p>Setters check their argument at once and throw {@link IllegalArgumentException} naming the setting (never
 * echoing a secret); {@link Builder#build()} checks the combination.
 */
public final class AzureOptions {
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final URI batchEndpoint;
    private final String batchAccount;
    private final String batchKey;
    private final TokenCredential batchCredential;
    private final String storageConnectionString;
    private final String storageAccount;
    private final String storageKey;
    private final URI storageEndpoint;
    private final TokenCredential storageCredential;
    private final BlobServiceClient blobServiceClient;
    private final PoolSpec pool;
    private final String inputContainer;
    private final String outputContainer;
    private final String jobId;
    private final CleanupPolicy cleanup;
    private final Duration pollInterval;
    private final Duration jobMaxRunTime;
    private final int transferParallelism;
    private final int maxTaskRetryCount;
    private final int requiredSlots;
    private final VideoTaskSplit videoTaskSplit;
    private final String nodeIdentity;
    private final String apiVersion;

    private AzureOptions(Builder b) {
        batchEndpoint = b.batchEndpoint;
        batchAccount = b.batchAccount;
        batchKey = b.batchKey;
        batchCredential = b.batchCredential;
        storageConnectionString = b.storageConnectionString;
        storageAccount = b.storageAccount;
        storageKey = b.storageKey;
        storageEndpoint = b.storageEndpoint;
        storageCredential = b.storageCredential;
        blobServiceClient = b.blobServiceClient;
        pool = b.pool;
        inputContainer = b.inputContainer;
        outputContainer = b.outputContainer;
        jobId = b.jobId;
        cleanup = b.cleanup;
        pollInterval = b.pollInterval;
        jobMaxRunTime = b.jobMaxRunTime;
        transferParallelism = b.transferParallelism;
        apiVersion = b.apiVersion;
        maxTaskRetryCount = b.maxTaskRetryCount;
        requiredSlots = b.requiredSlots;
        videoTaskSplit = b.videoTaskSplit;
        nodeIdentity = b.nodeIdentity;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI batchEndpoint() {
        return batchEndpoint;
    }

    public String batchAccount() {
        return batchAccount;
    }

    public TokenCredential batchCredential() {
        return batchCredential;
    }

    public String storageAccount() {
        return storageAccount;
    }

    public URI storageEndpoint() {
        return storageEndpoint;
    }

    public TokenCredential storageCredential() {
        return storageCredential;
    }

    public BlobServiceClient blobServiceClient() {
        return blobServiceClient;
    }

    public PoolSpec pool() {
        return pool;
    }

    public String inputContainer() {
        return inputContainer;
    }

    public String outputContainer() {
        return outputContainer;
    }

    /** The job id to use, or {@code null} to generate one per run. */
    public String jobId() {
        return jobId;
    }

    public CleanupPolicy cleanup() {
        return cleanup;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * The Batch job's maximum run time on the service; task SAS tokens expire 30 minutes after it. See
     * {@link Builder#jobMaxRunTime(Duration)}.
     */
    public Duration jobMaxRunTime() {
        return jobMaxRunTime;
    }

    public int transferParallelism() {
        return transferParallelism;
    }

    public int maxTaskRetryCount() {
        return maxTaskRetryCount;
    }

    /** Scheduling slots each video task takes on a node (default 1); see {@link Builder#requiredSlots(int)}. */
    public int requiredSlots() {
        return requiredSlots;
    }

    /** How video work is split into tasks (default {@link VideoTaskSplit#PER_INPUT}). */
    public VideoTaskSplit videoTaskSplit() {
        return videoTaskSplit;
    }

    /**
     * The resource id of the user-assigned managed identity the pool's nodes use to read source blobs and write
     * output blobs of requests with blob locations, or {@code null}: then tasks get a SAS per blob/container.
     */
    public String nodeIdentity() {
        return nodeIdentity;
    }

    /**
     * The Batch REST api-version every request carries (default
     * {@value io.github.batchtranscode.azure.AzureBatchClients#API_VERSION}).
     */
    public String apiVersion() {
        return apiVersion;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.batchEndpoint = batchEndpoint;
        b.batchAccount = batchAccount;
        b.batchKey = batchKey;
        b.batchCredential = batchCredential;
        b.storageConnectionString = storageConnectionString;
        b.storageAccount = storageAccount;
        b.storageKey = storageKey;
        b.storageEndpoint = storageEndpoint;
        b.storageCredential = storageCredential;
        b.blobServiceClient = blobServiceClient;
        b.pool = pool;
        b.inputContainer = inputContainer;
        b.outputContainer = outputContainer;
        b.jobId = jobId;
        b.cleanup = cleanup;
        b.pollInterval = pollInterval;
        b.jobMaxRunTime = jobMaxRunTime;
        b.transferParallelism = transferParallelism;
        b.maxTaskRetryCount = maxTaskRetryCount;
        b.requiredSlots = requiredSlots;
        b.videoTaskSplit = videoTaskSplit;
        b.nodeIdentity = nodeIdentity;
        b.apiVersion = apiVersion;
        return b;
    }

    @Override
    public String toString() {
        return "AzureOptions{batch=" + batchEndpoint + " account=" + batchAccount
                + " auth=" + (batchKey != null ? "shared key (hidden)" : "token credential")
                + ", storage=" + (blobServiceClient != null ? "caller's BlobServiceClient"
                : storageConnectionString != null ? "connection string (hidden)"
                : storageKey != null ? "account " + storageAccount + " with key (hidden)" : "token credential at " + storageEndpoint)
                + ", pool=" + pool + ", containers=" + inputContainer + "/" + outputContainer + ", jobId=" + jobId
                + ", cleanup=" + cleanup + ", poll=" + pollInterval + ", jobMaxRunTime=" + jobMaxRunTime + ", apiVersion=" + apiVersion + "}";
    }

    /** Builds {@link AzureOptions}. */
    public static final class Builder {
        private URI batchEndpoint;
        private String batchAccount;
        private String batchKey;
        private TokenCredential batchCredential;
        private String storageConnectionString;
        private String storageAccount;
        private String storageKey;
        private URI storageEndpoint;
        private TokenCredential storageCredential;
        private BlobServiceClient blobServiceClient;
        private PoolSpec pool = PoolSpec.defaults();
        private String inputContainer = "input";
        private String outputContainer = "output";
        private String jobId;
        private CleanupPolicy cleanup = CleanupPolicy.stagedInputsOnly();
        private Duration pollInterval = Duration.ofSeconds(5);
        private Duration jobMaxRunTime = Duration.ofHours(1);
        private int transferParallelism = 8;
        private String apiVersion = io.github.batchtranscode.internal.azure.BatchClients.API_VERSION;
        private int maxTaskRetryCount = 1;
        private int requiredSlots = 1;
        private VideoTaskSplit videoTaskSplit = VideoTaskSplit.PER_INPUT;
        private String nodeIdentity;

        private Builder() {
        }

        /** Batch with a shared key (the tutorial's way). */
        public Builder batchAccount(String endpoint, String account, String key) {
            this.batchEndpoint = url(endpoint, "Batch endpoint (AZURE_BATCH_ENDPOINT)");
            this.batchAccount = nonBlank(account, "Batch account name (AZURE_BATCH_ACCOUNT)");
            this.batchKey = base64(key, "Batch access key (AZURE_BATCH_ACCESS_KEY)");
            this.batchCredential = null;
            return this;
        }

        /** Batch with Microsoft Entra ID, e.g. {@code new DefaultAzureCredentialBuilder().build()}. */
        public Builder batchAccount(String endpoint, String account, TokenCredential credential) {
            this.batchEndpoint = url(endpoint, "Batch endpoint (AZURE_BATCH_ENDPOINT)");
            this.batchAccount = nonBlank(account, "Batch account name (AZURE_BATCH_ACCOUNT)");
            this.batchCredential = Objects.requireNonNull(credential, "credential == null");
            this.batchKey = null;
            return this;
        }

        /** Storage by connection string (account key or SAS inside). */
        public Builder storageConnectionString(String connectionString) {
            String cs = nonBlank(connectionString, "storage connection string (AZURE_STORAGE_CONNECTION_STRING)");
            String lower = cs.toLowerCase(Locale.ROOT);
            if (!lower.contains("accountname=") && !lower.contains("blobendpoint=") && !lower.contains("usedevelopmentstorage=true")) {
                throw new IllegalArgumentException("the storage connection string (AZURE_STORAGE_CONNECTION_STRING) is"
                        + " malformed: it needs AccountName=...;AccountKey=... or BlobEndpoint=...; copy it from the"
                        + " storage account's Access keys page");
            }
            clearStorage();
            this.storageConnectionString = cs;
            return this;
        }

        /** Storage by account name and key, at {@code https://<account>.blob.core.windows.net} unless {@code blobEndpoint} is given. */
        public Builder storageAccount(String account, String key, String blobEndpoint) {
            String name = nonBlank(account, "storage account name (AZURE_STORAGE_ACCOUNT)");
            String k = base64(key, "storage account key (AZURE_STORAGE_KEY)");
            URI endpoint = blobEndpoint == null ? url("https://" + name + ".blob.core.windows.net", "storage account name")
                    : url(blobEndpoint, "blob endpoint");
            clearStorage();
            this.storageAccount = name;
            this.storageKey = k;
            this.storageEndpoint = endpoint;
            return this;
        }

        /** Storage with Microsoft Entra ID; task URLs then carry user-delegation SAS. */
        public Builder storageCredential(String blobEndpoint, TokenCredential credential) {
            URI endpoint = url(blobEndpoint, "blob endpoint");
            Objects.requireNonNull(credential, "credential == null");
            clearStorage();
            this.storageEndpoint = endpoint;
            this.storageCredential = credential;
            return this;
        }

        /** Storage through a client the caller built (and keeps owning). */
        public Builder blobServiceClient(BlobServiceClient client) {
            Objects.requireNonNull(client, "client == null");
            clearStorage();
            this.blobServiceClient = client;
            return this;
        }

        public Builder pool(PoolSpec pool) {
            this.pool = Objects.requireNonNull(pool, "pool == null");
            return this;
        }

        /** Container names: 3 to 63 lower-case letters, digits and single hyphens. */
        public Builder containers(String input, String output) {
            this.inputContainer = container(input, "input container");
            this.outputContainer = container(output, "output container");
            return this;
        }

        /** Use this job id instead of generating one per run. */
        public Builder jobId(String jobId) {
            Objects.requireNonNull(jobId, "jobId == null");
            if (!JOB_ID.matcher(jobId).matches()) {
                throw new IllegalArgumentException("job id '" + jobId + "' is invalid: use 1 to 64 letters, digits, '-' or '_'");
            }
            this.jobId = jobId;
            return this;
        }

        public Builder cleanup(CleanupPolicy cleanup) {
            this.cleanup = Objects.requireNonNull(cleanup, "cleanup == null");
            return this;
        }

        /** How often the job is polled (default 5 s); each poll costs the same whatever the number of tasks. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * The Batch job's maximum run time on the service (default 1 h): the service terminates the job then, even
         * when this process is gone; the run reports its unfinished files as {@code TIMEOUT} and fails with
         * {@link io.github.batchtranscode.TranscodeTimeoutException} (limit {@code JOB_MAX_RUN_TIME}). Task URLs are
         * signed to expire 30 minutes after it, so no task ever runs on an expired URL. The session's
         * {@code runTimeout} may be shorter, not longer; see "Time limits" on {@code TranscodeSession}.
         */
        public Builder jobMaxRunTime(Duration jobMaxRunTime) {
            this.jobMaxRunTime = positive(jobMaxRunTime, "jobMaxRunTime");
            return this;
        }

        /**
         * The Batch REST api-version to send on every request instead of the default
         * ({@value io.github.batchtranscode.azure.AzureBatchClients#API_VERSION}), for the next retirement:
         * Azure retires data-plane versions with a year's notice, after which every request with them fails.
         *
         * @param version {@code YYYY-MM-DD} (e.g. {@code 2025-06-01}) or {@code YYYY-MM-DD.N.N} (e.g.
         *                {@code 2024-07-01.20.0})
         * @throws IllegalArgumentException when the version has neither form or is not a real date
         */
        public Builder apiVersion(String version) {
            Objects.requireNonNull(version, "apiVersion == null");
            if (!version.matches("\\d{4}-\\d{2}-\\d{2}(\\.\\d+\\.\\d+)?")) {
                throw new IllegalArgumentException("apiVersion must look like 2025-06-01 or 2024-07-01.20.0 (a date,"
                        + " optionally followed by .MAJOR.MINOR); got '" + version + "'");
            }
            try {
                java.time.LocalDate.parse(version.substring(0, 10));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("apiVersion '" + version + "' does not start with a real date"
                        + " (YYYY-MM-DD)", e);
            }
            this.apiVersion = version;
            return this;
        }

        /** Uploads and downloads at once (default 8). */
        public Builder transferParallelism(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("transferParallelism must be 1 to 64: " + n);
            }
            this.transferParallelism = n;
            return this;
        }

        /**
         * Scheduling slots each video task takes (Batch {@code requiredSlots}, default 1): for heavy encodes on a
         * pool with {@code taskSlotsPerNode} above 1, so that fewer encodes share a node. At most the pool's
         * {@code taskSlotsPerNode}, or the tasks never run.
         */
        public Builder requiredSlots(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("requiredSlots must be 1 to 256 (and at most the pool's"
                        + " taskSlotsPerNode): " + n);
            }
            this.requiredSlots = n;
            return this;
        }

        /**
         * How the video work of an input is split into tasks: {@link VideoTaskSplit#PER_INPUT} (default), or
         * {@link VideoTaskSplit#PER_RENDITION} for big sources — each ladder rung and HLS variant its own task.
         * {@link #requiredSlots(int)} applies to every one of them.
         */
        public Builder videoTaskSplit(VideoTaskSplit split) {
            this.videoTaskSplit = java.util.Objects.requireNonNull(split, "videoTaskSplit == null");
            return this;
        }

        /** Retries of a task that exits non-zero (default 1; -1 unlimited). */
        public Builder maxTaskRetryCount(int n) {
            if (n < -1) {
                throw new IllegalArgumentException("maxTaskRetryCount must be -1 (unlimited) or more: " + n);
            }
            this.maxTaskRetryCount = n;
            return this;
        }

        /**
         * Tasks of requests with blob locations read source blobs and write output blobs (and the job's script,
         * arguments and logs) with this user-assigned managed identity of the pool (its ARM resource id,
         * {@code /subscriptions/.../userAssignedIdentities/<name>}) instead of SAS tokens. The Batch API cannot give
         * a pool an identity: the pool must already exist with it (made through Azure Resource Manager), else the
         * run is refused before any task is added. The identity needs "Storage Blob Data Reader" on the source and
         * "Storage Blob Data Contributor" on the destination and the job's containers.
         */
        public Builder nodeIdentity(String resourceId) {
            Objects.requireNonNull(resourceId, "resourceId == null");
            if (!resourceId.startsWith("/subscriptions/") || !resourceId.contains("/userAssignedIdentities/")) {
                throw new IllegalArgumentException("nodeIdentity must be a user-assigned identity's resource id like"
                        + " /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/"
                        + "userAssignedIdentities/<name>, not '" + resourceId + "'");
            }
            this.nodeIdentity = resourceId;
            return this;
        }

        /** @throws IllegalStateException naming what is missing */
        public AzureOptions build() {
            if (batchEndpoint == null) {
                throw new IllegalStateException("the Batch account is not set: call batchAccount(endpoint, account, key or"
                        + " credential), or set AZURE_BATCH_ENDPOINT, AZURE_BATCH_ACCOUNT and AZURE_BATCH_ACCESS_KEY");
            }
            if (storageConnectionString == null && storageKey == null && storageCredential == null && blobServiceClient == null) {
                throw new IllegalStateException("the storage account is not set: give a connection string"
                        + " (AZURE_STORAGE_CONNECTION_STRING), an account and key (AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY),"
                        + " a token credential, or a BlobServiceClient");
            }
            if (inputContainer.equals(outputContainer)) {
                throw new IllegalStateException("input and output containers must differ (both are '" + inputContainer
                        + "'): the output container's SAS lets tasks write, the input's only read");
            }
            return new AzureOptions(this);
        }

        private void clearStorage() {
            storageConnectionString = null;
            storageAccount = null;
            storageKey = null;
            storageEndpoint = null;
            storageCredential = null;
            blobServiceClient = null;
        }

        private static URI url(String value, String setting) {
            nonBlank(value, setting);
            try {
                URI uri = new URI(value.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("the " + setting + " is not an http(s) URL: '" + value.trim()
                    + "'; it looks like https://<account>.<region>.batch.azure.com");
        }

        private static String base64(String key, String setting) {
            nonBlank(key, setting);
            try {
                if (Base64.getDecoder().decode(key.trim()).length > 0) {
                    return key.trim();
                }
            } catch (IllegalArgumentException ignored) {
                // reported below without echoing the key
            }
            throw new IllegalArgumentException("the " + setting + " is not valid base64 (" + key.trim().length()
                    + " characters; value not shown): copy the key again from the Azure portal's Keys page");
        }

        private static String container(String name, String setting) {
            Objects.requireNonNull(name, setting + " == null");
            if (!CONTAINER.matcher(name).matches()) {
                throw new IllegalArgumentException("the " + setting + " name '" + name + "' is invalid: use 3 to 63"
                        + " lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
            }
            return name;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        private static String nonBlank(String s, String setting) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("the " + setting + " is missing");
            }
            return s.trim();
        }
    }
}
