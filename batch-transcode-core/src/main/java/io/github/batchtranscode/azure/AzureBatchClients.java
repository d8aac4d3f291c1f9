package io.github.batchtranscode.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.rest.credentials.ServiceClientCredentials;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.azure.BatchClients;

/**
 * Opens {@code azure-batch} 11.2.0 clients configured as the library's own: they work on JDK 17+ without
 * {@code --add-opens}, send {@code client-request-id} on every request, and send {@link #API_VERSION} instead of the
 * SDK's hard-coded version, which the service retires. Use them to look at the pools, jobs and tasks a run made, or
 * to drive the testkit's Batch emulator.
 *
 * <pre>{@code
 * BatchClient client = AzureBatchClients.sharedKey("https://acct.westeurope.batch.azure.com", "acct", base64Key);
 * client.poolOperations().existsPool("pool-1");
 * }</pre>
 *
 * <p>The clients are thread-safe as the SDK's are. Do not pass per-call behaviours that contain the SDK's
 * {@code ClientRequestIdInterceptor}.
 */
public final class AzureBatchClients {
    /** The Batch REST api-version sent on every request. */
    public static final String API_VERSION = BatchClients.API_VERSION;

    private AzureBatchClients() {
    }

    /**
     * A client authenticating with the account's shared key.
     *
     * @param endpoint    the account URL, e.g. {@code https://acct.region.batch.azure.com}, or an emulator's
     *                    {@code http://127.0.0.1:PORT}
     * @param accountName the Batch account name
     * @param accountKey  the account key, Base64 as the portal shows it
     * @throws ConfigurationException when an argument is blank, the endpoint is not an http(s) URL, or the key is not
     *                                Base64 (the message never contains the key)
     */
    public static BatchClient sharedKey(String endpoint, String accountName, String accountKey) {
        return BatchClients.sharedKey(endpoint, accountName, accountKey);
    }

    /**
     * A client authenticating with the given credentials, e.g. ones that add an Entra ID bearer token.
     *
     * @throws ConfigurationException when the endpoint is not an http(s) URL
     * @throws NullPointerException   when {@code credentials} is null
     */
    public static BatchClient withCredentials(String endpoint, ServiceClientCredentials credentials) {
        return BatchClients.withCredentials(endpoint, credentials);
    }
}
