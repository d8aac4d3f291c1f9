package io.github.batchtranscode.model;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the local backend reaches Blob Storage for a request whose source or destination is a {@link BlobLocation}:
 * a connection string, an account key, a Microsoft Entra ID credential, or a client the caller built. (The Azure
 * backend takes the same settings from its {@link AzureOptions}.) Immutable; {@link #toString()} never shows a
 * key.
 *
 * <pre>{@code
 * TranscodeSession session = TranscodeSession.builder()
 *         .storage(StorageSettings.connectionString(System.getenv("AZURE_STORAGE_CONNECTION_STRING")))
 *         .build();
 * }</pre>
 */
public final class StorageSettings {
    private final String connectionString;
    private final String account;
    private final String key;
    private final URI endpoint;
    private final TokenCredential credential;
    private final BlobServiceClient client;

    private StorageSettings(String connectionString, String account, String key, URI endpoint,
            TokenCredential credential, BlobServiceClient client) {
        this.connectionString = connectionString;
        this.account = account;
        this.key = key;
        this.endpoint = endpoint;
        this.credential = credential;
        this.client = client;
    }

    /** A storage connection string (Azurite's {@code UseDevelopmentStorage=true} included). */
    public static StorageSettings connectionString(String connectionString) {
        Objects.requireNonNull(connectionString, "connectionString == null");
        if (connectionString.isBlank()) {
            throw new IllegalArgumentException("the storage connection string is blank");
        }
        return new StorageSettings(connectionString, null, null, null, null, null);
    }

    /**
     * An account name and key; {@code blobEndpoint} {@code null} means {@code https://<account>.blob.core.windows.net}.
     */
    public static StorageSettings accountKey(String account, String key, String blobEndpoint) {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(key, "key == null");
        if (account.isBlank() || key.isBlank()) {
            throw new IllegalArgumentException("the storage account name and key must not be blank");
        }
        URI endpoint = blobEndpoint == null ? URI.create("https://" + account + ".blob.core.windows.net")
                : endpoint(blobEndpoint);
        return new StorageSettings(null, account, key, endpoint, null, null);
    }

    /** Microsoft Entra ID: the account's blob endpoint (HTTPS) and a credential such as {@code DefaultAzureCredential}. */
    public static StorageSettings tokenCredential(String blobEndpoint, TokenCredential credential) {
        Objects.requireNonNull(credential, "credential == null");
        URI endpoint = endpoint(Objects.requireNonNull(blobEndpoint, "blobEndpoint == null"));
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("a TokenCredential needs an https:// blob endpoint, not " + endpoint
                    + ": bearer tokens are never sent over plain HTTP");
        }
        return new StorageSettings(null, null, null, endpoint, credential, null);
    }

    /** A client the caller built and owns (its pipeline, retries and credential are used as they are). */
    public static StorageSettings client(BlobServiceClient client) {
        return new StorageSettings(null, null, null, null, null, Objects.requireNonNull(client, "client == null"));
    }

    private static URI endpoint(String s) {
        try {
            URI u = URI.create(s.replaceFirst("/+$", ""));
            if (u.getScheme() == null || u.getHost() == null || u.getRawQuery() != null) {
                throw new IllegalArgumentException("no scheme or host, or a query");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the blob endpoint '" + s.replaceFirst("\\?.*", "?...")
                    + "' is not a URL like https://<account>.blob.core.windows.net", e);
        }
    }

    /**
     * Builds a client from these settings, with exponential retries for transient answers; for
     * {@link #client(BlobServiceClient)} returns the caller's client as it is. The library calls this once per run.
     *
     * @throws IllegalArgumentException when the connection string is malformed (the message holds no secret)
     */
    public BlobServiceClient openClient() {
        if (client != null) {
            return client;
        }
        BlobServiceClientBuilder b = new BlobServiceClientBuilder().retryOptions(new RequestRetryOptions(
                RetryPolicyType.EXPONENTIAL, 6, Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(20),
                null));
        try {
            if (connectionString != null) {
                return b.connectionString(connectionString).buildClient();
            }
            if (key != null) {
                return b.endpoint(endpoint.toString()).credential(new StorageSharedKeyCredential(account, key))
                        .buildClient();
            }
            return b.endpoint(endpoint.toString()).credential(credential).buildClient();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the storage settings are malformed (" + this + "): check the"
                    + " connection string's AccountName, AccountKey and BlobEndpoint", null);
        }
    }

    /** Whether tasks' SAS must be user-delegation SAS (Entra ID settings: there is no account key to sign with). */
    public boolean usesTokenCredential() {
        return credential != null;
    }

    @Override
    public String toString() {
        String kind = client != null ? "client" : connectionString != null ? "connection string"
                : key != null ? "account key for " + account + " at " + endpoint : "Entra ID at " + endpoint;
        return "StorageSettings{" + kind + "}";
    }
}
