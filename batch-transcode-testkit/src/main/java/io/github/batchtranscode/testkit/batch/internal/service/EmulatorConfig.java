package io.github.batchtranscode.testkit.batch.internal.service;

import io.github.batchtranscode.testkit.batch.BatchFaults;
import io.github.batchtranscode.testkit.batch.NodeIsolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the emulator was built with.
 *
 * @param accountName    the account name requests must be signed for
 * @param accountKey     the decoded account key
 * @param maxNodesPerPool at most this many nodes per pool (the pool's own targets decide below it)
 * @param maxSlotsPerNode at most this many task slots per node (the pool's {@code taskSlotsPerNode} below it)
 * @param workDir        where node directories are laid out
 * @param verifySharedKey whether SharedKey signatures are checked
 * @param bearerTokens   accepts a bearer token when non-null and it returns true
 * @param simulate       tasks complete without running their command
 * @param statsEndpoint  whether {@code GET /_emulator/stats} answers
 * @param ffmpegDir      a directory put first on the tasks' PATH, or {@code null}
 * @param faults         the live fault settings
 * @param simulatedTaskTime how long a simulated task holds its slot before it completes
 * @param isolation      how node processes are kept off the host
 * @param times          how long the service's slow transitions take
 * @param requestDateTolerance how far a SharedKey request's {@code ocp-date} may be from now, or null for any
 * @param enforceApiVersionRetirement whether retired api-versions (before 2025-06-01) are refused
 * @param nodeTls        the TLS settings node agents download and upload blobs with (the JDK's CAs plus any the
 *                       emulator was told to trust), or null for the JDK's defaults
 * @param identities     the pools' user-assigned managed identities and their token sources
 * @param simulatedUploads whether simulated tasks upload a placeholder blob per OutputFile (else they only record
 *                       in {@code fileuploadout.txt} what they would have uploaded)
 */
public record EmulatorConfig(String accountName, byte[] accountKey, int maxNodesPerPool, int maxSlotsPerNode,
                             Path workDir, boolean verifySharedKey, Predicate<String> bearerTokens, boolean simulate,
                             boolean statsEndpoint, Path ffmpegDir, BatchFaults faults,
                             Duration simulatedTaskTime, NodeIsolation isolation, Timing times,
                             Duration requestDateTolerance, boolean enforceApiVersionRetirement,
                             javax.net.ssl.SSLContext nodeTls, PoolIdentities identities,
                             boolean simulatedUploads) {
    public EmulatorConfig {
        Objects.requireNonNull(accountName, "accountName == null");
        Objects.requireNonNull(accountKey, "accountKey == null");
        Objects.requireNonNull(workDir, "workDir == null");
        Objects.requireNonNull(faults, "faults == null");
        Objects.requireNonNull(simulatedTaskTime, "simulatedTaskTime == null");
        Objects.requireNonNull(isolation, "isolation == null");
        Objects.requireNonNull(times, "times == null");
        Objects.requireNonNull(identities, "identities == null");
    }

    /**
     * How long the service's slow transitions take.
     *
     * @param poolAllocation a new pool's {@code resizing} before {@code steady} with its nodes
     * @param nodeStart      a node's {@code starting} before its start task runs (or it is {@code idle})
     * @param poolDelete     a deleted pool's {@code deleting} before it is gone
     * @param jobDelete      a deleted job's {@code deleting} before it is gone
     */
    public record Timing(Duration poolAllocation, Duration nodeStart, Duration poolDelete, Duration jobDelete) {
        public Timing {
            Objects.requireNonNull(poolAllocation, "poolAllocation == null");
            Objects.requireNonNull(nodeStart, "nodeStart == null");
            Objects.requireNonNull(poolDelete, "poolDelete == null");
            Objects.requireNonNull(jobDelete, "jobDelete == null");
        }
    }
}
