package io.github.batchtranscode.internal.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobStorageException;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import java.util.Optional;

/**
 * What a caller acts on in a service's error, found on an exception's cause chain: the HTTP status, the service's
 * error code and the request id (for a support ticket). Batch errors come as {@link BatchErrorException}, storage
 * errors as {@link BlobStorageException} (or another azure-core {@link HttpResponseException}).
 */
public final class ServiceErrors {
    private static final int MAX_DEPTH = 16;

    private ServiceErrors() {
    }

    /**
     * One service error.
     *
     * @param status    the HTTP status, or 0 when no response came
     * @param code      the service's error code (e.g. {@code PoolBeingDeleted}, {@code ContainerNotFound}), or null
     * @param requestId the service's request id, or null
     */
    public record Found(int status, String code, String requestId) {
    }

    /** The first service error on {@code t}'s cause chain, {@code t} included. */
    public static Optional<Found> find(Throwable t) {
        Throwable c = t;
        for (int i = 0; c != null && i < MAX_DEPTH; i++, c = c.getCause()) {
            if (c instanceof BatchErrorException b) {
                return Optional.of(batch(b));
            }
            if (c instanceof BlobStorageException s) {
                return Optional.of(new Found(s.getStatusCode(), s.getErrorCode() == null ? null
                        : s.getErrorCode().toString(), header(s, "x-ms-request-id")));
            }
            if (c instanceof HttpResponseException h && h.getResponse() != null) {
                return Optional.of(new Found(h.getResponse().getStatusCode(), null, header(h, "x-ms-request-id")));
            }
        }
        return Optional.empty();
    }

    private static Found batch(BatchErrorException b) {
        int status = b.response() != null ? b.response().code() : 0;
        String code = b.body() != null ? b.body().code() : null;
        String requestId = b.response() != null ? b.response().headers().get("request-id") : null;
        return new Found(status, code, requestId);
    }

    private static String header(HttpResponseException e, String name) {
        return e.getResponse() == null ? null : e.getResponse().getHeaderValue(name);
    }
}
