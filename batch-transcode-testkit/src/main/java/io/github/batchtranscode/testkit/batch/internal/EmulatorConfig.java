package io.github.batchtranscode.testkit.batch.internal;

import io.github.batchtranscode.testkit.batch.BatchFaults;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the emulator was built with.
 *
 * @param accountName    the account name requests must be signed for
 * @param accountKey     the decoded account key
 * @param nodesPerPool   nodes per pool, or {@code null} to take the pool's target node counts
 * @param slotsPerNode   task slots per node, or {@code null} to take the pool's {@code taskSlotsPerNode}
 * @param workDir        where node directories are laid out
 * @param verifySharedKey whether SharedKey signatures are checked
 * @param bearerTokens   accepts a bearer token when non-null and it returns true
 * @param simulate       tasks complete without running their command
 * @param statsEndpoint  whether {@code GET /_emulator/stats} answers
 * @param ffmpegDir      a directory put first on the tasks' PATH, or {@code null}
 * @param faults         the live fault settings
 * @param simulatedTaskTime how long a simulated task holds its slot before it completes
 * @param enforceApiVersionRetirement whether retired api-versions (before 2025-06-01) are refused
 */
public record EmulatorConfig(String accountName, byte[] accountKey, Integer nodesPerPool, Integer slotsPerNode,
                             Path workDir, boolean verifySharedKey, Predicate<String> bearerTokens, boolean simulate,
                             boolean statsEndpoint, Path ffmpegDir, BatchFaults faults,
                             java.time.Duration simulatedTaskTime, boolean enforceApiVersionRetirement) {
    public EmulatorConfig {
        Objects.requireNonNull(accountName, "accountName == null");
        Objects.requireNonNull(accountKey, "accountKey == null");
        Objects.requireNonNull(workDir, "workDir == null");
        Objects.requireNonNull(faults, "faults == null");
        Objects.requireNonNull(simulatedTaskTime, "simulatedTaskTime == null");
    }
}
