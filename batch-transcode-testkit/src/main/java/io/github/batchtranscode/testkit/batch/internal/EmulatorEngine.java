package io.github.batchtranscode.testkit.batch.internal;

import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import io.github.batchtranscode.testkit.batch.PackageRequest;
import io.github.batchtranscode.testkit.batch.internal.node.BlobTransfer;
import io.github.batchtranscode.testkit.batch.internal.node.NodeSandbox;
import io.github.batchtranscode.testkit.batch.internal.node.PoolAllocator;
import io.github.batchtranscode.testkit.batch.internal.node.ProcessLauncher;
import io.github.batchtranscode.testkit.batch.internal.node.StartTaskRunner;
import io.github.batchtranscode.testkit.batch.internal.node.TaskRunner;
import io.github.batchtranscode.testkit.batch.internal.node.TaskScheduler;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.ImageCatalog;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.wire.AccountService;
import io.github.batchtranscode.testkit.batch.internal.wire.BatchHttpHandler;
import io.github.batchtranscode.testkit.batch.internal.wire.BatchRouter;
import io.github.batchtranscode.testkit.batch.internal.wire.FileService;
import io.github.batchtranscode.testkit.batch.internal.wire.JobService;
import io.github.batchtranscode.testkit.batch.internal.wire.PoolService;
import io.github.batchtranscode.testkit.batch.internal.wire.StatsRecorder;
import io.github.batchtranscode.testkit.batch.internal.wire.TaskService;
import io.github.batchtranscode.testkit.batch.internal.wire.Views;
import io.github.batchtranscode.testkit.internal.http.HttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the emulator's rooms together ({@code wire}, {@code node}, {@code service}; see {@code ArchitectureTest})
 * and owns their threads and processes.
 */
public final class EmulatorEngine implements AutoCloseable {
    private final EmulatorState state = new EmulatorState();
    private final EmulatorConfig config;
    private final ExecutorService executor;
    private final TaskScheduler scheduler;
    private final StatsRecorder stats = new StatsRecorder();
    private final BatchHttpHandler handler;
    private final NodeSandbox sandbox;

    public EmulatorEngine(EmulatorConfig config) {
        this.config = config;
        AtomicInteger ids = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "batch-emulator-worker-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Views views = new Views(state);
        BlobTransfer blobs = new BlobTransfer(config.nodeTls());
        sandbox = new NodeSandbox(config.isolation(), config.workDir(), config.ffmpegDir());
        scheduler = new TaskScheduler(state, executor);
        scheduler.runner(new TaskRunner(state, config, scheduler, blobs, sandbox));
        scheduler.preparations(config, blobs, sandbox);
        StartTaskRunner startTasks = new StartTaskRunner(state, config, scheduler, blobs, sandbox);
        PoolAllocator allocator = new PoolAllocator(state, config, scheduler, startTasks, executor,
                sandbox);
        PoolService pools = new PoolService(state, views, scheduler, allocator, executor, config.identities());
        TaskService tasks = new TaskService(state, views, scheduler, config::faults);
        JobService jobs = new JobService(state, views, scheduler, executor, config.times().jobDelete());
        FileService files = new FileService(state, views, tasks, pools);
        handler = new BatchHttpHandler(state, config, new BatchRouter(pools, jobs, tasks, files,
                new AccountService(state, ImageCatalog.defaults())), stats);
    }

    public HttpHandler handler() {
        return handler;
    }

    /** Sets the URL the emulator is reached at, used in {@code url} fields and next links. */
    public void baseUrl(String url) {
        state.baseUrl(url);
    }

    public BatchEmulatorStats stats() {
        BatchEmulatorStats s = stats.snapshot();
        java.util.Map<String, Long> packages = new java.util.TreeMap<>();
        for (PackageRequest r : packageRequests()) {
            if (!r.packageName().isEmpty()) {
                packages.merge(r.packageName(), 1L, Long::sum);
            }
        }
        return new BatchEmulatorStats(s.operations(), s.authorizationSchemes(), packages, s.requestsByApiVersion());
    }

    public void resetStats() {
        stats.reset();
    }

    public java.util.List<io.github.batchtranscode.testkit.batch.TaskSpan> taskSpans() {
        return state.spans.snapshot();
    }

    public void clearTaskSpans() {
        state.spans.clear();
    }

    /**
     * Preempts a node: its running tasks are killed and queued again with {@code requeueCount} raised.
     *
     * @return the ids of the requeued tasks
     * @throws IllegalArgumentException when the pool or node does not exist
     */
    public List<String> preemptNode(String poolId, String nodeId) {
        synchronized (state) {
            PoolRecord pool = state.pool(poolId);
            NodeRecord node = pool == null ? null : pool.node(nodeId);
            if (node == null) {
                throw new IllegalArgumentException("no node " + nodeId + " in pool " + poolId);
            }
            List<String> ids = new ArrayList<>();
            for (TaskRecord t : List.copyOf(node.running)) {
                ids.add(t.id);
                scheduler.requeue(t);
            }
            scheduler.dispatch(pool.id);
            return ids;
        }
    }

    /** What the nodes of existing pools asked package managers for, pool by pool, node by node. */
    public List<PackageRequest> packageRequests() {
        List<NodeRecord> nodes = new ArrayList<>();
        synchronized (state) {
            for (PoolRecord p : state.pools()) {
                nodes.addAll(p.nodes);
            }
        }
        List<PackageRequest> out = new ArrayList<>();
        for (NodeRecord n : nodes) {
            out.addAll(sandbox.packageRequests(n));
        }
        return out;
    }

    /** The ids of the pool's nodes that run a task now. */
    public List<String> busyNodes(String poolId) {
        synchronized (state) {
            PoolRecord pool = state.pool(poolId);
            if (pool == null) {
                return List.of();
            }
            return pool.nodes.stream().filter(n -> !n.running.isEmpty()).map(NodeRecord::id).toList();
        }
    }

    /** Kills every running process and stops the workers. */
    @Override
    public void close() {
        synchronized (state) {
            for (JobRecord j : state.jobs()) {
                for (TaskRecord t : j.order) {
                    scheduler.abandon(t);
                }
                scheduler.dropPreparations(j);
            }
            for (PoolRecord p : state.pools()) {
                for (NodeRecord n : p.nodes) {
                    ProcessLauncher.kill(n.startTaskProcess);
                }
            }
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sandbox.close();
    }

    public EmulatorConfig config() {
        return config;
    }
}
