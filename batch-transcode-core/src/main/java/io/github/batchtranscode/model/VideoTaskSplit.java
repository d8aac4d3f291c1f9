package io.github.batchtranscode.model;

/**
 * How the Azure Batch backend splits the video work of one input into tasks.
 *
 * <pre>{@code
 * AzureOptions.builder()...videoTaskSplit(VideoTaskSplit.PER_RENDITION).build();
 * }</pre>
 */
public enum VideoTaskSplit {
    /** One task per input runs every format of it (the default): the source is downloaded and decoded once. */
    PER_INPUT,
    /**
     * One task per rendition: each rung of {@code h264-ladder} and each HLS variant is a task of its own (with its
     * own OutputFile rules), and every other format of the input one more task each. For big sources: the
     * renditions encode on several nodes at once, and a retry redoes one rendition only. Each task downloads and
     * decodes the source. The report still has one row per input; HLS variants encoded apart switch cleanly
     * (key frames every 2 s on every rung) and get one master playlist.
     */
    PER_RENDITION
}
