package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.JobPrepRecord;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskState;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** Renders records as the service's JSON entities (CloudPool, ComputeNode, CloudJob, CloudTask). Call under the lock. */
public final class Views {
    static final String UNLIMITED = "P10675199DT2H48M5.4775807S";

    private final EmulatorState state;

    public Views(EmulatorState state) {
        this.state = state;
    }

    String url(String path) {
        return state.baseUrl() + path;
    }

    ObjectNode pool(PoolRecord p) {
        ObjectNode o = BatchJson.object();
        o.put("id", p.id);
        o.put("url", url("/pools/" + p.id));
        o.put("eTag", p.etag);
        o.put("lastModified", Times.iso(p.lastModified));
        o.put("creationTime", Times.iso(p.created));
        o.put("state", p.state);
        o.put("stateTransitionTime", Times.iso(p.stateTransitionTime));
        o.put("allocationState", p.allocationState);
        o.put("allocationStateTransitionTime", Times.iso(p.allocationStateTransitionTime));
        copyAll(p.spec, o);
        o.put("id", p.id);
        o.put("targetDedicatedNodes", p.targetDedicated);
        o.put("targetLowPriorityNodes", p.targetLowPriority);
        if (!p.resizeErrors.isEmpty()) {
            o.set("resizeErrors", p.resizeErrors.deepCopy());
        }
        long dedicated = p.nodes.stream().filter(n -> n.dedicated).count();
        o.put("currentDedicatedNodes", dedicated);
        o.put("currentLowPriorityNodes", p.nodes.size() - dedicated);
        putDefault(o, "targetDedicatedNodes", 0);
        putDefault(o, "targetLowPriorityNodes", 0);
        putDefault(o, "resizeTimeout", "PT15M");
        putDefault(o, "enableAutoScale", false);
        putDefault(o, "enableInterNodeCommunication", false);
        o.put("taskSlotsPerNode", p.slotsPerNode);
        o.put("vmSize", BatchJson.text(p.spec, "vmSize").toLowerCase(java.util.Locale.ROOT));
        String fill = BatchJson.text(p.spec.path("taskSchedulingPolicy"), "nodeFillType");
        o.putObject("taskSchedulingPolicy").put("nodeFillType", WireEnums.nodeFillType(fill == null ? "spread" : fill));
        putDefault(o, "targetNodeCommunicationMode", "default");
        if (!p.identities.isEmpty()) {
            ObjectNode identity = o.putObject("identity");
            identity.put("type", "UserAssigned");
            ArrayNode ids = identity.putArray("userAssignedIdentities");
            for (String resourceId : p.identities) {
                byte[] name = resourceId.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ids.addObject().put("resourceId", resourceId)
                        .put("clientId", java.util.UUID.nameUUIDFromBytes(name).toString())
                        .put("principalId", java.util.UUID.nameUUIDFromBytes((resourceId + "#principal")
                                .toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            }
        }
        return o;
    }

    ObjectNode node(NodeRecord n) {
        ObjectNode o = BatchJson.object();
        o.put("id", n.id);
        o.put("url", url("/pools/" + n.pool.id + "/nodes/" + n.id));
        o.put("state", n.state);
        o.put("schedulingState", "enabled");
        o.put("stateTransitionTime", Times.iso(n.stateTransitionTime));
        o.put("lastBootTime", Times.iso(n.allocated));
        o.put("allocationTime", Times.iso(n.allocated));
        o.put("ipAddress", "10.0.0." + (4 + n.index));
        o.put("affinityId", "TVM:" + n.id);
        o.put("vmSize", BatchJson.text(n.pool.spec, "vmSize").toLowerCase(java.util.Locale.ROOT));
        o.put("totalTasksRun", n.totalTasksRun);
        o.put("runningTasksCount", n.running.size());
        o.put("runningTaskSlotsCount", n.runningSlots);
        o.put("totalTasksSucceeded", n.totalTasksSucceeded);
        if (!n.running.isEmpty()) {
            var recent = o.putArray("recentTasks");
            for (TaskRecord t : n.running) {
                ObjectNode r = recent.addObject();
                r.put("taskUrl", url("/jobs/" + t.job.id + "/tasks/" + t.id));
                r.put("jobId", t.job.id);
                r.put("taskId", t.id);
                r.put("taskState", t.state.wire());
                r.set("executionInfo", executionInfo(t));
            }
        }
        if (n.pool.spec.has("startTask")) {
            o.set("startTask", n.pool.spec.get("startTask"));
        }
        if (n.startTaskInfo != null) {
            o.set("startTaskInfo", n.startTaskInfo);
        }
        if (!n.errors.isEmpty()) {
            o.set("errors", n.errors);
        }
        o.put("isDedicated", n.dedicated);
        ObjectNode agent = o.putObject("nodeAgentInfo");
        agent.put("version", "1.11.0-emulated");
        agent.put("lastUpdateTime", Times.iso(n.allocated));
        return o;
    }

    ObjectNode job(JobRecord j) {
        ObjectNode o = BatchJson.object();
        copyAll(j.spec, o);
        o.put("id", j.id);
        o.put("url", url("/jobs/" + j.id));
        o.put("eTag", j.etag);
        o.put("lastModified", Times.iso(j.lastModified));
        o.put("creationTime", Times.iso(j.created));
        o.put("state", j.state);
        o.put("stateTransitionTime", Times.iso(j.stateTransitionTime));
        if (j.previousState != null) {
            o.put("previousState", j.previousState);
            o.put("previousStateTransitionTime", Times.iso(j.previousStateTransitionTime));
        }
        o.put("priority", j.priority);
        o.put("maxParallelTasks", j.maxParallelTasks);
        putDefault(o, "usesTaskDependencies", false);
        putDefault(o, "allowTaskPreemption", false);
        ObjectNode c = o.putObject("constraints");
        c.put("maxWallClockTime", text(j.constraints, "maxWallClockTime", UNLIMITED));
        c.put("maxTaskRetryCount", j.constraints != null && j.constraints.has("maxTaskRetryCount")
                ? j.constraints.get("maxTaskRetryCount").asInt() : 0);
        o.putObject("poolInfo").put("poolId", j.poolId);
        ObjectNode e = o.putObject("executionInfo");
        e.put("startTime", Times.iso(j.created));
        if (j.endTime != null) {
            e.put("endTime", Times.iso(j.endTime));
        }
        e.put("poolId", j.poolId);
        if (j.terminateReason != null) {
            e.put("terminateReason", j.terminateReason);
        }
        o.put("onAllTasksComplete", j.onAllTasksComplete);
        o.put("onTaskFailure", j.onTaskFailure);
        if (j.preparation != null) {
            o.set("jobPreparationTask", preparationSpec(j.preparation));
        }
        return o;
    }

    /** The Job Preparation task as the service returns it: as added, with the documented defaults filled in. */
    private static ObjectNode preparationSpec(ObjectNode added) {
        ObjectNode p = added.deepCopy();
        putDefault(p, "id", "jobpreparation");
        ObjectNode c = p.get("constraints") instanceof ObjectNode given ? given : p.putObject("constraints");
        putDefault(c, "maxWallClockTime", UNLIMITED);
        putDefault(c, "retentionTime", "P7D");
        putDefault(c, "maxTaskRetryCount", 0);
        putDefault(p, "waitForSuccess", true);
        putDefault(p, "rerunOnNodeRebootAfterSuccess", true);
        return p;
    }

    /** One entry of Job_ListPreparationAndReleaseTaskStatus: the job's preparation on one node. */
    ObjectNode preparation(JobRecord j, JobPrepRecord r) {
        NodeRecord n = r.node;
        ObjectNode o = BatchJson.object();
        o.put("poolId", n.pool.id);
        o.put("nodeId", n.id);
        o.put("nodeUrl", url("/pools/" + n.pool.id + "/nodes/" + n.id));
        ObjectNode e = o.putObject("jobPreparationTaskExecutionInfo");
        e.put("startTime", Times.iso(r.startTime));
        if (r.endTime != null) {
            e.put("endTime", Times.iso(r.endTime));
        }
        e.put("state", r.state);
        String root = "workitems/" + j.id + "/job-1/jobpreparation";
        e.put("taskRootDirectory", root);
        e.put("taskRootDirectoryUrl", url("/pools/" + n.pool.id + "/nodes/" + n.id + "/files/" + root));
        if (r.exitCode != null) {
            e.put("exitCode", r.exitCode);
        }
        if (r.failureInfo != null) {
            e.set("failureInfo", r.failureInfo.deepCopy());
        }
        e.put("retryCount", r.retryCount);
        if (r.lastRetryTime != null) {
            e.put("lastRetryTime", Times.iso(r.lastRetryTime));
        }
        if (r.result != null) {
            e.put("result", r.result);
        }
        return o;
    }

    /** The fields of a task that come from its state, not its spec: a {@code $select} of only these parses no spec. */
    static final java.util.Set<String> TASK_STATE_FIELDS = java.util.Set.of("id", "url", "eTag", "creationTime",
            "lastModified", "state", "stateTransitionTime", "previousState", "previousStateTransitionTime",
            "constraints", "requiredSlots", "executionInfo", "nodeInfo");

    ObjectNode task(TaskRecord t) {
        return task(t, java.util.Set.of());
    }

    /**
     * The task's wire view; with a non-empty {@code select} only the selected fields are made (the caller projects
     * the rest away), and the spec is read only when a selected field needs it.
     */
    ObjectNode task(TaskRecord t, java.util.Set<String> select) {
        java.util.function.Predicate<String> want = select.isEmpty() ? f -> true : select::contains;
        boolean withSpec = select.isEmpty() || !TASK_STATE_FIELDS.containsAll(select);
        ObjectNode o = BatchJson.object();
        o.put("id", t.id);
        if (want.test("url")) {
            o.put("url", url("/jobs/" + t.job.id + "/tasks/" + t.id));
        }
        if (want.test("eTag")) {
            o.put("eTag", t.etag);
        }
        if (want.test("creationTime")) {
            o.put("creationTime", Times.iso(t.created));
        }
        if (want.test("lastModified")) {
            o.put("lastModified", Times.iso(t.lastModified));
        }
        if (want.test("state")) {
            o.put("state", t.state.wire());
        }
        if (want.test("stateTransitionTime")) {
            o.put("stateTransitionTime", Times.iso(t.stateTransitionTime));
        }
        if (t.previousState != null && want.test("previousState")) {
            o.put("previousState", t.previousState.wire());
        }
        if (t.previousState != null && want.test("previousStateTransitionTime")) {
            o.put("previousStateTransitionTime", Times.iso(t.previousStateTransitionTime));
        }
        if (withSpec) {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.spec().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!o.has(f.getKey()) && !f.getKey().equals("constraints")) {
                    o.set(f.getKey(), f.getValue());
                }
            }
            WireEnums.outputFiles(o.get("outputFiles"));
        }
        if (withSpec && !o.has("userIdentity")) {
            ObjectNode auto = o.putObject("userIdentity").putObject("autoUser"); // as recorded in 2023
            auto.put("scope", "pool");
            auto.put("elevationLevel", "nonadmin");
        }
        if (want.test("constraints")) {
            ObjectNode c = o.putObject("constraints");
            c.put("maxWallClockTime", text(t.constraints, "maxWallClockTime", UNLIMITED));
            c.put("retentionTime", text(t.constraints, "retentionTime", "P7D"));
            c.put("maxTaskRetryCount", t.maxRetries());
        }
        if (want.test("requiredSlots")) {
            o.put("requiredSlots", t.requiredSlots);
        }
        if (want.test("executionInfo")) {
            o.set("executionInfo", executionInfo(t));
        }
        NodeRecord n = t.node != null ? t.node : t.lastNode;
        if (n != null && want.test("nodeInfo")) {
            ObjectNode ni = o.putObject("nodeInfo");
            ni.put("affinityId", "TVM:" + n.id);
            ni.put("nodeUrl", url("/pools/" + n.pool.id + "/nodes/" + n.id));
            ni.put("poolId", n.pool.id);
            ni.put("nodeId", n.id);
            String root = "workitems/" + t.job.id + "/job-1/" + t.id;
            ni.put("taskRootDirectory", root);
            ni.put("taskRootDirectoryUrl", url("/pools/" + n.pool.id + "/nodes/" + n.id + "/files/" + root));
        }
        return o;
    }

    ObjectNode executionInfo(TaskRecord t) {
        ObjectNode e = BatchJson.object();
        if (t.startTime != null) {
            e.put("startTime", Times.iso(t.startTime));
        }
        if (t.state == TaskState.COMPLETED) {
            if (t.endTime != null) {
                e.put("endTime", Times.iso(t.endTime));
            }
            if (t.exitCode != null) {
                e.put("exitCode", t.exitCode);
            }
            if (t.failureInfo != null) {
                e.set("failureInfo", t.failureInfo);
            }
            if (t.result != null) {
                e.put("result", t.result);
            }
        }
        e.put("retryCount", t.retryCount);
        if (t.lastRetryTime != null) {
            e.put("lastRetryTime", Times.iso(t.lastRetryTime));
        }
        e.put("requeueCount", t.requeueCount);
        if (t.lastRequeueTime != null) {
            e.put("lastRequeueTime", Times.iso(t.lastRequeueTime));
        }
        return e;
    }

    private static void copyAll(ObjectNode from, ObjectNode to) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!to.has(f.getKey())) {
                to.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void putDefault(ObjectNode o, String field, Object value) {
        if (!o.hasNonNull(field)) {
            o.putPOJO(field, value);
        }
    }

    private static String text(ObjectNode node, String field, String fallback) {
        String v = BatchJson.text(node, field);
        return v == null ? fallback : v;
    }

    static Instant now() {
        return Instant.now();
    }
}
