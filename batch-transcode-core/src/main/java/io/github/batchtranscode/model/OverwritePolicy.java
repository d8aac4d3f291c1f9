package io.github.batchtranscode.model;

/**
 * What to do when a file's output already exists.
 *
 * <pre>{@code
 * TranscodeRequest request = TranscodeRequest.builder().inputDirectory(IN).outputDirectory(OUT)
 *         .overwrite(OverwritePolicy.SKIP_EXISTING)    // a rerun transcodes only what is missing
 *         .build();
 * }</pre>
 */
public enum OverwritePolicy {
    /** Transcode again and replace the output (the tutorial's behaviour). */
    OVERWRITE,
    /**
     * Keep an existing output that passes verification and report the file as succeeded without running
     * ffmpeg; transcode the rest. Rerunning a request after a partial failure thus redoes only the failed files.
     */
    SKIP_EXISTING,
    /** Refuse to start, naming the outputs that exist. */
    FAIL_IF_EXISTS
}
