package io.github.batchtranscode;

/**
 * Uploading inputs to, or downloading outputs from, storage failed after retries.
 *
 * <pre>{@code
 * try {
 *     session.transcode(request);
 * } catch (StagingException e) {
 *     // storage refused or was unreachable after retries: check the account, the network, then run again
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class StagingException extends TranscodeException {
    private static final long serialVersionUID = 1L;

    public StagingException(String message) {
        super(message);
    }

    public StagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
