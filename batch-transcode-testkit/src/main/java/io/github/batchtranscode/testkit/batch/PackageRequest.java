package io.github.batchtranscode.testkit.batch;

import java.util.Objects;

/**
 * One package-manager call a sandboxed node's start task or task made, as recorded by the provisioning shim,
 * e.g. {@code apt-get install ffmpeg} on node {@code tvmps_…_0_d} of pool {@code p1}:
 * <pre>{@code
 * assertThat(emulator.packageRequests()).extracting(PackageRequest::packageName).contains("ffmpeg");
 * }</pre>
 *
 * @param poolId      the pool
 * @param nodeId      the node
 * @param tool        the program called: {@code apt-get}, {@code apt} or {@code dpkg}
 * @param command     its sub-command, e.g. {@code install} or {@code update}
 * @param packageName the package asked for by {@code install}, or empty for commands without packages
 */
public record PackageRequest(String poolId, String nodeId, String tool, String command, String packageName) {
    public PackageRequest {
        Objects.requireNonNull(poolId, "poolId == null");
        Objects.requireNonNull(nodeId, "nodeId == null");
        Objects.requireNonNull(tool, "tool == null");
        Objects.requireNonNull(command, "command == null");
        Objects.requireNonNull(packageName, "packageName == null");
    }
}
