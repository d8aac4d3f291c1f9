"""Drives a Batch endpoint with Microsoft's Python SDK (azure-batch, as Debian's python3-azure ships it), a client
this project did not write, and prints what that client saw as one JSON object on stdout: for every step either
the SDK's parsed result (the parts a user reads) or the BatchErrorException it raised (status, code, message,
values). The Java test (ForeignClientConformanceIT) asserts on that object; this script asserts nothing itself.

Usage: python3 conformance.py CONFIG.json  (CONFIG as for the JavaScript script: endpoint, account, key,
bearerToken, apiVersion, poolId, jobId, inputUrl, outputUrl, deadlineSeconds)
"""
import json
import sys
import time
import traceback

import azure.batch.models as m
from azure.batch import BatchServiceClient
from azure.batch.batch_auth import SharedKeyCredentials
from msrest.authentication import BasicTokenAuthentication

config = json.load(open(sys.argv[1]))
report = {"sdkApiVersion": None, "steps": {}}


def error_view(e):
    if isinstance(e, m.CreateTasksErrorException):
        return {"createTasksError": [{"taskId": r.task_id, "code": r.error.code if r.error else None}
                                     for r in e.failure_tasks], "errors": [str(x) for x in e.errors]}
    if isinstance(e, m.BatchErrorException):
        err = e.error
        return {
            "statusCode": e.response.status_code if e.response is not None else None,
            "code": err.code if err else None,
            "messageLang": err.message.lang if err and err.message else None,
            "messageValue": err.message.value if err and err.message else None,
            "values": [{"key": v.key, "value": v.value} for v in (err.values or [])] if err else None,
        }
    return {"thrown": "".join(traceback.format_exception(type(e), e, e.__traceback__))[-2000:]}


def step(name, fn):
    try:
        report["steps"][name] = {"ok": True, "value": fn()}
    except Exception as e:  # a failing step is recorded, not fatal
        report["steps"][name] = {"ok": False, "error": error_view(e)}


def until(what, probe, done):
    deadline = time.monotonic() + config["deadlineSeconds"]
    pause = 0.02
    last = None
    while time.monotonic() < deadline:
        last = probe()
        if done(last):
            return last
        time.sleep(pause)  # polling the service, as a user's script does
        pause = min(0.25, pause * 2)
    raise TimeoutError("timed out waiting for " + what)


def enum(v):
    return None if v is None else (v.value if hasattr(v, "value") else str(v))


def task_view(t):
    e = t.execution_info
    f = e.failure_info if e else None
    return {
        "id": t.id, "state": enum(t.state),
        "exitCode": e.exit_code if e else None, "result": enum(e.result) if e else None,
        "failureInfo": {"category": enum(f.category), "code": f.code, "message": f.message} if f else None,
        "nodeId": t.node_info.node_id if t.node_info else None,
    }


def outputs(name):
    dest = lambda path: m.OutputFileDestination(container=m.OutputFileBlobContainerDestination(
        container_url=config["outputUrl"], path=path))
    return [
        m.OutputFile(file_pattern="out.txt", destination=dest("py/results/" + name + ".txt"),
                     upload_options=m.OutputFileUploadOptions(upload_condition="tasksuccess")),
        m.OutputFile(file_pattern="../std*.txt", destination=dest("py/logs/" + name),
                     upload_options=m.OutputFileUploadOptions(upload_condition="taskcompletion")),
    ]


def main():
    client = BatchServiceClient(SharedKeyCredentials(config["account"], config["key"]), config["endpoint"])
    groups = [client.pool, client.job, client.task, client.compute_node, client.file, client.account]
    report["sdkApiVersion"] = client.pool.api_version
    step("listPoolsWithSdkVersion", lambda: [p.id for p in client.pool.list()])
    for g in groups:  # every operation group carries its own api_version
        g.api_version = config["apiVersion"]
    report["usedApiVersion"] = client.pool.api_version
    pool, job = config["poolId"], config["jobId"]

    step("poolAdd", lambda: client.pool.add(m.PoolAddParameter(
        id=pool, vm_size="standard_d2s_v3", target_dedicated_nodes=2,
        virtual_machine_configuration=m.VirtualMachineConfiguration(
            image_reference=m.ImageReference(publisher="canonical", offer="ubuntu-24_04-lts", sku="server",
                                             version="latest"),
            node_agent_sku_id="batch.node.ubuntu 24.04"),
        start_task=m.StartTask(
            command_line="/bin/sh -c 'echo node-ready > \"$AZ_BATCH_NODE_SHARED_DIR/ready.txt\"'",
            user_identity=m.UserIdentity(auto_user=m.AutoUserSpecification(scope="pool", elevation_level="admin")),
            wait_for_success=True))))
    step("nodesIdle", lambda: [{"id": n.id, "state": enum(n.state),
                                "startTaskExitCode": n.start_task_info.exit_code if n.start_task_info else None}
                               for n in until("two idle nodes", lambda: list(client.compute_node.list(pool)),
                                              lambda ns: len(ns) == 2 and all(enum(n.state) == "idle" for n in ns))])
    step("jobAdd", lambda: client.job.add(m.JobAddParameter(id=job, pool_info=m.PoolInformation(pool_id=pool))))
    step("taskAdd", lambda: client.task.add(job, m.TaskAddParameter(
        id="single", command_line="/bin/sh -c 'mkdir -p \"sub dir\" && cat in/data.txt "
                                  "\"$AZ_BATCH_NODE_SHARED_DIR/ready.txt\" | tee out.txt > \"sub dir/x.txt\"'",
        resource_files=[m.ResourceFile(http_url=config["inputUrl"], file_path="in/data.txt")],
        output_files=outputs("single"))))

    def add_collection():
        r = client.task.add_collection(job, [
            m.TaskAddParameter(id="ok", command_line="/bin/sh -c 'echo ok > out.txt'", output_files=outputs("ok")),
            m.TaskAddParameter(id="fails", command_line="/bin/sh -c 'echo failing >&2; exit 3'"),
            m.TaskAddParameter(id="single", command_line="/bin/sh -c 'echo duplicate'"),
        ])
        return [{"taskId": v.task_id, "status": enum(v.status), "errorCode": v.error.code if v.error else None}
                for v in r.value]
    step("addCollection", add_collection)

    def counts():
        c = until("3 completed tasks", lambda: client.job.get_task_counts(job),
                  lambda r: r.task_counts.completed == 3).task_counts
        return {"completed": c.completed, "succeeded": c.succeeded, "failed": c.failed, "active": c.active}
    step("allCompleted", counts)
    step("listFailedSelected", lambda: [task_view(t) for t in client.task.list(job, m.TaskListOptions(
        filter="state eq 'completed' and executionInfo/exitCode ne 0", select="id,state,executionInfo"))])
    # a '+' in a query value: this client signs the value decoded once, as the service reads it
    step("listPlusInFilter", lambda: [t.id for t in client.task.list(job, m.TaskListOptions(
        filter="id eq 'a+b' or id eq 'ok'", select="id, state"))])
    step("pagedIds", lambda: sorted(t.id for t in client.task.list(job, m.TaskListOptions(max_results=1,
                                                                                          select="id"))))
    for tid in ["single", "ok", "fails"]:
        step("get_" + tid, lambda tid=tid: task_view(client.task.get(job, tid)))
    step("getMissingTask", lambda: task_view(client.task.get(job, "no-such-task")))
    step("nestedFile", lambda: b"".join(client.file.get_from_task(job, "single", "wd/sub dir/x.txt"))
         .decode("utf-8"))
    step("nestedFileProperties", lambda: client.file.get_properties_from_task(job, "single", "wd/sub dir/x.txt",
                                                                              raw=True).headers["Content-Length"])
    bearer = BatchServiceClient(BasicTokenAuthentication({"access_token": config["bearerToken"]}),
                                config["endpoint"])
    bearer.task.api_version = config["apiVersion"]
    step("bearerTaskGet", lambda: task_view(bearer.task.get(job, "ok")))
    step("terminateCompletedTask", lambda: client.task.terminate(job, "fails"))
    step("jobTerminate", lambda: client.job.terminate(job))
    step("jobAfterTerminate", lambda: (lambda j: {"state": enum(j.state),
                                                  "terminateReason": j.execution_info.terminate_reason})(
        until("the job to complete", lambda: client.job.get(job), lambda j: enum(j.state) == "completed")))
    step("jobDelete", lambda: client.job.delete(job))
    step("poolDelete", lambda: client.pool.delete(pool))
    step("poolAfterDelete", lambda: enum(client.pool.get(pool).state))


try:
    main()
except Exception as e:  # the script's own crash, reported to the test
    report["fatal"] = "".join(traceback.format_exception(type(e), e, e.__traceback__))
print(json.dumps(report))
