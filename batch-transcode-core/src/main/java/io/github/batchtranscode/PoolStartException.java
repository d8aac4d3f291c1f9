package io.github.batchtranscode;

/** The compute pool could not start: start task failed on every node, nodes unusable, or a resize error. The message carries the node's startup stderr. */
public class PoolStartException extends TranscodeException {
    private static final long serialVersionUID = 1L;

    public PoolStartException(String message) {
        super(message);
    }

    public PoolStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
