package io.github.batchtranscode;

import io.github.batchtranscode.internal.azure.ServiceErrors;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Uploading inputs to, or downloading outputs from, storage failed after retries. When storage answered,
 * {@link #httpStatus()}, {@link #errorCode()} and {@link #requestId()} say how (e.g. 403
 * {@code AuthorizationPermissionMismatch}: the credential lacks a role on the container).
 *
 * <pre>{@code
 * try {
 *     session.transcode(request);
 * } catch (StagingException e) {
 *     // storage refused or was unreachable after retries: check the account, the network, then run again
 *     System.err.println(e.getMessage() + " " + e.errorCode().orElse("(no answer)"));
 * }
 * }</pre>
 */
public class StagingException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String errorCode;
    private final String requestId;

    public StagingException(String message) {
        this(message, null);
    }

    /** The status, code and request id are taken from the first service error on {@code cause}'s chain. */
    public StagingException(String message, Throwable cause) {
        super(message, cause);
        ServiceErrors.Found found = ServiceErrors.find(cause).orElse(null);
        this.httpStatus = found == null ? 0 : found.status();
        this.errorCode = found == null ? null : found.code();
        this.requestId = found == null ? null : found.requestId();
    }

    /** The HTTP status storage answered with, or empty when it could not be reached. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** Storage's error code ({@code ContainerNotFound}, {@code AuthorizationFailure}, ...), when it answered. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Storage's {@code x-ms-request-id} for the failed request, for support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
