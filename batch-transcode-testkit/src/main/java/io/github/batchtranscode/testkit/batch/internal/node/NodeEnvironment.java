package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolRecord;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The directory layout of a simulated node and the environment its processes see. Stateless. */
public final class NodeEnvironment {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private NodeEnvironment() {
    }

    public static Path taskDir(NodeRecord node, String jobId, String taskId) {
        return node.root.resolve("workitems").resolve(jobId).resolve("job-1").resolve(taskId);
    }

    /** {@code AZ_BATCH_JOB_PREP_DIR}: the job's Job Preparation task directory, beside its tasks' directories. */
    public static Path jobPrepDir(NodeRecord node, String jobId) {
        return node.root.resolve("workitems").resolve(jobId).resolve("job-1").resolve("jobpreparation");
    }

    /** {@code AZ_BATCH_NODE_SHARED_DIR}: read/write for every task on the node; made before its first process. */
    static Path sharedDir(NodeRecord node) {
        return node.root.resolve("shared");
    }

    static Path startupDir(NodeRecord node) {
        return node.root.resolve("startup");
    }

    /** The folders every node's root holds from boot ("Files and directories in Azure Batch"). */
    private static final java.util.List<String> ROOT_FOLDERS =
            java.util.List.of("applications", "fsmounts", "shared", "startup", "volatile", "workitems");

    /**
     * Creates the node root's standard folders, as the node agent does before anything runs: a start task may
     * write to {@code AZ_BATCH_NODE_SHARED_DIR} straight away (found by a client we did not write).
     *
     * @throws java.io.UncheckedIOException when a folder cannot be created
     */
    static void createLayout(NodeRecord node) {
        try {
            for (String folder : ROOT_FOLDERS) {
                java.nio.file.Files.createDirectories(node.root.resolve(folder));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the emulator could not lay out node " + node.id + "'s root", e);
        }
    }

    /** Who a process runs as: whether it is admin, and its {@code AZ_BATCH_TASK_USER_IDENTITY}. */
    record Identity(boolean admin, String name) {
    }

    /**
     * The identity of a start task or task from its {@code userIdentity}: an auto-user is
     * {@code PoolAdmin}/{@code PoolNonAdmin}/{@code TaskAdmin}/{@code TaskNonAdmin} (scope pool by default), a named
     * user is admin when the pool's {@code userAccounts} entry says so; omitted means the non-admin task auto-user.
     */
    static Identity identity(JsonNode userIdentity, PoolRecord pool) {
        if (userIdentity == null || userIdentity.isNull()) {
            return new Identity(false, "TaskNonAdmin");
        }
        String user = BatchJson.text(userIdentity, "username");
        if (user == null) {
            user = BatchJson.text(userIdentity, "userName");
        }
        if (user != null) {
            boolean admin = false;
            for (JsonNode a : pool.spec.path("userAccounts")) {
                if (user.equals(BatchJson.text(a, "name"))) {
                    admin = "admin".equalsIgnoreCase(BatchJson.text(a, "elevationLevel"));
                }
            }
            return new Identity(admin, user);
        }
        JsonNode auto = userIdentity.path("autoUser");
        boolean admin = "admin".equalsIgnoreCase(auto.path("elevationLevel").asText("nonadmin"));
        String scope = "task".equalsIgnoreCase(auto.path("scope").asText("pool")) ? "Task" : "Pool";
        return new Identity(admin, scope + (admin ? "Admin" : "NonAdmin"));
    }

    /**
     * The variables every process on the node gets. Sandboxed: PATH is the provisioning shims, then the tool
     * directory, then the image's standard directories; HOME is in the node. On the host: the tool directory,
     * then the host's PATH and HOME.
     */
    static Map<String, String> base(EmulatorConfig config, NodeSandbox sandbox, String accountUrl, NodeRecord node) {
        Map<String, String> env = new LinkedHashMap<>();
        String tools = config.ffmpegDir() == null ? "" : config.ffmpegDir() + File.pathSeparator;
        if (sandbox.enabled()) {
            env.put("PATH", sandbox.shimDir(node) + File.pathSeparator + tools
                    + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            env.put("HOME", NodeSandbox.home(node).toString());
        } else {
            env.put("PATH", tools + System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            env.put("HOME", System.getProperty("user.home"));
        }
        env.put("LANG", "C.UTF-8");
        env.put("AZ_BATCH_ACCOUNT_NAME", config.accountName());
        env.put("AZ_BATCH_ACCOUNT_URL", accountUrl);
        env.put("AZ_BATCH_POOL_ID", node.pool.id);
        env.put("AZ_BATCH_NODE_ID", node.id);
        env.put("AZ_BATCH_NODE_IS_DEDICATED", Boolean.toString(node.dedicated));
        env.put("AZ_BATCH_NODE_ROOT_DIR", node.root.toString());
        env.put("AZ_BATCH_NODE_SHARED_DIR", sharedDir(node).toString());
        env.put("AZ_BATCH_NODE_STARTUP_DIR", startupDir(node).toString());
        env.put("AZ_BATCH_NODE_MOUNTS_DIR", node.root.resolve("fsmounts").toString());
        return env;
    }

    /**
     * Base variables, then the task's own (with {@code AZ_BATCH_JOB_PREP_DIR} and {@code _WORKING_DIR} when the
     * job has a Job Preparation task), then the job's common settings, then the task's settings.
     */
    static Map<String, String> forTask(EmulatorConfig config, NodeSandbox sandbox, String accountUrl,
                                       NodeRecord node, String jobId, String taskId, JsonNode jobEnv,
                                       JsonNode taskEnv, Identity identity, boolean jobPrepared) {
        Map<String, String> env = base(config, sandbox, accountUrl, node);
        if (jobPrepared) { // only in jobs with a Job Preparation task, for every task but that one
            Path prep = jobPrepDir(node, jobId);
            env.put("AZ_BATCH_JOB_PREP_DIR", prep.toString());
            env.put("AZ_BATCH_JOB_PREP_WORKING_DIR", prep.resolve("wd").toString());
        }
        Path taskDir = taskDir(node, jobId, taskId);
        env.put("AZ_BATCH_JOB_ID", jobId);
        env.put("AZ_BATCH_TASK_ID", taskId);
        env.put("AZ_BATCH_TASK_DIR", taskDir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", taskDir.resolve("wd").toString());
        env.put("AZ_BATCH_CERTIFICATES_DIR", taskDir.resolve("certs").toString());
        env.put("AZ_BATCH_TASK_RESERVED_EPHEMERAL_DISK_SPACE_BYTES", "1000000000");
        env.put("AZ_BATCH_TASK_USER_IDENTITY", identity.name());
        addSettings(env, jobEnv);
        addSettings(env, taskEnv);
        return env;
    }

    static void addSettings(Map<String, String> env, JsonNode settings) {
        if (settings != null && settings.isArray()) {
            for (JsonNode s : settings) {
                String name = BatchJson.text(s, "name");
                if (name != null) {
                    String value = BatchJson.text(s, "value");
                    env.put(name, value == null ? "" : value);
                }
            }
        }
    }

    /** Expands {@code $VAR} and {@code ${VAR}} from {@code env}; unknown variables become empty. */
    static String expand(String text, Map<String, String> env) {
        Matcher m = VAR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(env.getOrDefault(name, "")));
        }
        return m.appendTail(sb).toString();
    }
}
