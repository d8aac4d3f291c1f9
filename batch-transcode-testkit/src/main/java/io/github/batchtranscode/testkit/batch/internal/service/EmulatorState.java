package io.github.batchtranscode.testkit.batch.internal.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All pools and jobs. Its monitor is the single lock guarding every record; long work (processes, HTTP transfers)
 * happens outside it.
 */
public final class EmulatorState {
    private final Map<String, PoolRecord> pools = new LinkedHashMap<>();
    private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
    private static final ThreadLocal<String> REQUEST_BASE_URL = new ThreadLocal<>();
    private volatile String baseUrl = "http://127.0.0.1";
    /** The steps tasks went through, timed; recorded without this lock. */
    public final TaskSpans spans = new TaskSpans();

    /**
     * The base of {@code url} fields and links: the one the request being served on this thread addressed (its
     * {@code Host}), else the listening address.
     */
    public String baseUrl() {
        String forRequest = REQUEST_BASE_URL.get();
        return forRequest != null ? forRequest : baseUrl;
    }

    /** The listening address, {@code http://127.0.0.1:PORT}. */
    public String configuredBaseUrl() {
        return baseUrl;
    }

    public void baseUrl(String url) {
        this.baseUrl = url;
    }

    /** Sets (or with null clears) the base URL of the request this thread serves. */
    public void requestBaseUrl(String url) {
        if (url == null) {
            REQUEST_BASE_URL.remove();
        } else {
            REQUEST_BASE_URL.set(url);
        }
    }

    public PoolRecord pool(String id) {
        return pools.get(key(id));
    }

    public PoolRecord requirePool(String id) {
        PoolRecord p = pool(id);
        if (p == null) {
            throw BatchServiceException.poolNotFound();
        }
        return p;
    }

    public void putPool(PoolRecord p) {
        pools.put(key(p.id), p);
    }

    public void removePool(PoolRecord p) {
        pools.remove(key(p.id));
    }

    public List<PoolRecord> pools() {
        return new ArrayList<>(pools.values());
    }

    public JobRecord job(String id) {
        return jobs.get(key(id));
    }

    public JobRecord requireJob(String id) {
        JobRecord j = job(id);
        if (j == null) {
            throw BatchServiceException.jobNotFound();
        }
        return j;
    }

    public void putJob(JobRecord j) {
        jobs.put(key(j.id), j);
    }

    public void removeJob(JobRecord j) {
        jobs.remove(key(j.id));
    }

    public List<JobRecord> jobs() {
        return new ArrayList<>(jobs.values());
    }

    public TaskRecord requireTask(JobRecord job, String taskId) {
        TaskRecord t = job.task(taskId);
        if (t == null) {
            throw BatchServiceException.taskNotFound();
        }
        return t;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
