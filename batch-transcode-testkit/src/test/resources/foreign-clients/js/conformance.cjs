// Drives a Batch endpoint with Microsoft's JavaScript SDK (@azure/batch), a client this project did not write, and
// prints what that client saw as one JSON object on stdout: for every step either the SDK's parsed result (or the
// parts of it a user reads) or the RestError it threw (statusCode, code, the BatchError body). The Java test
// (ForeignClientConformanceIT) asserts on that object; this script asserts nothing itself, so one surprise never
// hides the rest.
//
// Usage: node conformance.cjs CONFIG.json   (NODE_PATH must contain the folder with @azure/batch)
// CONFIG: endpoint, account, key, bearerToken, apiVersion (the one to use after the SDK's own was tried),
//         poolId, jobId, inputUrl (a read SAS URL of one blob), outputUrl (a create/write SAS URL of a container),
//         deadlineSeconds (the longest any one wait may take).
"use strict";
const fs = require("fs");
const batch = require("@azure/batch");
const msRest = require("@azure/ms-rest-js");

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const report = { sdkApiVersion: null, steps: {} };

function errorView(e) {
  if (!(e instanceof msRest.RestError)) {
    return { thrown: String(e && e.stack ? e.stack : e) };
  }
  const body = e.body || {};
  return {
    statusCode: e.statusCode === undefined ? null : e.statusCode,
    code: e.code === undefined ? null : e.code,
    bodyCode: body.code === undefined ? null : body.code,
    messageLang: body.message ? body.message.lang : null,
    messageValue: body.message ? body.message.value : null,
    values: body.values || null,
    bodyText: e.response ? e.response.bodyAsText : null,
  };
}

/** Runs one step and records its view; a failing step is recorded, not fatal. */
async function step(name, fn) {
  try {
    report.steps[name] = { ok: true, value: (await fn()) ?? null };
  } catch (e) {
    report.steps[name] = { ok: false, error: errorView(e) };
  }
  return report.steps[name];
}

/** Polls probe until done(result) holds, for at most deadlineSeconds. */
async function until(what, probe, done) {
  const deadline = Date.now() + config.deadlineSeconds * 1000;
  let last;
  let pause = 20;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) {
      return last;
    }
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(250, pause * 2);
  }
  throw new Error("timed out waiting for " + what + "; last: " + JSON.stringify(last));
}

function status(r) {
  return r._response ? r._response.status : null;
}

function taskView(t) {
  const e = t.executionInfo || {};
  return {
    id: t.id,
    state: t.state,
    exitCode: e.exitCode === undefined ? null : e.exitCode,
    result: e.result === undefined ? null : e.result,
    retryCount: e.retryCount === undefined ? null : e.retryCount,
    hasStartTime: e.startTime instanceof Date,
    hasEndTime: e.endTime instanceof Date,
    failureInfo: e.failureInfo || null,
    nodeId: t.nodeInfo ? t.nodeInfo.nodeId : null,
    keys: Object.keys(t).filter((k) => k !== "_response").sort(),
  };
}

function outputs(name) {
  const container = config.outputUrl;
  return [
    { filePattern: "out.txt",
      destination: { container: { containerUrl: container, path: "results/" + name + ".txt" } },
      uploadOptions: { uploadCondition: "tasksuccess" } },
    { filePattern: "../std*.txt",
      destination: { container: { containerUrl: container, path: "logs/" + name } },
      uploadOptions: { uploadCondition: "taskcompletion" } },
  ];
}

async function main() {
  const url = config.endpoint;
  const client = new batch.BatchServiceClient(new batch.BatchSharedKeyCredentials(config.account, config.key), url);
  report.sdkApiVersion = client.apiVersion;

  // 1. The SDK's own api-version, as it ships.
  await step("listPoolsWithSdkVersion", async () => (await client.pool.list()).map((p) => p.id));
  client.apiVersion = config.apiVersion;
  report.usedApiVersion = client.apiVersion;

  // 2. A pool with a start task; wait for idle nodes.
  await step("poolAdd", async () => status(await client.pool.add({
    id: config.poolId,
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: {
      imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
      nodeAgentSKUId: "batch.node.ubuntu 24.04",
    },
    targetDedicatedNodes: 2,
    taskSlotsPerNode: 2,
    startTask: {
      commandLine: "/bin/sh -c 'echo node-ready > \"$AZ_BATCH_NODE_SHARED_DIR/ready.txt\"'",
      userIdentity: { autoUser: { scope: "pool", elevationLevel: "admin" } },
      waitForSuccess: true,
    },
  })));
  await step("poolAddAgain", async () => status(await client.pool.add({ id: config.poolId, vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: { imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts",
      sku: "server", version: "latest" }, nodeAgentSKUId: "batch.node.ubuntu 24.04" } })));
  await step("nodesIdle", async () => {
    const nodes = await until("two idle nodes", () => client.computeNode.list(config.poolId),
      (ns) => ns.length === 2 && ns.every((n) => n.state === "idle"));
    return nodes.map((n) => ({ id: n.id, state: n.state, schedulingState: n.schedulingState,
      startTaskState: n.startTaskInfo ? n.startTaskInfo.state : null,
      startTaskExitCode: n.startTaskInfo ? n.startTaskInfo.exitCode : null }));
  });
  await step("poolGet", async () => {
    const p = await client.pool.get(config.poolId);
    return { id: p.id, state: p.state, allocationState: p.allocationState, vmSize: p.vmSize,
      currentDedicatedNodes: p.currentDedicatedNodes, taskSlotsPerNode: p.taskSlotsPerNode,
      startTaskCommandLine: p.startTask ? p.startTask.commandLine : null, eTag: p.eTag || null };
  });

  // an operation the service has and the emulator does not: a clear refusal, never "your pool does not exist"
  await step("poolResize", async () => status(await client.pool.resize(config.poolId, { targetDedicatedNodes: 1 })));
  await step("poolExists", async () => status(await client.pool.exists(config.poolId)));
  await step("poolExistsMissing", async () => status(await client.pool.exists(config.poolId + "-missing")));

  // 3. A job, one task, a collection with a failing task and a duplicate id.
  await step("jobAdd", async () => status(await client.job.add({ id: config.jobId,
    poolInfo: { poolId: config.poolId } })));
  await step("taskAdd", async () => status(await client.task.add(config.jobId, {
    id: "single",
    commandLine: "/bin/sh -c 'cat in/data.txt \"$AZ_BATCH_NODE_SHARED_DIR/ready.txt\" > out.txt'",
    resourceFiles: [{ httpUrl: config.inputUrl, filePath: "in/data.txt" }],
    outputFiles: outputs("single"),
  })));
  await step("addCollection", async () => {
    const r = await client.task.addCollection(config.jobId, [
      { id: "ok", commandLine: "/bin/sh -c 'echo ok > out.txt'", outputFiles: outputs("ok") },
      { id: "fails", commandLine: "/bin/sh -c 'echo failing >&2; exit 3'", outputFiles: outputs("fails") },
      { id: "single", commandLine: "/bin/sh -c 'echo duplicate'" },
    ]);
    return { status: status(r), value: r.value.map((v) => ({ taskId: v.taskId, status: v.status,
      errorCode: v.error ? v.error.code : null,
      errorMessage: v.error && v.error.message ? v.error.message.value : null })) };
  });

  // 4. Wait for completion, then look at the tasks as a user does.
  await step("allCompleted", async () => {
    const c = await until("3 completed tasks", () => client.job.getTaskCounts(config.jobId),
      (r) => r.taskCounts.completed === 3);
    return { taskCounts: strip(c.taskCounts), taskSlotCounts: strip(c.taskSlotCounts) };
  });
  await step("listFailedSelected", async () => (await client.task.list(config.jobId, { taskListOptions: {
    filter: "state eq 'completed' and executionInfo/exitCode ne 0", select: "id,state,executionInfo" } }))
    .map(taskView));
  await step("listAllSelected", async () => (await client.task.list(config.jobId, { taskListOptions: {
    select: "id, state" } })).map(taskView));
  await step("listIdRange", async () => (await client.task.list(config.jobId, { taskListOptions: {
    filter: "startswith(id, 'si') or id eq 'ok'", select: "id" } })).map((t) => t.id).sort());
  await step("pagedIds", async () => {
    let page = await client.task.list(config.jobId, { taskListOptions: { maxResults: 1, select: "id" } });
    const pages = [page.map((t) => t.id)];
    while (page.odatanextLink) { // the SDK's own name for odata.nextLink
      page = await client.task.listNext(page.odatanextLink);
      pages.push(page.map((t) => t.id));
    }
    return pages;
  });
  await step("jobListFiltered", async () => (await client.job.list({ jobListOptions: {
    filter: "id eq '" + config.jobId + "'", select: "id,state,poolInfo" } }))
    .map((j) => ({ id: j.id, state: j.state, poolId: j.poolInfo ? j.poolInfo.poolId : null })));
  await step("terminateCompletedTask", async () => status(await client.task.terminate(config.jobId, "ok")));
  for (const id of ["single", "ok", "fails"]) {
    await step("get_" + id, async () => taskView(await client.task.get(config.jobId, id)));
  }
  await step("getMissingTask", async () => taskView(await client.task.get(config.jobId, "no-such-task")));
  await step("filesOfFails", async () => (await client.file.listFromTask(config.jobId, "fails"))
    .map((f) => ({ name: f.name, isDirectory: f.isDirectory,
      contentLength: f.properties ? f.properties.contentLength : null })).sort((a, b) => a.name < b.name ? -1 : 1));
  await step("stderrOfFails", async () => {
    const r = await client.file.getFromTask(config.jobId, "fails", "stderr.txt");
    return await streamText(r.readableStreamBody);
  });

  // 5. Bearer (Microsoft Entra ID) credentials on the same account.
  if (config.bearerToken) {
    const bearer = new batch.BatchServiceClient(new msRest.TokenCredentials(config.bearerToken), url);
    bearer.apiVersion = config.apiVersion;
    await step("bearerTaskGet", async () => taskView(await bearer.task.get(config.jobId, "ok")));
    const wrong = new batch.BatchServiceClient(new msRest.TokenCredentials("not-the-token"), url);
    wrong.apiVersion = config.apiVersion;
    await step("bearerWrongToken", async () => taskView(await wrong.task.get(config.jobId, "ok")));
  }
  const wrongKey = new batch.BatchServiceClient(new batch.BatchSharedKeyCredentials(config.account,
    Buffer.from("not the key").toString("base64")), url);
  wrongKey.apiVersion = config.apiVersion;
  await step("wrongKey", async () => (await wrongKey.job.get(config.jobId)).id);

  // 5b. A job with a Job Preparation task: its resource file lands once per node in its directory, where the
  // job's task reads what it made; its status is listed per node.
  const prepJob = config.jobId + "-prep";
  await step("prepJobAdd", async () => status(await client.job.add({ id: prepJob, poolInfo: { poolId: config.poolId },
    jobPreparationTask: { commandLine: "/bin/sh -c 'cp common.txt copied.txt'",
      resourceFiles: [{ httpUrl: config.inputUrl, filePath: "common.txt" }] } })));
  await step("prepJobGet", async () => {
    const p = (await client.job.get(prepJob)).jobPreparationTask || {};
    return { id: p.id ?? null, waitForSuccess: p.waitForSuccess ?? null,
      rerunOnNodeRebootAfterSuccess: p.rerunOnNodeRebootAfterSuccess ?? null };
  });
  await step("prepTaskAdd", async () => status(await client.task.add(prepJob, { id: "reads-prep",
    commandLine: "/bin/sh -c 'cat \"$AZ_BATCH_JOB_PREP_WORKING_DIR/copied.txt\"'" })));
  await step("prepTaskDone", async () => taskView(await until("the prepared job's task",
    () => client.task.get(prepJob, "reads-prep"), (t) => t.state === "completed")));
  await step("prepTaskStdout", async () => streamText(
    (await client.file.getFromTask(prepJob, "reads-prep", "stdout.txt")).readableStreamBody));
  await step("prepStatus", async () => (await client.job.listPreparationAndReleaseTaskStatus(prepJob)).map((s) => {
    const p = s.jobPreparationTaskExecutionInfo || {};
    return { poolId: s.poolId ?? null, nodeId: s.nodeId ?? null, state: p.state ?? null,
      exitCode: p.exitCode ?? null, result: p.result ?? null, retryCount: p.retryCount ?? null,
      hasStartTime: p.startTime instanceof Date, hasEndTime: p.endTime instanceof Date,
      taskRootDirectory: p.taskRootDirectory ?? null };
  }));
  await step("prepStatusOfJobWithout", async () =>
    (await client.job.listPreparationAndReleaseTaskStatus(config.jobId)).length);
  await step("prepJobDelete", async () => status(await client.job.deleteMethod(prepJob)));

  // 6. Terminate and delete.
  await step("jobTerminate", async () => status(await client.job.terminate(config.jobId)));
  await step("jobAfterTerminate", async () => {
    const j = await until("the job to complete", () => client.job.get(config.jobId), (x) => x.state === "completed");
    return { state: j.state, terminateReason: j.executionInfo ? j.executionInfo.terminateReason : null,
      hasEndTime: !!(j.executionInfo && j.executionInfo.endTime instanceof Date) };
  });
  await step("taskAddToCompletedJob", async () => status(await client.task.add(config.jobId,
    { id: "late", commandLine: "/bin/true" })));
  await step("jobDelete", async () => status(await client.job.deleteMethod(config.jobId)));
  await step("jobGone", async () => {
    await until("the job to be gone", () => client.job.get(config.jobId).then((j) => j.state, (e) => e),
      (x) => x instanceof msRest.RestError);
    return (await client.job.get(config.jobId)).state;
  });
  await step("poolDelete", async () => status(await client.pool.deleteMethod(config.poolId)));
  await step("poolAfterDelete", async () => {
    const r = await client.pool.get(config.poolId).then((p) => p.state, (e) => errorView(e));
    return r;
  });
}

function strip(o) {
  const out = {};
  for (const k of Object.keys(o || {})) {
    if (k !== "_response") {
      out[k] = o[k];
    }
  }
  return out;
}

function streamText(stream) {
  return new Promise((resolve, reject) => {
    const parts = [];
    stream.on("data", (c) => parts.push(c));
    stream.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    stream.on("error", reject);
  });
}

main().then(
  () => process.stdout.write(JSON.stringify(report) + "\n"),
  (e) => {
    report.fatal = String(e && e.stack ? e.stack : e);
    process.stdout.write(JSON.stringify(report) + "\n");
  });
