package io.github.batchtranscode.testkit.batch;

import io.github.batchtranscode.testkit.batch.internal.wire.FaultDraws;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Faults a {@link BatchEmulator} injects; changeable at any time, also while the emulator runs, from any thread.
 *
 * <pre>{@code
 * BatchFaults faults = BatchFaults.create().errorRate(0.2).errorStatuses(500, 503, 429);
 * try (BatchEmulator emulator = BatchEmulator.builder().faults(faults).start()) {
 *     faults.errorRate(0); // calm again
 * }
 * }</pre>
 * Error answers carry the service's error bodies: 500 {@code InternalError}, 503 {@code ServerBusy} and 429
 * {@code TooManyRequests}; 503 and 429 also carry {@code Retry-After}.
 */
public final class BatchFaults {
    private static final Set<Integer> ALLOWED = Set.of(500, 503, 429);

    private volatile double errorRate;
    private volatile List<Integer> errorStatuses = List.of(500, 503, 429);
    private volatile Set<String> errorOperations = Set.of();
    private volatile double resetRate;
    private volatile double lostResponseRate;
    private volatile Duration latency = Duration.ZERO;
    private volatile int failStartTaskNodes;
    private volatile boolean failUploads;
    private volatile boolean failJobPreparation;
    private volatile double taskAddServerErrorRate;
    private final Random random = new Random();

    static {
        FaultDraws.bind(f -> f.random);
    }

    private BatchFaults() {
    }

    /** No faults. */
    public static BatchFaults create() {
        return new BatchFaults();
    }

    /** The share of requests (0..1) answered with one of {@link #errorStatuses(int...)} instead of being served. */
    public BatchFaults errorRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("errorRate must be within 0..1: " + rate);
        }
        this.errorRate = rate;
        return this;
    }

    /** The statuses to answer with, picked at random: any of 500, 503, 429. */
    public BatchFaults errorStatuses(int... statuses) {
        Objects.requireNonNull(statuses, "statuses == null");
        if (statuses.length == 0) {
            throw new IllegalArgumentException("errorStatuses must name at least one status");
        }
        for (int s : statuses) {
            if (!ALLOWED.contains(s)) {
                throw new IllegalArgumentException("errorStatuses supports 500, 503 and 429, not " + s);
            }
        }
        this.errorStatuses = java.util.Arrays.stream(statuses).boxed().toList();
        return this;
    }

    /**
     * Limits error injection to these operations (names as in the stats, e.g. {@code Task_List}); empty = all.
     */
    public BatchFaults errorOperations(Set<String> operations) {
        this.errorOperations = Set.copyOf(Objects.requireNonNull(operations, "operations == null"));
        return this;
    }

    /** The share of requests (0..1) whose connection is reset (TCP RST) instead of answered. */
    public BatchFaults resetRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("resetRate must be within 0..1: " + rate);
        }
        this.resetRate = rate;
        return this;
    }

    /**
     * The share of requests (0..1) that are served, then have their connection reset instead of answered: the
     * change took effect but the client cannot know, as when a response is lost on the way. Confined by
     * {@link #errorOperations(Set)} like injected errors.
     */
    public BatchFaults lostResponseRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("lostResponseRate must be within 0..1: " + rate);
        }
        this.lostResponseRate = rate;
        return this;
    }

    /** Added to every request before it is served. */
    public BatchFaults latency(Duration latency) {
        Objects.requireNonNull(latency, "latency == null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** In pools created from now on, the start task of this many nodes fails (exit code 1); 0 = none. */
    public BatchFaults failStartTaskNodes(int nodes) {
        if (nodes < 0) {
            throw new IllegalArgumentException("failStartTaskNodes must be >= 0: " + nodes);
        }
        this.failStartTaskNodes = nodes;
        return this;
    }

    /** In pools created from now on, the start task of every node fails. */
    public BatchFaults failStartTaskOnAllNodes() {
        return failStartTaskNodes(Integer.MAX_VALUE);
    }

    /**
     * Whether Job Preparation tasks started from now on fail on every node as an expired SAS makes them fail:
     * their resource files cannot be downloaded ({@code BlobAccessDenied}, no exit code), so the node never runs
     * that job's tasks.
     */
    public BatchFaults failJobPreparation(boolean fail) {
        this.failJobPreparation = fail;
        return this;
    }

    /** Whether OutputFile uploads fail (the task completes with {@code FileUploadMiscError}). */
    public BatchFaults failUploads(boolean fail) {
        this.failUploads = fail;
        return this;
    }

    /**
     * The share of tasks (0..1) in a {@code Task_AddCollection} that the answer reports as {@code ServerError}
     * ({@code InternalError}) and that are not added, while the request itself succeeds with 200: what the service
     * documents for a task it could not add for its own reasons and that "can be retried without modification".
     */
    public BatchFaults taskAddServerErrorRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("taskAddServerErrorRate must be within 0..1: " + rate);
        }
        this.taskAddServerErrorRate = rate;
        return this;
    }

    /** Reseeds the random choices, for repeatable runs. */
    public BatchFaults seed(long seed) {
        synchronized (random) {
            random.setSeed(seed);
        }
        return this;
    }

    public double errorRate() {
        return errorRate;
    }

    public List<Integer> errorStatuses() {
        return errorStatuses;
    }

    public Set<String> errorOperations() {
        return errorOperations;
    }

    public double resetRate() {
        return resetRate;
    }

    public double lostResponseRate() {
        return lostResponseRate;
    }

    public Duration latency() {
        return latency;
    }

    public int failStartTaskNodes() {
        return failStartTaskNodes;
    }

    public boolean failJobPreparation() {
        return failJobPreparation;
    }

    public boolean failUploads() {
        return failUploads;
    }

    public double taskAddServerErrorRate() {
        return taskAddServerErrorRate;
    }
}
