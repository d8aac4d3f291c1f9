package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The Job Preparation task of one job on one node: whether it runs or completed, and how. Created when the first
 * task of the job is scheduled to the node, kept after the node leaves the pool (the status list includes such
 * nodes). Mutable; every access holds the {@link EmulatorState} lock.
 */
public final class JobPrepRecord {
    public final NodeRecord node;
    public String state = "running";
    public Instant startTime;
    public Instant endTime;
    public Integer exitCode;
    public ObjectNode failureInfo;
    public int retryCount;
    public Instant lastRetryTime;
    /** {@code success} or {@code failure} once completed, else null. */
    public String result;
    /** The preparation process while it runs, to kill on job delete or emulator close. */
    public volatile Process process;

    public JobPrepRecord(NodeRecord node, Instant startTime) {
        this.node = node;
        this.startTime = startTime;
    }

    public boolean succeeded() {
        return "success".equals(result);
    }

    public boolean failed() {
        return "failure".equals(result);
    }
}
