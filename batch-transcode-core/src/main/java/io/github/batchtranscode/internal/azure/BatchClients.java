package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.AzureResponseBuilder;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.BatchClientBehavior;
import com.microsoft.azure.batch.IInheritedBehaviors;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.interceptor.ClientRequestIdInterceptor;
import com.microsoft.azure.serializer.AzureJacksonAdapter;
import com.microsoft.rest.RestClient;
import com.microsoft.rest.credentials.ServiceClientCredentials;
import com.microsoft.rest.protocol.ResponseBuilder;
import com.microsoft.rest.protocol.SerializerAdapter;
import io.github.batchtranscode.ConfigurationException;
import java.net.URI;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Opens {@code azure-batch} 11.2.0 clients that work on JDK 17+ without {@code --add-opens}.
 *
 * <p>The SDK's {@link ClientRequestIdInterceptor} puts a {@link UUID} into every operation's options object; the
 * runtime's {@code Validator} then reflects into {@code java.util.UUID} and fails with
 * {@code InaccessibleObjectException}. The clients made here drop that behaviour from the client and from every
 * operations object, and an OkHttp interceptor sets {@code client-request-id} and {@code return-client-request-id}
 * instead, so the service still echoes a request id for correlation.
 *
 * <pre>{@code
 * BatchClient client = BatchClients.sharedKey("https://acct.westeurope.batch.azure.com", "acct", base64Key);
 * client.poolOperations().existsPool("pool-1");
 * }</pre>
 * The returned client is thread-safe as the SDK's is. Do not pass per-call behaviours that contain a
 * {@link ClientRequestIdInterceptor}.
 */
public final class BatchClients {
    /** The header the service echoes back so a call can be found in its logs. */
    public static final String CLIENT_REQUEST_ID = "client-request-id";

    /**
     * The Batch REST api-version this library sends on every request, in place of the SDK's hard-coded
     * {@code 2024-07-01.20.0}, which Azure retires (Azure/Batch#140). The only place that knows it;
     * {@link io.github.batchtranscode.model.AzureOptions.Builder#apiVersion(String)} overrides it. The 2025-06-01
     * spec keeps every JSON name this library sends or reads.
     */
    public static final String API_VERSION = "2025-06-01";

    private BatchClients() {
    }

    /**
     * A client authenticating with the account's shared key.
     *
     * @param endpoint    the account URL, e.g. {@code https://acct.region.batch.azure.com} or an emulator's
     *                    {@code http://127.0.0.1:PORT}
     * @param accountName the Batch account name
     * @param accountKey  the account key, Base64 as the portal shows it
     * @throws ConfigurationException when an argument is blank, the endpoint is not an http(s) URL, or the key is
     *                                not Base64 (the message never contains the key)
     */
    public static BatchClient sharedKey(String endpoint, String accountName, String accountKey) {
        return sharedKey(endpoint, accountName, accountKey, null, API_VERSION);
    }

    /**
     * As {@link #sharedKey(String, String, String)}, with {@code wire} seeing every attempt on the wire and
     * {@code apiVersion} on every request.
     */
    static BatchClient sharedKey(String endpoint, String accountName, String accountKey, Interceptor wire,
            String apiVersion) {
        String url = checkEndpoint(endpoint);
        if (accountName == null || accountName.isBlank()) {
            throw new ConfigurationException("the Batch account name is missing: set it to the account's name");
        }
        checkKey(accountKey, accountName);
        return open(url, new BatchSharedKeyCredentials(url, accountName, accountKey), wire, apiVersion);
    }

    /**
     * A client authenticating with the given credentials, e.g. one that adds an Entra ID bearer token.
     *
     * @throws ConfigurationException when the endpoint is not an http(s) URL
     * @throws NullPointerException   when {@code credentials} is null
     */
    public static BatchClient withCredentials(String endpoint, ServiceClientCredentials credentials) {
        return withCredentials(endpoint, credentials, null, API_VERSION);
    }

    /** As {@link #withCredentials(String, ServiceClientCredentials)}, with {@code wire} seeing every attempt. */
    static BatchClient withCredentials(String endpoint, ServiceClientCredentials credentials, Interceptor wire,
            String apiVersion) {
        Objects.requireNonNull(credentials, "credentials == null");
        return open(checkEndpoint(endpoint), credentials, wire, apiVersion);
    }

    private static BatchClient open(String endpoint, ServiceClientCredentials credentials, Interceptor wire,
            String apiVersion) {
        // Nagle off: a large request body would otherwise wait on the server's delayed ACK (see NoDelaySockets)
        RestClient.Builder builder = new RestClient.Builder(
                new okhttp3.OkHttpClient.Builder().socketFactory(NoDelaySockets.INSTANCE), new retrofit2.Retrofit.Builder())
                .withBaseUrl(endpoint)
                .withCredentials(credentials)
                .withSerializerAdapter(new AzureJacksonAdapter())
                .withResponseBuilderFactory(new BatchResponseBuilderFactory())
                .withInterceptor(new ClientRequestIdHeader())
                // before the signer that build() adds: the rewritten query is what gets signed
                .withInterceptor(new ApiVersionQuery(apiVersion));
        if (wire != null) {
            builder.withNetworkInterceptor(wire); // inside the runtime's RetryHandler: sees each attempt
        }
        RestClient rest = builder.build();
        BatchClient client = BatchClient.open(rest, endpoint);
        removeRequestIdBehavior(client.customBehaviors());
        for (IInheritedBehaviors ops : List.of(client.jobOperations(), client.taskOperations(),
                client.poolOperations(), client.fileOperations(), client.computeNodeOperations(),
                client.certificateOperations(), client.jobScheduleOperations(), client.applicationOperations(),
                client.accountOperations())) {
            removeRequestIdBehavior(ops.customBehaviors());
        }
        return client;
    }

    private static void removeRequestIdBehavior(Collection<BatchClientBehavior> behaviors) {
        if (behaviors != null) {
            behaviors.removeIf(b -> b instanceof ClientRequestIdInterceptor);
        }
    }

    private static String checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new ConfigurationException("the Batch account endpoint is missing: set it to the account URL, e.g."
                    + " https://ACCOUNT.REGION.batch.azure.com");
        }
        String trimmed = endpoint.trim();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the Batch account endpoint is not a URL: " + stripQuery(trimmed), e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new ConfigurationException("the Batch account endpoint must be an http(s) URL with a host, e.g."
                    + " https://ACCOUNT.REGION.batch.azure.com; got " + stripQuery(trimmed));
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static void checkKey(String key, String accountName) {
        if (key == null || key.isBlank()) {
            throw new ConfigurationException("the key of Batch account '" + accountName + "' is missing: copy it from"
                    + " the account's Keys page");
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(key.trim());
            if (decoded.length == 0) {
                throw new IllegalArgumentException("empty");
            }
        } catch (IllegalArgumentException e) {
            // Never include the key (or the decoder's message, which may quote it).
            throw new ConfigurationException("the key of Batch account '" + accountName + "' is not valid Base64 ("
                    + key.length() + " characters): copy the whole key from the account's Keys page");
        }
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** Puts {@code api-version=<version>} on every request, replacing the SDK's (also on followed nextLinks). */
    private static final class ApiVersionQuery implements Interceptor {
        private final String version;

        ApiVersionQuery(String version) {
            this.version = Objects.requireNonNull(version, "apiVersion == null");
        }

        @Override
        public Response intercept(Chain chain) throws java.io.IOException {
            Request request = chain.request();
            okhttp3.HttpUrl url = request.url();
            if (version.equals(url.queryParameter("api-version"))) {
                return chain.proceed(request);
            }
            return chain.proceed(request.newBuilder()
                    .url(url.newBuilder().setQueryParameter("api-version", version).build()).build());
        }
    }

    /** Sets the request id headers the removed SDK behaviour would have set, unless the caller set them. */
    private static final class ClientRequestIdHeader implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws java.io.IOException {
            Request request = chain.request();
            if (request.header(CLIENT_REQUEST_ID) != null) {
                return chain.proceed(request);
            }
            return chain.proceed(request.newBuilder()
                    .header(CLIENT_REQUEST_ID, UUID.randomUUID().toString())
                    .header("return-client-request-id", "true")
                    .build());
        }
    }

    /** As the SDK's own factory: a 404 on GET throws {@code BatchErrorException} instead of returning null. */
    private static final class BatchResponseBuilderFactory implements ResponseBuilder.Factory {
        private final AzureResponseBuilder.Factory delegate = new AzureResponseBuilder.Factory();

        @Override
        public <T, E extends com.microsoft.rest.RestException> ResponseBuilder<T, E> newInstance(
                SerializerAdapter<?> serializerAdapter) {
            return delegate.<T, E>newInstance(serializerAdapter).withThrowOnGet404(true);
        }
    }
}
