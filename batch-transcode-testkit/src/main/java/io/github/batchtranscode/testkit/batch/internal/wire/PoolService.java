package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.node.PoolAllocator;
import io.github.batchtranscode.testkit.batch.internal.node.ProcessLauncher;
import io.github.batchtranscode.testkit.batch.internal.node.TaskScheduler;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.Ids;
import io.github.batchtranscode.testkit.batch.internal.service.ImageCatalog;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolIdentities;
import io.github.batchtranscode.testkit.batch.internal.service.PoolRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolSizing;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.batch.internal.service.VmSizes;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** Pool_* and ComputeNode_* operations. */
public final class PoolService {
    private static final Set<String> FILTERABLE = Set.of("id", "state", "allocationState");

    private final EmulatorState state;
    private final Views views;
    private final TaskScheduler scheduler;
    private final PoolAllocator allocator;
    private final ExecutorService executor;
    private final PoolIdentities identities;

    public PoolService(EmulatorState state, Views views, TaskScheduler scheduler, PoolAllocator allocator,
                ExecutorService executor, PoolIdentities identities) {
        this.identities = identities;
        this.state = state;
        this.views = views;
        this.scheduler = scheduler;
        this.allocator = allocator;
        this.executor = executor;
    }

    HttpResponse add(BatchRequest req) {
        ObjectNode spec = BatchJson.parseObject(req.http().body());
        String id = Ids.check(BatchJson.text(spec, "id"));
        VmSizes.check(BatchJson.required(spec, "vmSize"));
        ImageCatalog.defaults().check(spec, Instant.now());
        synchronized (state) {
            PoolRecord existing = state.pool(id);
            if (existing != null && existing.state.equals("deleting")) {
                throw BatchServiceException.of(409, "PoolBeingDeleted",
                        "The specified pool has been marked for deletion and is being reclaimed.");
            }
            if (existing != null) {
                throw BatchServiceException.of(409, "PoolExists", "The specified pool already exists.");
            }
            PoolRecord pool = new PoolRecord(id, spec, Instant.now(), allocator.slots(spec));
            pool.identities = identities.of(id); // as if Resource Manager had created the pool with them
            state.putPool(pool);
            allocator.allocate(pool);
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
            allocator.removeLater(p);
        }
        executor.execute(() -> {
            synchronized (state) {
                for (NodeRecord n : p.nodes) {
                    for (TaskRecord t : List.copyOf(n.running)) {
                        scheduler.requeue(t);
                    }
                    ProcessLauncher.kill(n.startTaskProcess);
                }
            }
        });
        return Replies.empty(202);
    }

    /** {@code POST /pools/{id}/enableautoscale}: takes the formula and resizes the pool to its targets. */
    HttpResponse enableAutoScale(BatchRequest req) {
        ObjectNode body = BatchJson.parseObject(req.http().body());
        synchronized (state) {
            PoolRecord p = state.requirePool(req.segment(1));
            refuseDeleting(p);
            String formula = BatchJson.text(body, "autoScaleFormula");
            if (formula == null && !p.spec.path("enableAutoScale").asBoolean(false)) {
                throw BatchServiceException.badRequest("MissingRequiredProperty",
                        "A required property was not specified in the request body.", "PropertyName",
                        "autoScaleFormula");
            }
            p.spec.put("enableAutoScale", true);
            if (formula != null) {
                p.spec.put("autoScaleFormula", formula);
            }
            if (body.hasNonNull("autoScaleEvaluationInterval")) {
                p.spec.set("autoScaleEvaluationInterval", body.get("autoScaleEvaluationInterval"));
            }
            p.etag = Times.newEtag();
            p.lastModified = Instant.now();
            allocator.resize(p);
            return Replies.changed(200, views.url("/pools/" + p.id), p.etag, p.lastModified);
        }
    }

    /** {@code POST /pools/{id}/evaluateautoscale}: the targets the formula would set, as an AutoScaleRun. */
    HttpResponse evaluateAutoScale(BatchRequest req) {
        ObjectNode body = BatchJson.parseObject(req.http().body());
        String formula = BatchJson.text(body, "autoScaleFormula");
        if (formula == null) {
            throw BatchServiceException.badRequest("MissingRequiredProperty",
                    "A required property was not specified in the request body.", "PropertyName", "autoScaleFormula");
        }
        synchronized (state) {
            state.requirePool(req.segment(1));
            PoolSizing want = PoolSizing.fromFormula(formula);
            ObjectNode run = BatchJson.object();
            run.put("odata.metadata", state.baseUrl()
                    + "/$metadata#Microsoft.Azure.Batch.Protocol.Entities.AutoScaleRun");
            run.put("timestamp", Times.iso(Instant.now()));
            run.put("results", "$TargetDedicatedNodes=" + want.dedicated() + ";$TargetLowPriorityNodes="
                    + want.lowPriority() + ";$NodeDeallocationOption=requeue");
            return Replies.json(200, run);
        }
    }

    private static void refuseDeleting(PoolRecord p) {
        if (p.state.equals("deleting")) {
            throw BatchServiceException.of(409, "PoolBeingDeleted",
                    "The specified pool has been marked for deletion and is being reclaimed.");
        }
    }

    HttpResponse list(BatchRequest req) {
        synchronized (state) {
            List<PoolRecord> pools = state.pools();
            var filter = Listing.<PoolRecord>filter(req, FILTERABLE, (p, prop) -> switch (prop) {
                case "id" -> p.id;
                case "state" -> p.state;
                default -> p.allocationState;
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
