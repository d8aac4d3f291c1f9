package io.github.batchtranscode;

/** Uploading inputs to, or downloading outputs from, storage failed after retries. */
public class StagingException extends TranscodeException {
    private static final long serialVersionUID = 1L;

    public StagingException(String message) {
        super(message);
    }

    public StagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
