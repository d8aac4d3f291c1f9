package io.github.batchtranscode.testkit.batch;

import io.github.batchtranscode.FfmpegInstallation;
import io.github.batchtranscode.testkit.ServiceStartException;
import io.github.batchtranscode.testkit.batch.internal.EmulatorEngine;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.PoolIdentities;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import io.github.batchtranscode.testkit.internal.http.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * An Azure Batch service on loopback that the real {@code azure-batch} client can drive: pools of simulated nodes,
 * jobs, tasks run as local processes in node-like directories (sandboxed off the host, see {@link NodeIsolation}),
 * task files, SharedKey (or bearer) authentication, fault injection and request counters. A pool gets the nodes
 * and slots it asks for, up to the emulator's caps; pool allocation, node start and pool/job deletion take
 * short, configurable times ({@link Builder#realisticTimes()} for the service's minutes).
 *
 * <pre>{@code
 * try (BatchEmulator emulator = BatchEmulator.builder().account("devaccount", key).nodes(2).start()) {
 *     String endpoint = emulator.endpoint();     // http://127.0.0.1:PORT
 *     BatchClient client = AzureBatchClients.sharedKey(endpoint, "devaccount", key); // io.github.batchtranscode.azure
 *     ...
 *     emulator.stats().operation("Task_List").requests();
 * }
 * }</pre>
 * Starts and stops like the testkit's other services: builder, {@link Builder#start()}, {@link #endpoint()},
 * {@link #close()} (idempotent); a failed start throws {@link ServiceStartException}. Thread-safe.
 * {@link #close()} stops the server and kills every process it started.
 */
public final class BatchEmulator implements AutoCloseable {
    private static final Logger LOG = TestkitLoggers.EMULATOR;
    /** The default of {@link Builder#nodes(int)}: at most this many nodes per pool. */
    public static final int DEFAULT_MAX_NODES = 10;
    /** The default of {@link Builder#slotsPerNode(int)}: at most this many task slots per node. */
    public static final int DEFAULT_MAX_SLOTS = 16;

    private final EmulatorEngine engine;
    private final int port;
    private final boolean ownsWorkDir;
    private HttpServer server;
    private boolean closed;

    private BatchEmulator(EmulatorEngine engine, int port, boolean ownsWorkDir) {
        this.engine = engine;
        this.port = port;
        this.ownsWorkDir = ownsWorkDir;
    }

    /**
     * A fresh random account key (32 bytes, base64), for tests: the emulator verifies SharedKey signatures, so
     * the client must be given the same key; any valid base64 key will do.
     */
    public static String randomKey() {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        return java.util.Base64.getEncoder().encodeToString(raw);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts serving a built emulator; returns once requests are accepted.
     *
     * @return the endpoint, {@code http://127.0.0.1:PORT}
     * @throws ServiceStartException when the port cannot be bound
     * @throws IllegalStateException when already started or closed
     * @deprecated use {@link Builder#start()} and {@link #endpoint()}, as on the testkit's other services
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public String start() {
        return listen().endpoint();
    }

    private synchronized BatchEmulator listen() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.builder().port(port).handler(engine.handler()).name("batch-emulator").build().start();
        } catch (IOException e) {
            throw new ServiceStartException("the Batch emulator could not listen on port " + port, e);
        }
        engine.baseUrl(server.baseUri());
        LOG.info("Batch emulator for account {} listening on {}", engine.config().accountName(), server.baseUri());
        return this;
    }

    /** The endpoint, {@code http://127.0.0.1:PORT}. @throws IllegalStateException before {@link #start()} */
    public String endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.baseUri();
    }

    /** The account name requests must be signed for. */
    public String accountName() {
        return engine.config().accountName();
    }

    /** The fault settings; change them at any time. */
    public BatchFaults faults() {
        return engine.config().faults();
    }

    /** A snapshot of the request counters per operation. */
    public BatchEmulatorStats stats() {
        return engine.stats();
    }

    /** Zeroes the request counters. */
    public void resetStats() {
        engine.resetStats();
    }

    /**
     * The steps tasks went through on this emulator, each timed by its own clock (slot wait, task directory, each
     * ResourceFile, launch, process, each upload, completion, and when a client first saw the task completed), in
     * the order they ended; the most recent 50,000, whatever happened to their jobs since. See {@link TaskSpan}.
     */
    public List<TaskSpan> taskSpans() {
        return engine.taskSpans();
    }

    /** Forgets the recorded {@link #taskSpans()}. */
    public void clearTaskSpans() {
        engine.clearTaskSpans();
    }

    /**
     * Preempts a node as a spot eviction would: its running tasks are killed and queued again, and their
     * {@code requeueCount} rises.
     *
     * @return the ids of the requeued tasks
     * @throws IllegalArgumentException when the pool or node does not exist
     */
    public List<String> preemptNode(String poolId, String nodeId) {
        return engine.preemptNode(poolId, nodeId);
    }

    /**
     * What sandboxed nodes' start tasks and tasks asked package managers for ({@code apt-get install ffmpeg},
     * {@code apt-get update}, …), over the existing pools in order; empty with {@link NodeIsolation#HOST}.
     */
    public List<PackageRequest> packageRequests() {
        return engine.packageRequests();
    }

    /** The ids of the pool's nodes that are running a task now (empty for an unknown pool). */
    public List<String> busyNodes(String poolId) {
        return engine.busyNodes(poolId);
    }

    /** The directory holding the simulated nodes' files. */
    public Path workDir() {
        return engine.config().workDir();
    }

    /**
     * Stops the server, kills running task processes and, if the emulator made it, deletes the work directory;
     * idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close();
        }
        engine.close();
        if (ownsWorkDir) {
            deleteQuietly(engine.config().workDir());
        }
        LOG.info("Batch emulator for account {} stopped", engine.config().accountName());
    }

    private static void deleteQuietly(Path dir) {
        io.github.batchtranscode.testkit.batch.internal.service.FileTrees.delete(dir);
    }

    /** Builds a {@link BatchEmulator}; setters check their argument at once. */
    public static final class Builder {
        private String accountName = "devaccount";
        private byte[] key = Base64.getDecoder().decode(
                "ZGV2LWtleS1mb3ItdGhlLWJhdGNoLWVtdWxhdG9yLW5vdC1hLXNlY3JldA==");
        private int nodes = DEFAULT_MAX_NODES;
        private int slotsPerNode = DEFAULT_MAX_SLOTS;
        private NodeIsolation isolation = NodeIsolation.SANDBOX;
        private Duration poolAllocationTime = Duration.ofMillis(200);
        private Duration nodeStartTime = Duration.ofMillis(100);
        private Duration poolDeleteTime = Duration.ofMillis(200);
        private Duration jobDeleteTime = Duration.ofMillis(100);
        private Path workDir;
        private int port;
        private boolean verifySharedKey = true;
        private Predicate<String> bearerTokens;
        private boolean simulate;
        private Duration simulatedTaskTime = Duration.ZERO;
        private boolean simulatedUploads = true;
        private Duration requestDateTolerance = Duration.ofMinutes(15);
        private boolean statsEndpoint;
        private Path ffmpegDir;
        private boolean locateFfmpeg = true;
        private BatchFaults faults = BatchFaults.create();
        private boolean enforceApiVersionRetirement;
        private final List<java.security.cert.X509Certificate> trusted = new java.util.ArrayList<>();
        private final PoolIdentities.Builder identities = PoolIdentities.builder();

        private Builder() {
        }

        /**
         * The account name and its Base64 key that requests must be signed with.
         *
         * @throws IllegalArgumentException when the name is blank or the key is not Base64 (the key is not echoed)
         */
        public Builder account(String name, String base64Key) {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(base64Key, "base64Key == null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("account name must not be blank");
            }
            try {
                byte[] decoded = Base64.getDecoder().decode(base64Key.trim());
                if (decoded.length == 0) {
                    throw new IllegalArgumentException();
                }
                this.key = decoded;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the account key is not valid Base64 (" + base64Key.length()
                        + " characters)");
            }
            this.accountName = name;
            return this;
        }

        /**
         * At most this many nodes per pool (default {@value #DEFAULT_MAX_NODES}); a pool gets its own
         * {@code targetDedicatedNodes + targetLowPriorityNodes} up to it, and when the cap bites it still runs
         * with the capped count and reports a {@code resizeErrors} entry ({@code AccountCoreQuotaReached} or
         * {@code AccountLowPriorityCoreQuotaReached}), as the service does when a quota is reached.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder nodes(int maxNodesPerPool) {
            if (maxNodesPerPool < 1) {
                throw new IllegalArgumentException("nodes (the most nodes per pool) must be >= 1: "
                        + maxNodesPerPool + "; a pool's size comes from its own targetDedicatedNodes and"
                        + " targetLowPriorityNodes");
            }
            this.nodes = maxNodesPerPool;
            return this;
        }

        /**
         * At most this many task slots per node (default {@value #DEFAULT_MAX_SLOTS}); a pool gets its own
         * {@code taskSlotsPerNode} up to it (a capped pool reports an {@code AllocationFailed} resize error).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder slotsPerNode(int maxSlotsPerNode) {
            if (maxSlotsPerNode < 1) {
                throw new IllegalArgumentException("slotsPerNode (the most task slots per node) must be >= 1: "
                        + maxSlotsPerNode + "; a pool's slots come from its own taskSlotsPerNode");
            }
            this.slotsPerNode = maxSlotsPerNode;
            return this;
        }

        /** How node processes are kept off the host (default {@link NodeIsolation#SANDBOX}; see there). */
        public Builder nodeIsolation(NodeIsolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation == null");
            return this;
        }

        /**
         * How long a new pool is {@code resizing} before it is {@code steady} with its nodes (default 200 ms).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder poolAllocationTime(Duration time) {
            this.poolAllocationTime = nonNegative(time, "poolAllocationTime");
            return this;
        }

        /**
         * How long an allocated node is {@code starting} before its start task runs, or it is {@code idle}
         * (default 100 ms).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder nodeStartTime(Duration time) {
            this.nodeStartTime = nonNegative(time, "nodeStartTime");
            return this;
        }

        /**
         * How long a deleted pool stays {@code deleting} (adding its id meanwhile answers 409
         * {@code PoolBeingDeleted}) before it is gone (default 200 ms).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder poolDeleteTime(Duration time) {
            this.poolDeleteTime = nonNegative(time, "poolDeleteTime");
            return this;
        }

        /**
         * How long a deleted job stays {@code deleting} (adding it or its tasks meanwhile answers 409
         * {@code JobBeingDeleted}) before it is gone (default 100 ms).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder jobDeleteTime(Duration time) {
            this.jobDeleteTime = nonNegative(time, "jobDeleteTime");
            return this;
        }

        /**
         * Times like the service's: pool allocation 3 min, node start 2 min, pool deletion 4 min, job deletion
         * 30 s. For demos and for exercising a client's patience; later setters override single values.
         */
        public Builder realisticTimes() {
            this.poolAllocationTime = Duration.ofMinutes(3);
            this.nodeStartTime = Duration.ofMinutes(2);
            this.poolDeleteTime = Duration.ofMinutes(4);
            this.jobDeleteTime = Duration.ofSeconds(30);
            return this;
        }

        private static Duration nonNegative(Duration time, String name) {
            Objects.requireNonNull(time, name + " == null");
            if (time.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + time);
            }
            return time;
        }

        /** Where node directories go; default a fresh temporary directory, deleted on close. */
        public Builder workDir(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir == null");
            return this;
        }

        /** The port; default 0, a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Whether SharedKey signatures are checked (default true); off accepts any request. */
        public Builder verifySharedKey(boolean verify) {
            this.verifySharedKey = verify;
            return this;
        }

        /** Accepts {@code Authorization: Bearer} with any token. */
        public Builder acceptBearerTokens() {
            return acceptBearerTokens(token -> !token.isEmpty());
        }

        /** Accepts {@code Authorization: Bearer} when the token passes {@code expected}. */
        public Builder acceptBearerTokens(Predicate<String> expected) {
            this.bearerTokens = Objects.requireNonNull(expected, "expected == null");
            return this;
        }

        /**
         * Tasks complete at once with exit code 0 without running; outputs become small placeholder blobs (see
         * {@link #simulatedUploads(boolean)}).
         */
        public Builder simulate(boolean simulate) {
            this.simulate = simulate;
            return this;
        }

        /**
         * Whether a simulated task uploads a small placeholder blob for each of its OutputFiles (default true).
         * With false, it only records in its {@code fileuploadout.txt} which blob it would have written, and no
         * storage request is made: a simulated job of 100,000 tasks then costs Blob Storage nothing, while its
         * tasks still move through the service's states and times. For clients that do not read the outputs of
         * simulated tasks (control-plane benchmarks and scale tests).
         */
        public Builder simulatedUploads(boolean upload) {
            this.simulatedUploads = upload;
            return this;
        }

        /**
         * How long a simulated task holds its slot before it completes (default zero: at once); with nodes and
         * slots this sets a simulated job's throughput, e.g. to watch a monitor poll a job in progress.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder simulatedTaskTime(Duration time) {
            Objects.requireNonNull(time, "time == null");
            if (time.isNegative()) {
                throw new IllegalArgumentException("simulatedTaskTime must not be negative: " + time);
            }
            this.simulatedTaskTime = time;
            return this;
        }

        /**
         * How far a SharedKey request's {@code ocp-date} may be from the emulator's clock before it is refused with
         * 403 {@code AuthenticationFailed} (default 15 minutes, as the service); e.g. widen it for a client whose
         * clock is known to be off.
         *
         * @throws IllegalArgumentException when negative or zero
         */
        public Builder requestDateTolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance == null");
            if (tolerance.isNegative() || tolerance.isZero()) {
                throw new IllegalArgumentException("requestDateTolerance must be positive: " + tolerance);
            }
            this.requestDateTolerance = tolerance;
            return this;
        }

        /** Accepts SharedKey requests whatever their {@code ocp-date} (the service refuses stale ones). */
        public Builder acceptStaleRequestDates() {
            this.requestDateTolerance = null;
            return this;
        }

        /** Serves {@code GET /_emulator/stats} (JSON, no auth, loopback only); default off. */
        public Builder statsEndpoint(boolean enabled) {
            this.statsEndpoint = enabled;
            return this;
        }

        /** The directory put first on the tasks' PATH; default: where {@link FfmpegInstallation#locate()} finds ffmpeg. */
        public Builder ffmpegDirectory(Path dir) {
            this.ffmpegDir = Objects.requireNonNull(dir, "dir == null");
            return this;
        }

        /** Whether to look for ffmpeg to put on the tasks' PATH (default true). */
        public Builder locateFfmpeg(boolean locate) {
            this.locateFfmpeg = locate;
            return this;
        }

        /**
         * Whether requests with a retired api-version (before 2025-06-01, as Azure announced) are refused with the
         * service's 400 {@code UnsupportedRequestVersion} (default false: they are served, counted in
         * {@link BatchEmulatorStats#requestsByApiVersion()} and logged once per version at WARN). Versions the
         * service never had are refused either way.
         */
        public Builder enforceApiVersionRetirement(boolean enforce) {
            this.enforceApiVersionRetirement = enforce;
            return this;
        }

        /**
         * Node agents also trust {@code certificate} when they download ResourceFiles and upload OutputFiles over
         * HTTPS, as a node whose image carries it in its CA bundle would (e.g. Azurite's self-signed certificate);
         * the JDK's certificate authorities stay trusted. Nothing else is: a server with any other certificate
         * fails the transfer. May be called more than once.
         */
        public Builder trustCertificate(java.security.cert.X509Certificate certificate) {
            trusted.add(Objects.requireNonNull(certificate, "certificate == null"));
            return this;
        }

        /**
         * Pool {@code poolId}, once added, has the user-assigned managed identity {@code resourceId}, as a pool that
         * Azure Resource Manager created with it does (the Batch service API cannot give a pool an identity): pool
         * GETs show it under {@code identity}, and its nodes send {@code Authorization: Bearer} with a token from
         * {@code tokens} for ResourceFiles and OutputFiles whose {@code identityReference} names it. A reference to
         * an identity the pool does not have fails the task's download ({@code BlobDownloadMiscError}) or upload
         * ({@code FileUploadMiscError}), naming the identity and the pool. May be called more than once.
         *
         * @param tokens called on node threads, once per transfer; must be thread-safe
         * @throws IllegalArgumentException when {@code resourceId} is not a user-assigned identity's ARM resource id
         */
        public Builder poolIdentity(String poolId, String resourceId, java.util.function.Supplier<String> tokens) {
            Objects.requireNonNull(poolId, "poolId == null");
            Objects.requireNonNull(resourceId, "resourceId == null");
            Objects.requireNonNull(tokens, "tokens == null");
            if (!resourceId.startsWith("/subscriptions/") || !resourceId.contains("/userAssignedIdentities/")) {
                throw new IllegalArgumentException("resourceId must be a user-assigned identity's ARM resource id"
                        + " (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/"
                        + "userAssignedIdentities/<name>): " + resourceId);
            }
            identities.add(poolId, resourceId, tokens);
            return this;
        }

        public Builder faults(BatchFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults == null");
            return this;
        }

        /**
         * Builds the emulator and starts serving; returns once requests are accepted.
         *
         * @throws ServiceStartException when the work directory cannot be made or the port cannot be bound
         */
        public BatchEmulator start() {
            BatchEmulator emulator = create();
            try {
                return emulator.listen();
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        }

        /**
         * Builds an emulator that is not yet serving.
         *
         * @throws ServiceStartException when the temporary work directory cannot be made
         * @deprecated use {@link #start()}, as on the testkit's other services
         */
        @Deprecated(since = "0.2.0", forRemoval = true)
        public BatchEmulator build() {
            return create();
        }

        private BatchEmulator create() {
            boolean owns = workDir == null;
            Path dir;
            try {
                dir = owns ? Files.createTempDirectory("batch-emulator-") : Files.createDirectories(workDir);
            } catch (IOException e) {
                throw new ServiceStartException("the emulator's work directory could not be created: "
                        + (owns ? "a temporary directory" : workDir), e);
            }
            Path ffmpeg = ffmpegDir != null ? ffmpegDir : locateFfmpeg ? findFfmpeg() : null;
            EmulatorConfig config = new EmulatorConfig(accountName, key.clone(), nodes, slotsPerNode,
                    dir.toAbsolutePath(), verifySharedKey, bearerTokens, simulate, statsEndpoint, ffmpeg, faults,
                    simulatedTaskTime, isolation, new EmulatorConfig.Timing(poolAllocationTime, nodeStartTime,
                    poolDeleteTime, jobDeleteTime), requestDateTolerance, enforceApiVersionRetirement,
                    NodeTls.trusting(trusted), identities.build(), simulatedUploads);
            return new BatchEmulator(new EmulatorEngine(config), port, owns);
        }

        private static Path findFfmpeg() {
            try {
                return FfmpegInstallation.locate().directory();
            } catch (RuntimeException e) {
                LOG.info("no ffmpeg found for the emulator's tasks: {}", e.getMessage());
                return null;
            }
        }
    }
}
