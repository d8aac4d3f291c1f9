package io.github.batchtranscode;

/**
 * The backend service answered with an error that retries did not cure; the service's exception is the cause.
 *
 * <pre>{@code
 * try {
 *     session.transcode(request);
 * } catch (BackendException e) {
 *     System.err.println(e.getMessage() + " caused by " + e.getCause());
 * }
 * }</pre>
 */
public class BackendException extends TranscodeException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
