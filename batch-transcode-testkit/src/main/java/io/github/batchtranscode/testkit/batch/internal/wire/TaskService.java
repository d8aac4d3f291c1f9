package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.BatchFaults;
import io.github.batchtranscode.testkit.batch.TaskSpan;
import io.github.batchtranscode.testkit.batch.internal.node.NodeEnvironment;
import io.github.batchtranscode.testkit.batch.internal.node.TaskScheduler;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.Ids;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskState;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Task_* operations. */
public final class TaskService {
    static final int MAX_COLLECTION = 100;
    static final int MAX_BODY = 1024 * 1024;
    private static final Set<String> FILTERABLE = Set.of("id", "state", "stateTransitionTime", "creationTime",
            "executionInfo/startTime", "executionInfo/endTime", "executionInfo/exitCode");

    private static final Set<String> TASK_STATES = Set.of("active", "preparing", "running", "completed");

    private final EmulatorState state;
    private final Views views;
    private final TaskScheduler scheduler;
    private final java.util.function.Supplier<BatchFaults> faults;

    public TaskService(EmulatorState state, Views views, TaskScheduler scheduler,
            java.util.function.Supplier<BatchFaults> faults) {
        this.state = state;
        this.views = views;
        this.scheduler = scheduler;
        this.faults = faults;
    }

    HttpResponse add(BatchRequest req) {
        ObjectNode spec = BatchJson.parseObject(req.http().body());
        synchronized (state) {
            JobRecord job = activeJob(req.segment(1));
            TaskRecord t = addOne(job, spec);
            return Replies.created(views.url("/jobs/" + job.id + "/tasks/" + t.id), t.etag, t.lastModified);
        }
    }

    HttpResponse addCollection(BatchRequest req) {
        if (req.http().body().length > MAX_BODY) {
            throw new BatchServiceException(413, "RequestBodyTooLarge",
                    "The request body is too large and exceeds the maximum permissible limit.",
                    Map.of("MaxLimit", Integer.toString(MAX_BODY)));
        }
        JsonNode value = BatchJson.parseObject(req.http().body()).get("value");
        if (value == null || !value.isArray()) {
            throw BatchServiceException.badRequest("MissingRequiredProperty",
                    "A required property was not specified in the request body.", "PropertyName", "value");
        }
        if (value.size() > MAX_COLLECTION) {
            throw BatchServiceException.invalidValue("value", Integer.toString(value.size()),
                    "A collection may hold at most " + MAX_COLLECTION + " tasks");
        }
        ObjectNode body = BatchJson.object();
        body.put("odata.metadata", state.baseUrl() + "/$metadata#taskaddresult");
        ArrayNode results = body.putArray("value");
        synchronized (state) {
            JobRecord job = activeJob(req.segment(1));
            Set<String> seen = new HashSet<>();
            for (JsonNode item : value) {
                ObjectNode r = results.addObject();
                String id = BatchJson.text(item, "id");
                r.put("taskId", id);
                try {
                    if (!(item instanceof ObjectNode spec)) {
                        throw BatchServiceException.badRequest("InvalidRequestBody",
                                "The specified Request Body is not syntactically valid.", null, null);
                    }
                    if (id != null && !seen.add(id.toLowerCase(Locale.ROOT))) {
                        throw taskExists();
                    }
                    if (FaultDraws.taskAddServerError(faults.get())) {
                        throw new BatchServiceException(500, "InternalError",
                                "Server encountered an internal error. Please retry the request.", null);
                    }
                    TaskRecord t = addOne(job, spec);
                    r.put("status", WireEnums.SUCCESS);
                    r.put("eTag", t.etag);
                    r.put("lastModified", Times.iso(t.lastModified));
                    r.put("location", views.url("/jobs/" + job.id + "/tasks/" + t.id));
                } catch (BatchServiceException e) {
                    if (id != null) { // as the service's documented ClientError answer
                        r.put("error@odata.navigationLinkUrl", views.url("/jobs/" + job.id + "/tasks/" + id
                                + "/error"));
                    }
                    r.put("status", e.status() >= 500 ? WireEnums.SERVER_ERROR : WireEnums.CLIENT_ERROR);
                    r.set("error", Replies.errorBody(e, null, java.util.UUID.randomUUID().toString()));
                }
            }
        }
        return Replies.json(200, body);
    }

    private TaskRecord addOne(JobRecord job, ObjectNode spec) {
        String id = Ids.check(BatchJson.text(spec, "id"));
        BatchJson.required(spec, "commandLine");
        if (job.task(id) != null) {
            throw taskExists();
        }
        int slots = spec.path("requiredSlots").asInt(1);
        if (slots < 1) {
            throw BatchServiceException.invalidValue("requiredSlots", Integer.toString(slots), "must be >= 1");
        }
        TaskRecord t = new TaskRecord(id, job, spec, Instant.now(), slots);
        t.constraints = spec.get("constraints") instanceof ObjectNode c ? c : null;
        job.addTask(t);
        scheduler.enqueue(t);
        scheduler.dispatch(job.poolId);
        return t;
    }

    private JobRecord activeJob(String jobId) {
        JobRecord job = state.requireJob(jobId);
        switch (job.state) {
            case "active" -> {
                return job;
            }
            case "completed" -> throw BatchServiceException.of(409, "JobCompleted",
                    "The specified job is already in a completed state.");
            case "deleting" -> throw BatchServiceException.of(409, "JobBeingDeleted",
                    "The specified job has been marked for deletion and is being garbage collected.");
            case "terminating" -> throw BatchServiceException.of(409, "JobBeingTerminated",
                    "The specified job is being terminated.");
            default -> throw BatchServiceException.of(409, "JobNotActive", "The specified job is not active.");
        }
    }

    private static BatchServiceException taskExists() {
        return BatchServiceException.of(409, "TaskExists", "The specified task already exists.");
    }

    HttpResponse get(BatchRequest req) {
        synchronized (state) {
            TaskRecord t = task(req);
            ObjectNode body = views.task(t);
            noticed(t);
            body.put("odata.metadata", state.baseUrl() + "/$metadata#tasks/@Element");
            return Replies.entity(PoolService.project(req, body), t.etag, t.lastModified)
                    .header("DataServiceId", views.url("/jobs/" + t.job.id + "/tasks/" + t.id));
        }
    }

    HttpResponse list(BatchRequest req) {
        synchronized (state) {
            JobRecord job = state.requireJob(req.segment(1));
            Listing.checkStateLiterals(req, TASK_STATES);
            var filter = Listing.<TaskRecord>filter(req, FILTERABLE, TaskService::property);
            var page = Listing.page(job.order, req, t -> !t.deleted && filter.test(t));
            page.items().forEach(this::noticed);
            return Replies.json(200, Listing.body(req, page, views::task, state.baseUrl(), "tasks"));
        }
    }

    /** Records when a client first sees a completed task (held under the state lock). */
    private void noticed(TaskRecord t) {
        if (t.state == TaskState.COMPLETED && !t.completionSeen && t.endTime != null) {
            t.completionSeen = true;
            state.spans.record(t.job.id, t.id, t.lastNode == null ? null : t.lastNode.id, TaskSpan.NOTICED,
                    t.endTime, Instant.now());
        }
    }

    static Object property(TaskRecord t, String name) {
        return switch (name) {
            case "id" -> t.id;
            case "state" -> t.state.wire();
            case "statetransitiontime" -> t.stateTransitionTime;
            case "creationtime" -> t.created;
            case "executioninfo/starttime" -> t.startTime;
            case "executioninfo/endtime" -> t.state == TaskState.COMPLETED ? t.endTime : null;
            case "executioninfo/exitcode" -> t.state == TaskState.COMPLETED ? t.exitCode : null;
            default -> null;
        };
    }

    HttpResponse terminate(BatchRequest req) {
        synchronized (state) {
            TaskRecord t = task(req);
            if (t.state == TaskState.COMPLETED) { // as the service answers (seqeralabs/nf-tower#385); nothing changes
                throw BatchServiceException.of(409, "TaskCompleted",
                        "The specified task is already in a completed state.");
            }
            scheduler.terminate(t);
            t.etag = Times.newEtag();
            return Replies.changed(204, views.url("/jobs/" + t.job.id + "/tasks/" + t.id), t.etag, t.lastModified);
        }
    }

    HttpResponse update(BatchRequest req) {
        ObjectNode body = BatchJson.parseObject(req.http().body());
        synchronized (state) {
            TaskRecord t = task(req);
            t.constraints = body.get("constraints") instanceof ObjectNode c ? c : null;
            t.lastModified = Instant.now();
            t.etag = Times.newEtag();
            return Replies.changed(200, views.url("/jobs/" + t.job.id + "/tasks/" + t.id), t.etag, t.lastModified);
        }
    }

    HttpResponse delete(BatchRequest req) {
        java.nio.file.Path dir;
        synchronized (state) {
            TaskRecord t = task(req);
            scheduler.remove(t);
            t.job.removeTask(t);
            dir = t.lastNode == null ? null : NodeEnvironment.taskDir(t.lastNode, t.job.id, t.id);
            scheduler.checkJob(t.job);
        }
        if (dir != null) {
            FileService.deleteTree(dir);
        }
        return Replies.empty(200);
    }

    TaskRecord task(BatchRequest req) {
        JobRecord job = state.requireJob(req.segment(1));
        return state.requireTask(job, req.segment(3));
    }
}
