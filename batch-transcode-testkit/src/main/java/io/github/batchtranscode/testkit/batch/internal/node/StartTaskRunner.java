package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs a pool's start task once on a node, in {@code startup/wd} with {@code startup/stdout.txt} and
 * {@code stderr.txt}, and moves the node to {@code idle} or, when it fails and {@code waitForSuccess} is set,
 * to {@code starttaskfailed}. Runs on an executor thread.
 */
public final class StartTaskRunner {
    private static final Logger LOG = TestkitLoggers.EMULATOR;

    private final EmulatorState state;
    private final EmulatorConfig config;
    private final TaskScheduler scheduler;
    private final BlobTransfer blobs;
    private final NodeSandbox sandbox;

    public StartTaskRunner(EmulatorState state, EmulatorConfig config, TaskScheduler scheduler, BlobTransfer blobs,
                    NodeSandbox sandbox) {
        this.state = state;
        this.config = config;
        this.scheduler = scheduler;
        this.blobs = blobs;
        this.sandbox = sandbox;
    }

    void run(NodeRecord node, JsonNode startTask, boolean injectFailure) {
        Instant start = Instant.now();
        Path dir = NodeEnvironment.startupDir(node);
        Path wd = dir.resolve("wd");
        NodeEnvironment.Identity identity = NodeEnvironment.identity(startTask.get("userIdentity"), node.pool);
        Map<String, String> env = NodeEnvironment.base(config, sandbox, state.baseUrl(), node);
        env.put("AZ_BATCH_TASK_DIR", dir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", wd.toString());
        env.put("AZ_BATCH_TASK_USER_IDENTITY", identity.name());
        NodeEnvironment.addSettings(env, startTask.get("environmentSettings"));
        String refusal = sandbox.refusal(identity.admin());
        Integer exit;
        String failCode = null;
        String failMessage = null;
        int retries = 0;
        try {
            Files.createDirectories(wd);
            append(dir.resolve("stdout.txt"), "");
            append(dir.resolve("stderr.txt"), "");
            if (injectFailure) {
                append(dir.resolve("stderr.txt"), "start task failed: emulated fault\n");
                exit = 1;
            } else if (config.simulate()) {
                exit = 0;
            } else if (refusal != null) {
                append(dir.resolve("stderr.txt"), refusal + "\n");
                exit = null;
                failCode = "NodeIsolationUnavailable";
                failMessage = refusal;
            } else {
                ResourceFiles.fetch(startTask.get("resourceFiles"), wd, blobs,
                        new NodeTokens(config.identities(), node.pool.id));
                int max = startTask.path("maxTaskRetryCount").asInt(0);
                while (true) {
                    Process p = ProcessLauncher.start(startTask.path("commandLine").asText(), wd, env,
                            dir.resolve("stdout.txt"), dir.resolve("stderr.txt"),
                            sandbox.wrapper(node, identity.admin(), wd));
                    node.startTaskProcess = p;
                    exit = p.waitFor();
                    node.startTaskProcess = null;
                    if (exit == 0 || (max != -1 && retries >= max)) {
                        break;
                    }
                    retries++;
                }
            }
            if (exit != null && exit != 0) {
                failCode = "FailureExitCode";
                failMessage = TaskRunner.EXIT_MESSAGE;
            }
        } catch (BlobTransfer.TransferException e) {
            exit = null;
            failCode = e.code;
            failMessage = e.getMessage();
        } catch (ProcessLauncher.LaunchException e) {
            exit = null;
            failCode = e.code;
            failMessage = e.getMessage();
        } catch (IOException e) {
            exit = null;
            failCode = "DiskFull";
            failMessage = "The startup directory could not be created";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        publish(node, startTask, start, exit, retries, failCode, failMessage);
    }

    private void publish(NodeRecord node, JsonNode startTask, Instant start, Integer exit, int retries,
                         String failCode, String failMessage) {
        Instant end = Instant.now();
        ObjectNode info = BatchJson.object();
        info.put("state", "completed");
        info.put("startTime", Times.iso(start));
        info.put("endTime", Times.iso(end));
        if (exit != null) {
            info.put("exitCode", exit);
        }
        if (failCode != null) {
            info.set("failureInfo", TaskScheduler.failure("UserError", failCode, failMessage));
        }
        info.put("retryCount", retries);
        info.put("result", failCode == null ? "success" : "failure");
        synchronized (state) {
            node.startTaskInfo = info;
            boolean wait = startTask.path("waitForSuccess").asBoolean(true);
            if (failCode != null && wait) {
                node.setState("starttaskfailed", end);
                LOG.info("start task failed on node {} of pool {}: {}", node.id, node.pool.id, failCode);
            } else if (!node.state.equals("running")) {
                node.setState("idle", end);
            }
            scheduler.dispatch(node.pool.id);
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
