package io.github.batchtranscode;

/**
 * Uploading inputs to, or downloading outputs from, storage failed after retries: a {@link BackendException} whose
 * service is Blob Storage. When storage answered, {@link #httpStatus()}, {@link #errorCode()} and
 * {@link #requestId()} say how (e.g. 403
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
public class StagingException extends BackendException {
    private static final long serialVersionUID = 1L;

    public StagingException(String message) {
        this(message, null);
    }

    /** The status, code and request id are taken from the first storage error on {@code cause}'s chain. */
    public StagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
