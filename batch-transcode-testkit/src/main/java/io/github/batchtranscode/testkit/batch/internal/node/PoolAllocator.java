package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolSizing;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Moves pools and nodes through the service's slow transitions on the configured clock: a new pool is
 * {@code resizing} for the pool allocation time, then {@code steady} with its nodes {@code starting}; each node
 * starts (start task, or {@code idle}) after the node start time; a deleted pool stays {@code deleting} for the
 * pool delete time. Sizes come from the pool's own targets, capped by the emulator's node and slot limits; a
 * cap that bites leaves a {@code resizeErrors} entry as the service's quota errors do.
 */
public final class PoolAllocator {
    private static final Logger LOG = TestkitLoggers.EMULATOR;

    private final EmulatorState state;
    private final EmulatorConfig config;
    private final TaskScheduler scheduler;
    private final StartTaskRunner startTasks;
    private final ExecutorService executor;
    private final NodeSandbox sandbox;

    public PoolAllocator(EmulatorState state, EmulatorConfig config, TaskScheduler scheduler,
                         StartTaskRunner startTasks, ExecutorService executor, NodeSandbox sandbox) {
        this.sandbox = sandbox;
        this.state = state;
        this.config = config;
        this.scheduler = scheduler;
        this.startTasks = startTasks;
        this.executor = executor;
    }

    /** The task slots per node of a new pool: its {@code taskSlotsPerNode}, capped. Call under the lock. */
    public int slots(JsonNode spec) {
        return Math.min(Math.max(1, spec.path("taskSlotsPerNode").asInt(1)), config.maxSlotsPerNode());
    }

    /** Starts allocating a just-added pool. Call under the lock. */
    public void allocate(PoolRecord pool) {
        PoolSizing want = PoolSizing.of(pool.spec);
        pool.targetDedicated = want.dedicated();
        pool.targetLowPriority = want.lowPriority();
        allocate(pool, want);
    }

    private void allocate(PoolRecord pool, PoolSizing want) {
        later(config.times().poolAllocation(), () -> {
            synchronized (state) {
                if (state.pool(pool.id) == pool && pool.state.equals("active") && pool.targetDedicated
                        == want.dedicated() && pool.targetLowPriority == want.lowPriority()) {
                    settle(pool, want);
                }
            }
        });
    }

    /** Re-targets a pool whose formula changed: {@code resizing} for the allocation time, then resized. */
    public void resize(PoolRecord pool) {
        PoolSizing want = PoolSizing.of(pool.spec);
        pool.targetDedicated = want.dedicated();
        pool.targetLowPriority = want.lowPriority();
        pool.allocationState = "resizing";
        pool.allocationStateTransitionTime = Instant.now();
        allocate(pool, want);
    }

    /** Removes a deleting pool once the pool delete time has passed. Call under the lock. */
    public void removeLater(PoolRecord pool) {
        later(config.times().poolDelete(), () -> {
            synchronized (state) {
                if (state.pool(pool.id) == pool) {
                    state.removePool(pool);
                    pool.nodes.forEach(sandbox::release);
                }
            }
        });
    }

    private void settle(PoolRecord pool, PoolSizing want) {
        Instant now = Instant.now();
        int cap = config.maxNodesPerPool();
        int dedicated = Math.min(want.dedicated(), cap);
        int low = Math.min(want.lowPriority(), cap - dedicated);
        pool.resizeErrors.removeAll();
        if (dedicated < want.dedicated()) {
            quotaError(pool, "AccountCoreQuotaReached", "dedicated", want.dedicated(), dedicated, cap);
        }
        if (low < want.lowPriority()) {
            quotaError(pool, "AccountLowPriorityCoreQuotaReached", "low-priority", want.lowPriority(), low, cap);
        }
        int asked = Math.max(1, pool.spec.path("taskSlotsPerNode").asInt(1));
        if (asked > pool.slotsPerNode) {
            ObjectNode e = pool.resizeErrors.addObject();
            e.put("code", "AllocationFailed");
            e.put("message", "The pool asked for " + asked + " task slots per node; the Batch emulator gives at"
                    + " most " + pool.slotsPerNode + " (BatchEmulator.Builder.slotsPerNode, CLI --slots-per-node)");
            e.putArray("values").addObject().put("name", "EmulatorSlotsPerNodeLimit")
                    .put("value", Integer.toString(pool.slotsPerNode));
        }
        shrink(pool, true, dedicated);
        shrink(pool, false, low);
        String tag = Long.toHexString(System.nanoTime() & 0xffffffffL);
        int failing = config.faults().failStartTaskNodes();
        long haveDedicated = pool.nodes.stream().filter(n -> n.dedicated).count();
        long haveLow = pool.nodes.size() - haveDedicated;
        for (int k = 0; k < (dedicated - haveDedicated) + (low - haveLow); k++) {
            boolean isDedicated = k < dedicated - haveDedicated;
            int i = pool.nextNodeIndex++;
            String nodeId = "tvmps_" + tag + "_" + i + (isDedicated ? "_d" : "_p");
            NodeRecord n = new NodeRecord(nodeId, pool, i, config.workDir().resolve("nodes").resolve(nodeId), now,
                    isDedicated);
            pool.nodes.add(n);
            boolean inject = i < failing;
            later(config.times().nodeStart(), () -> boot(n, inject));
        }
        pool.allocationState = "steady";
        pool.allocationStateTransitionTime = now;
        LOG.debug("pool {} steady with {} dedicated and {} low-priority node(s)", pool.id, dedicated, low);
    }

    /** Removes nodes of one kind beyond {@code keep}, idle ones first; tasks on removed nodes are requeued. */
    private void shrink(PoolRecord pool, boolean dedicated, int keep) {
        java.util.List<NodeRecord> kind = new java.util.ArrayList<>(pool.nodes.stream()
                .filter(n -> n.dedicated == dedicated).toList());
        kind.sort(java.util.Comparator.comparingInt(n -> n.running.size()));
        for (int i = 0; i < kind.size() - keep; i++) {
            NodeRecord n = kind.get(i);
            for (TaskRecord t : java.util.List.copyOf(n.running)) {
                scheduler.requeue(t);
            }
            ProcessLauncher.kill(n.startTaskProcess);
            pool.nodes.remove(n);
            sandbox.release(n);
        }
        scheduler.dispatch(pool.id);
    }

    private static void quotaError(PoolRecord pool, String code, String kind, int wanted, int got, int cap) {
        ObjectNode e = pool.resizeErrors.addObject();
        e.put("code", code);
        e.put("message", "The specified account has reached its " + kind + " node quota: the pool asked for "
                + wanted + " " + kind + " node(s) and got " + got + " (the Batch emulator runs at most " + cap
                + " node(s) per pool: BatchEmulator.Builder.nodes, CLI --nodes)");
        e.putArray("values").addObject().put("name", "EmulatorNodesPerPoolLimit").put("value", Integer.toString(cap));
    }

    private void boot(NodeRecord n, boolean injectFailure) {
        if (!config.simulate()) {
            try {
                NodeEnvironment.createLayout(n);
            } catch (java.io.UncheckedIOException e) { // the start task or the first task then fails visibly
                LOG.warn("{}: {}", e.getMessage(), e.getCause().toString());
            }
        }
        JsonNode startTask;
        synchronized (state) {
            PoolRecord pool = n.pool;
            if (state.pool(pool.id) != pool || !pool.state.equals("active") || !pool.nodes.contains(n)) {
                return;
            }
            Instant now = Instant.now();
            startTask = pool.spec.get("startTask");
            if (startTask == null || !startTask.hasNonNull("commandLine")) {
                n.setState("idle", now);
                scheduler.dispatch(pool.id);
                return;
            }
            boolean wait = startTask.path("waitForSuccess").asBoolean(true);
            n.setState(wait ? "waitingforstarttask" : "idle", now);
            scheduler.dispatch(pool.id);
        }
        startTasks.run(n, startTask, injectFailure);
    }

    private void later(Duration delay, Runnable action) {
        if (delay.isZero()) {
            executor.execute(action);
            return;
        }
        CompletableFuture.runAsync(action, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS,
                executor));
    }
}
