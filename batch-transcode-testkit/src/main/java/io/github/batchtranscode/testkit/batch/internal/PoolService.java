package io.github.batchtranscode.testkit.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** Pool_* and ComputeNode_* operations. */
final class PoolService {
    private static final Set<String> FILTERABLE = Set.of("id", "state", "allocationState");

    private final EmulatorState state;
    private final EmulatorConfig config;
    private final Views views;
    private final TaskScheduler scheduler;
    private final StartTaskRunner startTasks;
    private final ExecutorService executor;

    PoolService(EmulatorState state, EmulatorConfig config, Views views, TaskScheduler scheduler,
                StartTaskRunner startTasks, ExecutorService executor) {
        this.state = state;
        this.config = config;
        this.views = views;
        this.scheduler = scheduler;
        this.startTasks = startTasks;
        this.executor = executor;
    }

    HttpResponse add(BatchRequest req) {
        ObjectNode spec = BatchJson.parseObject(req.http().body());
        String id = Ids.check(BatchJson.text(spec, "id"));
        VmSizes.check(BatchJson.required(spec, "vmSize"));
        ImageCatalog.defaults().check(spec, Instant.now());
        synchronized (state) {
            if (state.pool(id) != null) {
                throw BatchServiceException.of(409, "PoolExists", "The specified pool already exists.");
            }
            Instant now = Instant.now();
            int slots = config.slotsPerNode() != null ? config.slotsPerNode()
                    : Math.max(1, spec.path("taskSlotsPerNode").asInt(1));
            int dedicated = spec.path("targetDedicatedNodes").asInt(0);
            int nodes = config.nodesPerPool() != null ? config.nodesPerPool()
                    : Math.max(1, dedicated + spec.path("targetLowPriorityNodes").asInt(0));
            PoolRecord pool = new PoolRecord(id, spec, now, slots);
            JsonNode startTask = spec.get("startTask");
            int failing = config.faults().failStartTaskNodes();
            String tag = Long.toHexString(System.nanoTime() & 0xffffffffL);
            boolean allDedicated = dedicated == 0 && spec.path("targetLowPriorityNodes").asInt(0) == 0;
            for (int i = 0; i < nodes; i++) {
                boolean isDedicated = allDedicated || i < dedicated;
                String nodeId = "tvmps_" + tag + "_" + i + (isDedicated ? "_d" : "_p");
                NodeRecord n = new NodeRecord(nodeId, pool, i, config.workDir().resolve("nodes").resolve(nodeId),
                        now, isDedicated);
                pool.nodes.add(n);
                if (startTask != null && startTask.hasNonNull("commandLine")) {
                    boolean wait = startTask.path("waitForSuccess").asBoolean(true);
                    n.setState(wait ? "waitingforstarttask" : "idle", now);
                    boolean inject = i < failing;
                    executor.execute(() -> startTasks.run(n, startTask, inject));
                } else {
                    n.setState("idle", now);
                }
            }
            state.putPool(pool);
            scheduler.dispatch(id);
            return Replies.created(views.url("/pools/" + id), pool.etag, pool.lastModified);
        }
    }

    HttpResponse get(BatchRequest req) {
        synchronized (state) {
            PoolRecord p = state.requirePool(req.segment(1));
            ObjectNode body = views.pool(p);
            body.put("odata.metadata", state.baseUrl() + "/$metadata#pools/@Element");
            return Replies.entity(project(req, body), p.etag, p.lastModified);
        }
    }

    HttpResponse exists(BatchRequest req) {
        synchronized (state) {
            PoolRecord p = state.pool(req.segment(1));
            if (p == null) {
                return HttpResponse.of(404);
            }
            return HttpResponse.of(200).header("ETag", p.etag)
                    .header("Last-Modified", Times.rfc1123(p.lastModified));
        }
    }

    HttpResponse delete(BatchRequest req) {
        PoolRecord p;
        synchronized (state) {
            p = state.requirePool(req.segment(1));
            if (p.state.equals("deleting")) {
                throw BatchServiceException.of(409, "PoolBeingDeleted",
                        "The specified pool has been marked for deletion and is being reclaimed.");
            }
            p.state = "deleting";
            p.stateTransitionTime = Instant.now();
        }
        executor.execute(() -> {
            synchronized (state) {
                for (NodeRecord n : p.nodes) {
                    for (TaskRecord t : List.copyOf(n.running)) {
                        scheduler.requeue(t);
                    }
                    ProcessLauncher.kill(n.startTaskProcess);
                }
                state.removePool(p);
            }
        });
        return Replies.empty(202);
    }

    HttpResponse list(BatchRequest req) {
        synchronized (state) {
            List<PoolRecord> pools = state.pools();
            var filter = Listing.<PoolRecord>filter(req, FILTERABLE, (p, prop) -> switch (prop) {
                case "id" -> p.id;
                case "state" -> p.state;
                default -> "steady";
            });
            var page = Listing.page(pools, req, filter);
            return Replies.json(200, Listing.body(req, page, views::pool, state.baseUrl(), "pools"));
        }
    }

    HttpResponse listNodes(BatchRequest req) {
        synchronized (state) {
            PoolRecord p = state.requirePool(req.segment(1));
            var filter = Listing.<NodeRecord>filter(req, Set.of("id", "state"), (n, prop) ->
                    prop.equals("id") ? n.id : n.state);
            var page = Listing.page(p.nodes, req, filter);
            return Replies.json(200, Listing.body(req, page, views::node, state.baseUrl(), "nodes"));
        }
    }

    HttpResponse getNode(BatchRequest req) {
        synchronized (state) {
            NodeRecord n = node(req);
            ObjectNode body = views.node(n);
            body.put("odata.metadata", state.baseUrl() + "/$metadata#nodes/@Element");
            return Replies.json(200, project(req, body));
        }
    }

    NodeRecord node(BatchRequest req) {
        PoolRecord p = state.requirePool(req.segment(1));
        NodeRecord n = p.node(req.segment(3));
        if (n == null) {
            throw BatchServiceException.nodeNotFound();
        }
        return n;
    }

    static ObjectNode project(BatchRequest req, ObjectNode full) {
        Set<String> select = Listing.select(req);
        if (select.isEmpty()) {
            return full;
        }
        ObjectNode o = BatchJson.object();
        for (String f : select) {
            if (full.has(f)) {
                o.set(f, full.get(f));
            }
        }
        return o;
    }
}
