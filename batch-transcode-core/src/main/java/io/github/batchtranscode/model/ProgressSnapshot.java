package io.github.batchtranscode.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Counts at one moment of a run, with throughput and an estimate of the time left.
 *
 * <pre>{@code
 * TranscodeListener progress = new TranscodeListener() {
 *     @Override
 *     public void onProgress(ProgressSnapshot p) {   // at most every 200 ms, at least every second while files run
 *         System.out.println(p.done() + "/" + p.total() + " done, " + p.failed() + " failed, "
 *                 + p.running() + " running, ETA " + p.eta());
 *     }
 * };
 * }</pre>
 *
 * @param total          files in the run
 * @param succeeded      files finished successfully
 * @param failed         files finished with failure
 * @param running        files being transcoded now
 * @param pending        files not started yet
 * @param elapsed        time since the run started
 * @param filesPerSecond finished files per second since the first file started, 0 before any finished
 * @param eta            estimated time left, or {@code null} when it cannot be estimated yet
 */
public record ProgressSnapshot(int total, int succeeded, int failed, int running, int pending, Duration elapsed,
        double filesPerSecond, Duration eta) {
    public ProgressSnapshot {
        Objects.requireNonNull(elapsed, "elapsed == null");
        if (total < 0 || succeeded < 0 || failed < 0 || running < 0 || pending < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Files that reached a final status. */
    public int done() {
        return succeeded + failed;
    }
}
