package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.AllocationState;
import com.microsoft.azure.batch.protocol.models.AutoUserScope;
import com.microsoft.azure.batch.protocol.models.AutoUserSpecification;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.ElevationLevel;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolState;
import com.microsoft.azure.batch.protocol.models.ResizeError;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.UserIdentity;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.PoolStartException;
import io.github.batchtranscode.internal.ffmpeg.StderrTail;
import io.github.batchtranscode.model.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.joda.time.Period;

/**
 * Gets a pool to run on: reuses a compatible pool, creates one otherwise (and remembers that it did, so cleanup
 * deletes only pools this session created), and checks its health while a job waits for it, failing fast — with
 * the node's startup stderr — when no node can ever run a task.
 */
final class PoolManager {
    /** Node errors a PoolStartException carries at most: a 1,000-node pool must not read 1,000 stderr files. */
    private static final int MAX_NODE_ERRORS = 10;

    private final BatchGateway batch;
    private final PoolSpec spec;
    private String identity;
    private io.github.batchtranscode.internal.engine.SessionTime time =
            io.github.batchtranscode.internal.engine.SessionTime.system();

    PoolManager(BatchGateway batch, PoolSpec spec) {
        this.batch = batch;
        this.spec = spec;
    }

    /** Counts the wait for a deleted pool on the session's time (default: the system's). */
    PoolManager time(io.github.batchtranscode.internal.engine.SessionTime time) {
        this.time = java.util.Objects.requireNonNull(time, "time == null");
        return this;
    }

    /**
     * Makes {@link #ensure} insist that the pool has the user-assigned managed identity {@code resourceId} (none
     * when null). The Batch service API cannot give a pool an identity, so such a pool must already exist, made
     * through Azure Resource Manager: a missing pool is not created but refused.
     */
    PoolManager requireIdentity(String resourceId) {
        this.identity = resourceId;
        return this;
    }

    /** As {@link #ensure(Runnable, java.util.function.Consumer, java.time.Duration)} without waiting for a deletion. */
    boolean ensure(Runnable creating) {
        return ensure(creating, m -> { }, java.time.Duration.ZERO);
    }

    /**
     * @param creating runs just before the pool is created, not when an existing one is reused
     * @param waiting  told what the run waits for when the pool is still being deleted (a deleted pool stays
     *                 {@code deleting} for minutes, and adding its id meanwhile answers 409 PoolBeingDeleted)
     * @param bound    how long to wait for such a deletion at most
     * @return true when this call created the pool
     * @throws PoolStartException when the pool is still being deleted after {@code bound}
     */
    boolean ensure(Runnable creating, java.util.function.Consumer<String> waiting, java.time.Duration bound) {
        Optional<CloudPool> existing = batch.pool(spec.id());
        if (existing.isPresent() && existing.get().state() == PoolState.DELETING) {
            awaitDeleted(waiting, bound);
            existing = Optional.empty();
        }
        if (existing.isPresent()) {
            checkCompatible(existing.get());
            checkIdentity(existing.get());
            return false;
        }
        if (identity != null) {
            throw new ConfigurationException("pool " + spec.id() + " does not exist, and AzureOptions.nodeIdentity"
                    + " needs a pool with the user-assigned identity " + identity + ": the Batch API cannot give a"
                    + " pool an identity, so create the pool with it through Azure Resource Manager (portal, az CLI,"
                    + " Bicep) and run again with that pool id");
        }
        creating.run();
        try {
            return add();
        } catch (Retrier.BatchCallException e) {
            if (!"PoolBeingDeleted".equals(e.code())) {
                throw e;
            }
            awaitDeleted(waiting, bound);
            return add();
        }
    }

    private void awaitDeleted(java.util.function.Consumer<String> waiting, java.time.Duration bound) {
        waiting.accept("Waiting for pool [" + spec.id() + "] to finish deleting (the service keeps a deleted pool"
                + " for minutes), at most " + DeletionWait.describe(bound) + "...");
        DeletionWait.until(time, () -> batch.pool(spec.id()).isEmpty(), bound, () -> new PoolStartException("pool "
                + spec.id() + " is still being deleted after " + DeletionWait.describe(bound) + " (an earlier run's"
                + " cleanup deleted it). Run again once it is gone, or use another pool id (PoolSpec.Builder.id)"));
    }

    private boolean add() {
        PoolAddParameter add = new PoolAddParameter()
                .withId(spec.id())
                .withVmSize(spec.vmSize())
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher(spec.imagePublisher())
                                .withOffer(spec.imageOffer()).withSku(spec.imageSku()).withVersion(spec.imageVersion()))
                        .withNodeAgentSKUId(spec.nodeAgentSku()))
                .withTaskSlotsPerNode(spec.taskSlotsPerNode())
                .withResizeTimeout(Period.millis((int) spec.resizeTimeout().toMillis()));
        if (spec.autoScaleFormula() != null) {
            add.withEnableAutoScale(true).withAutoScaleFormula(spec.autoScaleFormula());
        } else {
            add.withTargetDedicatedNodes(spec.dedicatedNodes()).withTargetLowPriorityNodes(spec.spotNodes());
        }
        if (spec.startTaskCommandLine() != null) {
            add.withStartTask(new StartTask().withCommandLine(spec.startTaskCommandLine()).withWaitForSuccess(true)
                    .withMaxTaskRetryCount(1)
                    .withUserIdentity(new UserIdentity().withAutoUser(new AutoUserSpecification()
                            .withScope(AutoUserScope.POOL).withElevationLevel(ElevationLevel.ADMIN))));
        }
        if (!batch.addPool(add)) {
            checkCompatible(batch.pool(spec.id()).orElseThrow(() -> new PoolStartException("pool " + spec.id()
                    + " was reported as existing but cannot be read")));
            return false;
        }
        return true;
    }

    private void checkIdentity(CloudPool pool) {
        if (identity == null) {
            return;
        }
        List<String> has = new ArrayList<>();
        if (pool.identity() != null && pool.identity().userAssignedIdentities() != null) {
            pool.identity().userAssignedIdentities().forEach(u -> has.add(u.resourceId()));
        }
        if (has.stream().noneMatch(identity::equalsIgnoreCase)) {
            throw new ConfigurationException("pool " + spec.id() + " does not have the user-assigned identity "
                    + identity + " that AzureOptions.nodeIdentity names (it has " + (has.isEmpty() ? "none"
                    : String.join(", ", has)) + "): add it to the pool through Azure Resource Manager, or name"
                    + " one the pool has");
        }
    }

    private void checkCompatible(CloudPool pool) {
        List<String> diffs = new ArrayList<>();
        if (pool.state() == PoolState.DELETING) {
            throw new ConfigurationException("pool " + spec.id() + " is being deleted: wait until it is gone, or choose"
                    + " another pool id");
        }
        if (pool.vmSize() != null && !pool.vmSize().equalsIgnoreCase(spec.vmSize())) {
            diffs.add("VM size " + pool.vmSize() + " (wanted " + spec.vmSize() + ")");
        }
        VirtualMachineConfiguration vm = pool.virtualMachineConfiguration();
        if (vm != null && vm.nodeAgentSKUId() != null && !vm.nodeAgentSKUId().equalsIgnoreCase(spec.nodeAgentSku())) {
            diffs.add("node agent " + vm.nodeAgentSKUId() + " (wanted " + spec.nodeAgentSku() + ")");
        }
        if (vm != null && vm.imageReference() != null && vm.imageReference().offer() != null
                && !vm.imageReference().offer().equalsIgnoreCase(spec.imageOffer())) {
            diffs.add("image " + vm.imageReference().offer() + " (wanted " + spec.imageOffer() + ")");
        }
        if (!diffs.isEmpty()) {
            throw new ConfigurationException("pool " + spec.id() + " exists but does not match the pool spec: "
                    + String.join(", ", diffs) + ". Choose another pool id, or delete the pool, or match the spec to it");
        }
    }

    /** The id of the pool this manager handles. */
    String poolId() {
        return spec.id();
    }

    /**
     * Checks whether the pool can still run tasks.
     *
     * @return a warning when some nodes failed to start, or empty
     * @throws PoolStartException when no node can run a task and none is coming
     */
    Optional<String> health() {
        CloudPool pool = batch.pool(spec.id()).orElseThrow(() -> new PoolStartException("pool " + spec.id()
                + " disappeared while the job was waiting for it"));
        List<ComputeNode> nodes = batch.nodes(spec.id());
        List<ComputeNode> bad = nodes.stream().filter(PoolManager::unusable).toList();
        boolean steady = pool.allocationState() == AllocationState.STEADY;
        List<ResizeError> resize = pool.resizeErrors() == null ? List.of() : pool.resizeErrors();
        if (nodes.isEmpty() && steady && !resize.isEmpty()) {
            throw new PoolStartException("pool " + spec.id() + " could not allocate nodes: " + describe(resize)
                    + ". Check the account's core quota for " + spec.vmSize() + " (dedicated and spot), or choose"
                    + " another VM size", spec.id(), List.of(), resizeErrors(resize));
        }
        if (!nodes.isEmpty() && bad.size() == nodes.size() && steady) {
            List<PoolStartException.NodeError> errors = bad.stream().limit(MAX_NODE_ERRORS).map(this::nodeError)
                    .toList();
            throw new PoolStartException("no node of pool " + spec.id() + " can run tasks: all " + nodes.size()
                    + " node(s) are " + states(bad) + ". " + startupDetail(errors.get(0))
                    + " Fix the start task (or the image), then delete the pool so it is recreated", spec.id(), errors,
                    resizeErrors(resize));
        }
        if (!bad.isEmpty()) {
            return Optional.of(bad.size() + " of " + nodes.size() + " node(s) of pool " + spec.id() + " are "
                    + states(bad) + "; the run goes on on the others. " + startupDetail(nodeError(bad.get(0))));
        }
        return Optional.empty();
    }

    /** Whether some node of the pool can take tasks now. */
    static boolean usable(ComputeNode n) {
        return n.state() == ComputeNodeState.IDLE || n.state() == ComputeNodeState.RUNNING;
    }

    private static boolean unusable(ComputeNode n) {
        return n.state() == ComputeNodeState.START_TASK_FAILED || n.state() == ComputeNodeState.UNUSABLE;
    }

    /** What a node's start task left behind; reads its stderr from the node. */
    private PoolStartException.NodeError nodeError(ComputeNode node) {
        Integer exit = node.startTaskInfo() != null ? node.startTaskInfo().exitCode() : null;
        String failure = node.startTaskInfo() != null && node.startTaskInfo().failureInfo() != null
                ? node.startTaskInfo().failureInfo().message() : null;
        String stderr = Redact.secrets(StderrTail.of(batch.startTaskStderr(spec.id(), node.id())));
        return new PoolStartException.NodeError(node.id(), String.valueOf(node.state()).toLowerCase(Locale.ROOT),
                exit, failure == null ? null : Redact.secrets(failure), stderr);
    }

    private static String startupDetail(PoolStartException.NodeError node) {
        StringBuilder sb = new StringBuilder("Node ").append(node.nodeId());
        if (node.exitCode() != null) {
            sb.append(": start task exit code ").append(node.exitCode());
        }
        if (node.failure() != null) {
            sb.append(" (").append(node.failure()).append(")");
        }
        if (!node.stderr().isEmpty()) {
            sb.append("; startup stderr: ").append(node.stderr());
        }
        return sb.append('.').toString();
    }

    private static List<PoolStartException.ResizeError> resizeErrors(List<ResizeError> errors) {
        return errors.stream().map(e -> new PoolStartException.ResizeError(e.code(), e.message())).toList();
    }

    private static String states(List<ComputeNode> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.state()).toLowerCase(Locale.ROOT)).distinct()
                .reduce((a, b) -> a + "/" + b).orElse("");
    }

    private static String describe(List<ResizeError> errors) {
        return errors.stream().map(e -> e.code() + (e.message() != null ? " (" + e.message() + ")" : ""))
                .reduce((a, b) -> a + "; " + b).orElse("");
    }
}
