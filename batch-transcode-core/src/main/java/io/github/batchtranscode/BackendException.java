package io.github.batchtranscode;

import io.github.batchtranscode.internal.azure.ServiceErrors;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The backend service answered with an error that retries did not cure; the service's exception is the cause.
 * {@link #httpStatus()}, {@link #errorCode()} and {@link #requestId()} carry what to act on: e.g. 403
 * {@code AuthorizationFailure} means fix the credentials or the network rules, 409 {@code PoolBeingDeleted} means
 * wait or choose another pool id, and the request id is what Azure support asks for.
 *
 * <pre>{@code
 * try {
 *     session.transcode(request);
 * } catch (BackendException e) {
 *     System.err.println(e.getMessage() + " (HTTP " + e.httpStatus().orElse(0) + " " + e.errorCode().orElse("-")
 *             + ", request id " + e.requestId().orElse("-") + ")");
 * }
 * }</pre>
 */
public class BackendException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String errorCode;
    private final String requestId;

    public BackendException(String message) {
        this(message, null);
    }

    /** The status, code and request id are taken from the first service error on {@code cause}'s chain. */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
        ServiceErrors.Found found = ServiceErrors.find(cause).orElse(null);
        this.httpStatus = found == null ? 0 : found.status();
        this.errorCode = found == null ? null : found.code();
        this.requestId = found == null ? null : found.requestId();
    }

    /** The HTTP status the service answered with, or empty when no answer came (a connection failure, a cancel). */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The service's error code ({@code PoolBeingDeleted}, {@code ServerBusy}, {@code ContainerNotFound}, ...). */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The service's id for the failed request ({@code request-id} / {@code x-ms-request-id}), for support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
