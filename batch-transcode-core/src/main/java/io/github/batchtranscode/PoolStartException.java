package io.github.batchtranscode;

/**
 * The compute pool could not start: start task failed on every node, nodes unusable, or a resize error. The message carries the node's startup stderr.
 *
 * <pre>{@code
 * try {
 *     session.transcode(request);
 * } catch (PoolStartException e) {
 *     // core quota, a resize error, or the start task failing on every node (its stderr is in the message)
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class PoolStartException extends TranscodeException {
    private static final long serialVersionUID = 1L;

    public PoolStartException(String message) {
        super(message);
    }

    public PoolStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
