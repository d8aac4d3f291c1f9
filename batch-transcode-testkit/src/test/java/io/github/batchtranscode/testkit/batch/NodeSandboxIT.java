package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.AutoUserScope;
import com.microsoft.azure.batch.protocol.models.AutoUserSpecification;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.ElevationLevel;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import com.microsoft.azure.batch.protocol.models.UserIdentity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nodes never change the host: a start task that installs ffmpeg, copies into {@code /usr/local/bin} and writes
 * to {@code /etc} and the host's home leaves all of them unchanged — run as root in CI — while its package
 * request is recorded; identities show as {@code id -u} 0 (admin) and 1000 (non-admin) inside the node.
 */
class NodeSandboxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String POOL = "sandboxed";
    private static final String TOKEN = "bt-sandbox-" + UUID.randomUUID();
    private static final Path HOST_BIN = Path.of("/usr/local/bin", TOKEN);
    private static final Path HOST_ETC = Path.of("/etc", TOKEN);
    private static final Path HOST_HOME = Path.of(System.getProperty("user.home"), TOKEN);
    private static final Path HOST_TMP = Path.of("/tmp", TOKEN);
    private static final boolean HOST_HAD_FFMPEG = Files.exists(Path.of("/usr/bin/ffmpeg"));

    private static BatchEmulator emulator;
    private static BatchClient client;

    @BeforeAll
    static void start() throws Exception {
        requireNamespaces();
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).start();
        client = TestAccounts.client(emulator.endpoint());
        String script = "apt-get -o DPkg::Lock::Timeout=1 update -qq && apt-get install -y -qq ffmpeg"
                + " && sudo apt-get install -y coreutils && ffmpeg -hide_banner -version | head -n 1"
                + " && { cp /bin/true " + HOST_BIN + "; echo x > " + HOST_ETC + "; echo x > " + HOST_HOME
                + "; echo x > " + HOST_TMP + "; echo x > \"$HOME/" + TOKEN + "\"; id -u;"
                + " printenv AZ_BATCH_TASK_DIR AZ_BATCH_TASK_WORKING_DIR AZ_BATCH_TASK_USER_IDENTITY; true; }";
        client.poolOperations().createPool(TestAccounts.pool(POOL).withStartTask(new StartTask()
                .withCommandLine("/bin/sh -c '" + script + "'").withWaitForSuccess(true)
                .withUserIdentity(new UserIdentity().withAutoUser(new AutoUserSpecification()
                        .withScope(AutoUserScope.POOL).withElevationLevel(ElevationLevel.ADMIN)))));
    }

    /** Namespaces are this feature's whole point: in CI their absence is a failure, elsewhere a skip. */
    private static void requireNamespaces() throws Exception {
        Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor() == 0;
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("user namespaces are not available in CI: unshare --user --mount failed");
        }
        Assumptions.assumeTrue(ok, "user namespaces are not available on this machine");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static List<ComputeNode> idleNodes() throws Exception {
        return Poll.until(WAIT, () -> client.computeNodeOperations().listComputeNodes(POOL),
                nodes -> nodes.size() == 2 && nodes.stream().allMatch(n -> n.state() == ComputeNodeState.IDLE
                        || n.state() == ComputeNodeState.START_TASK_FAILED), "two nodes past their start task");
    }

    private static String nodeFile(String nodeId, String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromComputeNode(POOL, nodeId, path, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startTasksInstallingAndWritingOutsideTheNodeLeaveTheHostUnchanged() throws Exception {
        List<ComputeNode> nodes = idleNodes();

        for (ComputeNode n : nodes) {
            assertThat(n.state()).as("both nodes' apt-get succeeded; they share no dpkg lock. Node %s stderr: %s",
                    n.id(), nodeFile(n.id(), "startup/stderr.txt")).isEqualTo(ComputeNodeState.IDLE);
        }
        assertThat(HOST_BIN).doesNotExist();
        assertThat(HOST_ETC).doesNotExist();
        assertThat(HOST_HOME).doesNotExist();
        assertThat(HOST_TMP).doesNotExist();
        for (ComputeNode n : nodes) {
            String err = nodeFile(n.id(), "startup/stderr.txt");
            assertThat(err).contains("Read-only file system");
            String out = nodeFile(n.id(), "startup/stdout.txt");
            assertThat(out).as("ffmpeg from the emulator's tool directory; admin is uid 0 in the node")
                    .contains("ffmpeg version").containsPattern("(?m)^0$").contains("PoolAdmin")
                    .contains(n.id() + "/startup\n").contains(n.id() + "/startup/wd\n");
            assertThat(emulator.workDir().resolve("nodes").resolve(n.id()).resolve("home").resolve(TOKEN))
                    .as("HOME is the node's own").exists();
        }
    }

    @Test
    void packageRequestsAreRecordedPerNode() throws Exception {
        List<ComputeNode> nodes = idleNodes();

        List<PackageRequest> requests = emulator.packageRequests();
        for (ComputeNode n : nodes) {
            assertThat(requests).filteredOn(r -> r.nodeId().equals(n.id()))
                    .extracting(PackageRequest::tool, PackageRequest::command, PackageRequest::packageName)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("apt-get", "update", ""),
                            org.assertj.core.groups.Tuple.tuple("apt-get", "install", "ffmpeg"),
                            org.assertj.core.groups.Tuple.tuple("apt-get", "install", "coreutils"));
        }
        assertThat(requests).allSatisfy(r -> assertThat(r.poolId()).isEqualTo(POOL));
        assertThat(emulator.stats().packageRequests("ffmpeg")).isEqualTo(2);
    }

    @Test
    void nonAdminTasksRunAsAnUnprivilegedUserAndAdminOnesAsRoot() throws Exception {
        idleNodes();
        String job = "identity";
        client.jobOperations().createJob(job, new PoolInformation().withPoolId(POOL));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("plain")
                .withCommandLine("/bin/sh -c 'id -u; printenv AZ_BATCH_TASK_USER_IDENTITY; touch /usr/x || true'"));
        client.taskOperations().createTask(job, new TaskAddParameter().withId("admin")
                .withCommandLine("/bin/sh -c 'id -u; printenv AZ_BATCH_TASK_USER_IDENTITY'")
                .withUserIdentity(new UserIdentity().withAutoUser(new AutoUserSpecification()
                        .withScope(AutoUserScope.TASK).withElevationLevel(ElevationLevel.ADMIN))));
        for (String id : List.of("plain", "admin")) {
            CloudTask t = Poll.until(WAIT, () -> client.taskOperations().getTask(job, id),
                    task -> task.state() == TaskState.COMPLETED, "task " + id + " completed");
            assertThat(t.executionInfo().exitCode()).isZero();
        }

        assertThat(taskFile(job, "plain", "stdout.txt")).isEqualTo("1000\nTaskNonAdmin\n");
        assertThat(taskFile(job, "plain", "stderr.txt")).contains("Read-only file system");
        assertThat(taskFile(job, "admin", "stdout.txt")).isEqualTo("0\nTaskAdmin\n");
        assertThat(Path.of("/usr/x")).doesNotExist();
    }

    /**
     * Tasks enter the node's one sandbox (made once, not per launch) and cannot leave it through their working
     * directory: an admin task that climbs out of it with relative paths still finds the host read-only.
     */
    @Test
    void tasksShareTheNodesSandboxAndRelativePathsDoNotLeaveIt() throws Exception {
        idleNodes();
        String job = "climb";
        Path escaped = Path.of("/usr/local/bin", TOKEN + "-climb");
        client.jobOperations().createJob(job, new PoolInformation().withPoolId(POOL));
        UserIdentity admin = new UserIdentity().withAutoUser(new AutoUserSpecification()
                .withScope(AutoUserScope.TASK).withElevationLevel(ElevationLevel.ADMIN));
        for (int i = 0; i < 4; i++) {
            client.taskOperations().createTask(job, new TaskAddParameter().withId("climb" + i).withUserIdentity(admin)
                    .withCommandLine("/bin/sh -c 'readlink /proc/self/ns/mnt; cd ../../../../../../../../../../..;"
                            + " pwd; echo x > ./" + escaped.toString().substring(1) + " || true'"));
        }
        java.util.Map<String, java.util.Set<String>> namespacesByNode = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            String id = "climb" + i;
            CloudTask t = Poll.until(WAIT, () -> client.taskOperations().getTask(job, id),
                    task -> task.state() == TaskState.COMPLETED, "task " + id + " completed");
            assertThat(t.executionInfo().exitCode()).isZero();
            String[] out = taskFile(job, id, "stdout.txt").split("\n");
            assertThat(out[1]).as("the climb ends at the node's root").isEqualTo("/");
            assertThat(taskFile(job, id, "stderr.txt")).contains("Read-only file system");
            namespacesByNode.computeIfAbsent(t.nodeInfo().nodeId(), k -> new java.util.HashSet<>()).add(out[0]);
        }
        assertThat(escaped).doesNotExist();
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        assertThat(namespacesByNode.values()).allSatisfy(ns -> assertThat(ns).as("one sandbox per node")
                .hasSize(1).doesNotContain(host));
    }

    private static String taskFile(String job, String task, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(job, task, name, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDebianFfmpegIsNeverInstalledOnTheHost() throws Exception {
        idleNodes();
        assertThat(Files.exists(Path.of("/usr/bin/ffmpeg"))).as("/usr/bin/ffmpeg exists as it did before the run")
                .isEqualTo(HOST_HAD_FFMPEG);
        assertThat(Files.exists(Path.of("/var/lib/dpkg/info/ffmpeg.list"))).isEqualTo(HOST_HAD_FFMPEG);
    }
}
