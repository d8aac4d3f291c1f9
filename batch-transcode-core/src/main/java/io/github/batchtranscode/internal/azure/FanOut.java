package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.BatchError;
import com.microsoft.azure.batch.protocol.models.BatchErrorDetail;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.joda.JodaModule;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.internal.engine.Loggers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;

/**
 * Adds a job's tasks with {@code Task_AddCollection}: chunks of at most 100 tasks and under 1 MB, a few chunks
 * in flight. Per task: success or {@code TaskExists} (a resubmission) count as present; server errors are resent
 * with backoff; other client errors are reported with the task id. Finally every planned id is checked present.
 */
final class FanOut {
    static final int MAX_TASKS = 100;
    static final int MAX_BYTES = 1_000_000;
    private static final Logger LOG = Loggers.AZURE;
    /**
     * Sizes tasks for chunking. A plain mapper with the Joda module writes a {@link TaskAddParameter} exactly as the
     * SDK's adapter does (it has no flattened properties) at a tenth of the cost: the adapter's flattening serializer
     * made sizing 10,000 tasks take about as long as sending them. Were a chunk still too large, the 413 splits it.
     */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JodaModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final BatchGateway batch;
    private final int inFlight;
    private final io.github.batchtranscode.internal.engine.SessionTime time;

    FanOut(BatchGateway batch, int inFlight) {
        this(batch, inFlight, io.github.batchtranscode.internal.engine.SessionTime.system());
    }

    /** @param time the session's time: the pause before a round of resends is counted on it */
    FanOut(BatchGateway batch, int inFlight, io.github.batchtranscode.internal.engine.SessionTime time) {
        this.batch = batch;
        this.inFlight = inFlight;
        this.time = time;
    }

    /**
     * Adds the tasks.
     *
     * @return task id to the client error that kept it out of the job (empty when all were added)
     */
    Map<String, String> addAll(String jobId, List<TaskAddParameter> tasks) {
        Map<String, String> rejected = new ConcurrentHashMap<>();
        List<TaskAddParameter> pending = tasks;
        for (int round = 1; round <= 5 && !pending.isEmpty(); round++) {
            List<TaskAddParameter> retry = java.util.Collections.synchronizedList(new ArrayList<>());
            sendAll(jobId, chunks(pending), rejected, retry);
            if (retry.isEmpty()) {
                pending = missing(jobId, tasks, rejected);
                if (!pending.isEmpty()) {
                    LOG.warn("{} task(s) of job {} were not found after adding; adding them again", pending.size(), jobId);
                }
            } else {
                LOG.warn("{} task(s) of job {} got server errors; adding them again", retry.size(), jobId);
                pending = new ArrayList<>(retry);
                sleep(Math.min(10_000, 250L << round));
            }
        }
        if (!pending.isEmpty()) {
            for (TaskAddParameter t : pending) {
                rejected.putIfAbsent(t.id(), "the task could not be added after 5 rounds of server errors");
            }
        }
        return Map.copyOf(rejected);
    }

    private void sendAll(String jobId, List<List<TaskAddParameter>> chunks, Map<String, String> rejected,
            List<TaskAddParameter> retry) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(inFlight, chunks.size())),
                io.github.batchtranscode.internal.engine.Schedulers.daemon("batch-transcode-fanout"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<TaskAddParameter> chunk : chunks) {
                futures.add(pool.submit(() -> send(jobId, chunk, rejected, retry)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new BackendException("adding tasks failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while adding tasks to job " + jobId, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void send(String jobId, List<TaskAddParameter> chunk, Map<String, String> rejected,
            List<TaskAddParameter> retry) {
        TaskAddCollectionResult result;
        try {
            result = batch.addTasks(jobId, chunk);
        } catch (Retrier.BatchCallException e) {
            if (e.status() == 413 && chunk.size() > 1) {
                int half = chunk.size() / 2;
                send(jobId, chunk.subList(0, half), rejected, retry);
                send(jobId, chunk.subList(half, chunk.size()), rejected, retry);
                return;
            }
            throw e;
        }
        Map<String, TaskAddParameter> byId = new LinkedHashMap<>();
        chunk.forEach(t -> byId.put(t.id(), t));
        Set<String> answered = new HashSet<>();
        for (TaskAddResult r : result.value() == null ? List.<TaskAddResult>of() : result.value()) {
            answered.add(r.taskId());
            if (r.status() == TaskAddStatus.SUCCESS) {
                continue;
            }
            String code = r.error() != null ? r.error().code() : null;
            if (r.status() == TaskAddStatus.CLIENT_ERROR && "TaskExists".equals(code)) {
                continue; // added by an earlier attempt: present
            }
            if (r.status() == TaskAddStatus.SERVER_ERROR) {
                retry.add(byId.get(r.taskId()));
            } else {
                rejected.put(r.taskId(), Redact.secrets("Batch rejected task " + r.taskId() + ": " + code
                        + reason(r.error())));
            }
        }
        for (TaskAddParameter t : chunk) {
            if (!answered.contains(t.id())) {
                retry.add(t); // no result for it: send again, TaskExists makes that safe
            }
        }
    }

    private List<TaskAddParameter> missing(String jobId, List<TaskAddParameter> tasks, Map<String, String> rejected) {
        Set<String> present = new HashSet<>();
        for (CloudTask t : batch.tasks(jobId, null, "id")) {
            present.add(t.id());
        }
        List<TaskAddParameter> missing = new ArrayList<>();
        for (TaskAddParameter t : tasks) {
            if (!present.contains(t.id()) && !rejected.containsKey(t.id())) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** Splits tasks into chunks of at most {@link #MAX_TASKS} tasks and {@link #MAX_BYTES} serialized bytes. */
    static List<List<TaskAddParameter>> chunks(List<TaskAddParameter> tasks) {
        List<List<TaskAddParameter>> chunks = new ArrayList<>();
        List<TaskAddParameter> current = new ArrayList<>();
        long bytes = 16;
        for (TaskAddParameter t : tasks) {
            long size = size(t) + 1;
            if (!current.isEmpty() && (current.size() >= MAX_TASKS || bytes + size >= MAX_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 16;
            }
            current.add(t);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    static long size(TaskAddParameter t) {
        try {
            return JSON.writeValueAsBytes(t).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task " + t.id() + " could not be serialized", e);
        }
    }

    /** The service's message and its details (e.g. {@code PropertyName=requiredSlots}), which say what to fix. */
    private static String reason(BatchError error) {
        StringBuilder sb = new StringBuilder();
        if (error != null && error.message() != null && error.message().value() != null) {
            sb.append(" — ").append(firstLine(error.message().value()));
        }
        if (error != null && error.values() != null && !error.values().isEmpty()) {
            java.util.StringJoiner details = new java.util.StringJoiner(", ", " (", ")");
            for (BatchErrorDetail d : error.values()) {
                details.add(d.key() + "=" + firstLine(String.valueOf(d.value())));
            }
            sb.append(details);
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void sleep(long ms) {
        try {
            time.sleep(java.time.Duration.ofMillis(ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while adding tasks", e);
        }
    }
}
