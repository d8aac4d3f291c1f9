package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.node.NodeEnvironment;
import io.github.batchtranscode.testkit.batch.internal.node.TaskScheduler;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.Ids;
import io.github.batchtranscode.testkit.batch.internal.service.JobPrepRecord;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskState;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** Job_* operations, including task counts. */
public final class JobService {
    private final EmulatorState state;
    private final Views views;
    private final TaskScheduler scheduler;
    private final ExecutorService executor;
    private final java.time.Duration jobDeleteTime;

    public JobService(EmulatorState state, Views views, TaskScheduler scheduler, ExecutorService executor,
               java.time.Duration jobDeleteTime) {
        this.state = state;
        this.views = views;
        this.scheduler = scheduler;
        this.executor = executor;
        this.jobDeleteTime = jobDeleteTime;
    }

    HttpResponse add(BatchRequest req) {
        ObjectNode spec = BatchJson.parseObject(req.http().body());
        String id = Ids.check(BatchJson.text(spec, "id"));
        String poolId = BatchJson.text(spec.get("poolInfo"), "poolId");
        if (poolId == null) {
            if (spec.path("poolInfo").has("autoPoolSpecification")) {
                throw BatchServiceException.invalidValue("poolInfo", "autoPoolSpecification",
                        "The emulator does not support auto pools");
            }
            throw BatchServiceException.badRequest("MissingRequiredProperty",
                    "A required property was not specified in the request body.", "PropertyName", "poolInfo");
        }
        checkTasks(spec);
        synchronized (state) {
            JobRecord existing = state.job(id);
            if (existing != null && existing.state.equals("deleting")) {
                throw BatchServiceException.of(409, "JobBeingDeleted",
                        "The specified job has been marked for deletion and is being garbage collected.");
            }
            if (existing != null) {
                throw BatchServiceException.of(409, "JobExists", "The specified job already exists.");
            }
            JobRecord job = new JobRecord(id, spec, Instant.now());
            job.poolId = poolId;
            job.onAllTasksComplete = lower(spec, "onAllTasksComplete", "noaction");
            job.onTaskFailure = lower(spec, "onTaskFailure", "noaction");
            job.priority = spec.path("priority").asInt(0);
            job.maxParallelTasks = spec.path("maxParallelTasks").asInt(-1);
            job.constraints = spec.get("constraints") instanceof ObjectNode c ? c : null;
            state.putJob(job);
            scheduler.checkJob(job);
            endAfterWallClock(job);
            return Replies.created(views.url("/jobs/" + id), job.etag, job.lastModified);
        }
    }

    /** Terminates the job with {@code MaxWallClockTimeExpiry} once its {@code constraints.maxWallClockTime} passes. */
    private void endAfterWallClock(JobRecord job) {
        String limit = job.constraints == null ? null : BatchJson.text(job.constraints, "maxWallClockTime");
        java.time.Duration d;
        try {
            d = limit == null ? null : java.time.Duration.parse(limit);
        } catch (java.time.format.DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.compareTo(java.time.Duration.ofDays(10_000)) > 0) {
            return;
        }
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            synchronized (state) {
                if (state.job(job.id) == job && job.state.equals("active")) {
                    scheduler.endJob(job, "MaxWallClockTimeExpiry");
                }
            }
        }, java.util.concurrent.CompletableFuture.delayedExecutor(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS,
                executor));
    }

    HttpResponse get(BatchRequest req) {
        synchronized (state) {
            JobRecord j = state.requireJob(req.segment(1));
            ObjectNode body = views.job(j);
            body.put("odata.metadata", state.baseUrl() + "/$metadata#jobs/@Element");
            return Replies.entity(PoolService.project(req, body), j.etag, j.lastModified);
        }
    }

    HttpResponse list(BatchRequest req) {
        synchronized (state) {
            var filter = Listing.<JobRecord>filter(req, Set.of("id", "state", "creationTime"), (j, p) ->
                    switch (p) {
                        case "id" -> j.id;
                        case "state" -> j.state;
                        default -> j.created;
                    });
            var page = Listing.page(state.jobs(), req, filter);
            return Replies.json(200, Listing.body(req, page, views::job, state.baseUrl(), "jobs"));
        }
    }

    /** PATCH replaces only the properties given; PUT (update) replaces all updatable ones. */
    HttpResponse patch(BatchRequest req, boolean replace) {
        ObjectNode body = BatchJson.parseObject(req.http().body());
        synchronized (state) {
            JobRecord j = state.requireJob(req.segment(1));
            if (j.state.equals("deleting")) {
                throw BatchServiceException.of(409, "JobBeingDeleted",
                        "The specified job has been marked for deletion and is being garbage collected.");
            }
            if (j.state.equals("completed") || j.state.equals("terminating")) {
                throw BatchServiceException.of(409, "JobCompleted", "The specified job is already in a completed"
                        + " state.");
            }
            if (replace || body.has("priority")) {
                j.priority = body.path("priority").asInt(0);
            }
            if (replace || body.has("maxParallelTasks")) {
                j.maxParallelTasks = body.path("maxParallelTasks").asInt(-1);
            }
            if (replace || body.has("constraints")) {
                j.constraints = body.get("constraints") instanceof ObjectNode c ? c : null;
            }
            if (replace || body.has("onAllTasksComplete")) {
                j.onAllTasksComplete = lower(body, "onAllTasksComplete", "noaction");
            }
            if (body.hasNonNull("poolInfo") && BatchJson.text(body.get("poolInfo"), "poolId") != null) {
                j.poolId = BatchJson.text(body.get("poolInfo"), "poolId");
            }
            if (replace || body.has("metadata")) {
                JsonNode md = body.get("metadata");
                if (md == null) {
                    j.spec.remove("metadata");
                } else {
                    j.spec.set("metadata", md);
                }
            }
            Instant now = Instant.now();
            j.lastModified = now;
            j.etag = Times.newEtag();
            scheduler.checkJob(j);
            return Replies.changed(200, views.url("/jobs/" + j.id), j.etag, now);
        }
    }

    HttpResponse terminate(BatchRequest req) {
        byte[] raw = req.http().body();
        ObjectNode body = raw.length == 0 ? BatchJson.object() : BatchJson.parseObject(raw);
        synchronized (state) {
            JobRecord j = state.requireJob(req.segment(1));
            if (j.state.equals("deleting")) {
                throw BatchServiceException.of(409, "JobBeingDeleted",
                        "The specified job has been marked for deletion and is being garbage collected.");
            }
            if (j.state.equals("completed")) {
                throw BatchServiceException.of(409, "JobCompleted", "The specified job is already in a completed"
                        + " state.");
            }
            String reason = BatchJson.text(body, "terminateReason");
            scheduler.endJob(j, reason == null ? "UserTerminate" : reason);
            return Replies.changed(202, views.url("/jobs/" + j.id), j.etag, j.lastModified);
        }
    }

    HttpResponse delete(BatchRequest req) {
        JobRecord j;
        synchronized (state) {
            j = state.requireJob(req.segment(1));
            if (j.state.equals("deleting")) {
                throw BatchServiceException.of(409, "JobBeingDeleted",
                        "The specified job has been marked for deletion and is being garbage collected.");
            }
            j.setState("deleting", Instant.now());
            for (TaskRecord t : List.copyOf(j.order)) {
                if (!t.deleted) {
                    scheduler.remove(t);
                }
            }
            scheduler.dropPreparations(j);
        }
        executor.execute(() -> {
            List<Path> dirs = new java.util.ArrayList<>();
            synchronized (state) {
                j.order.stream().filter(t -> t.lastNode != null)
                        .map(t -> NodeEnvironment.taskDir(t.lastNode, j.id, t.id)).forEach(dirs::add);
                j.preparedNodes.values().forEach(r -> dirs.add(NodeEnvironment.jobPrepDir(r.node, j.id)));
            }
            dirs.forEach(FileService::deleteTree);
        });
        Runnable remove = () -> {
            synchronized (state) {
                if (state.job(j.id) == j) {
                    state.removeJob(j);
                }
            }
        };
        if (jobDeleteTime.isZero()) {
            executor.execute(remove);
        } else {
            java.util.concurrent.CompletableFuture.runAsync(remove, java.util.concurrent.CompletableFuture
                    .delayedExecutor(jobDeleteTime.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, executor));
        }
        return Replies.empty(202);
    }

    HttpResponse taskCounts(BatchRequest req) {
        synchronized (state) {
            JobRecord j = state.requireJob(req.segment(1));
            ObjectNode body = BatchJson.object();
            body.put("odata.metadata", state.baseUrl() + "/$metadata#taskcountsresult/@Element");
            ObjectNode c = body.putObject("taskCounts");
            c.put("active", j.count(TaskState.ACTIVE));
            c.put("running", j.count(TaskState.RUNNING) + j.count(TaskState.PREPARING));
            c.put("completed", j.count(TaskState.COMPLETED));
            c.put("succeeded", j.succeeded);
            c.put("failed", j.failed);
            ObjectNode s = body.putObject("taskSlotCounts");
            s.put("active", j.slots(TaskState.ACTIVE));
            s.put("running", j.slots(TaskState.RUNNING) + j.slots(TaskState.PREPARING));
            s.put("completed", j.slots(TaskState.COMPLETED));
            s.put("succeeded", j.succeededSlots);
            s.put("failed", j.failedSlots);
            return Replies.json(200, body);
        }
    }

    /**
     * The job-level tasks of a Job_Add: a Job Preparation task needs a command line (and a valid id when given);
     * container settings, a Job Release task and a Job Manager task are refused with 501, not accepted and never
     * run.
     */
    private static void checkTasks(ObjectNode spec) {
        for (String unemulated : List.of("jobManagerTask", "jobReleaseTask")) {
            if (spec.hasNonNull(unemulated)) {
                throw UnemulatedOperations.property("Job_Add", unemulated);
            }
        }
        JsonNode prep = spec.get("jobPreparationTask");
        if (prep == null || prep.isNull()) {
            return;
        }
        if (!prep.isObject()) {
            throw BatchServiceException.invalidValue("jobPreparationTask", prep.toString(), "not an object");
        }
        if (BatchJson.text(prep, "commandLine") == null || BatchJson.text(prep, "commandLine").isBlank()) {
            throw BatchServiceException.badRequest("MissingRequiredProperty",
                    "A required property was not specified in the request body.", "PropertyName",
                    "jobPreparationTask.commandLine");
        }
        if (BatchJson.text(prep, "id") != null) {
            Ids.check(BatchJson.text(prep, "id"));
        }
        if (prep.hasNonNull("containerSettings")) {
            throw UnemulatedOperations.property("Job_Add", "jobPreparationTask.containerSettings");
        }
    }

    /**
     * Job_ListPreparationAndReleaseTaskStatus: one entry per node where the job's preparation ran (nodes removed
     * since included), in the order they first got a task of the job; 409 {@code JobPreparationTaskNotSpecified}
     * for a job without one.
     */
    HttpResponse preparationStatus(BatchRequest req) {
        synchronized (state) {
            JobRecord j = state.requireJob(req.segment(1));
            if (j.preparation == null) {
                throw BatchServiceException.of(409, "JobPreparationTaskNotSpecified",
                        "The specified job does not have a job preparation task.");
            }
            List<JobPrepRecord> records = List.copyOf(j.preparedNodes.values());
            var filter = Listing.<JobPrepRecord>filter(req, Set.of("nodeId", "poolId",
                    "jobPreparationTaskExecutionInfo/state", "jobPreparationTaskExecutionInfo/result",
                    "jobPreparationTaskExecutionInfo/exitCode"), (r, p) -> switch (p) {
                        case "nodeId" -> r.node.id;
                        case "poolId" -> r.node.pool.id;
                        case "jobPreparationTaskExecutionInfo/state" -> r.state;
                        case "jobPreparationTaskExecutionInfo/result" -> r.result;
                        default -> r.exitCode;
                    });
            var page = Listing.page(records, req, filter);
            return Replies.json(200, Listing.body(req, page, r -> views.preparation(j, r), state.baseUrl(),
                    "jobpreparationandreleasetaskstatuslist"));
        }
    }

    private static String lower(ObjectNode spec, String field, String fallback) {
        String v = BatchJson.text(spec, field);
        return v == null ? fallback : v.toLowerCase(Locale.ROOT);
    }
}
