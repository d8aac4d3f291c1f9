package io.github.batchtranscode.testkit.batch;

/**
 * Counters of one REST operation.
 *
 * @param requests      requests answered (including injected faults and errors)
 * @param errors        answers with a status of 400 or more
 * @param responseBytes response body bytes sent
 */
public record OperationStats(long requests, long errors, long responseBytes) {
    public OperationStats {
        if (requests < 0 || errors < 0 || responseBytes < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
    }
}
