package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.BatchError;
import com.microsoft.azure.batch.protocol.models.BatchErrorDetail;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.internal.engine.Loggers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Adds a job's tasks with {@code Task_AddCollection}: chunks of at most 100 tasks and under 1 MB, a few chunks
 * in flight. Each task is written to JSON once, with a plain mapper ({@link TaskJson}), and that JSON is what goes on
 * the wire ({@link TaskCollectionSender}); chunks are written as they are sent, so only the chunks in flight hold
 * JSON. Tasks can be given by id with a builder ({@link #addAll(String, List, Function)}): each task's parameters
 * are then built as its chunk is written and dropped once the chunk is answered, so a job of any size holds only the
 * chunks in flight; a task resent (a server error, or found missing) is built again from its id. Per task: success or
 * {@code TaskExists} (a resubmission) count as present; server errors are resent with backoff; other client errors
 * are reported with the task id. A chunk the service finds too large (413) is halved; a single task too large is
 * reported. Finally every planned id is checked present.
 */
final class FanOut {
    static final int MAX_TASKS = 100;
    static final int MAX_BYTES = 1_000_000;
    private static final Logger LOG = Loggers.AZURE;

    private final BatchGateway batch;
    private final int inFlight;
    private final int maxBytes;
    private final io.github.batchtranscode.internal.engine.SessionTime time;

    FanOut(BatchGateway batch, int inFlight) {
        this(batch, inFlight, MAX_BYTES, io.github.batchtranscode.internal.engine.SessionTime.system());
    }

    /** With chunks of up to {@code maxBytes}: above the service's 1 MB only to test what a 413 does. */
    FanOut(BatchGateway batch, int inFlight, int maxBytes) {
        this(batch, inFlight, maxBytes, io.github.batchtranscode.internal.engine.SessionTime.system());
    }

    /** @param time the session's time: the pause before a round of resends is counted on it */
    FanOut(BatchGateway batch, int inFlight, io.github.batchtranscode.internal.engine.SessionTime time) {
        this(batch, inFlight, MAX_BYTES, time);
    }

    private FanOut(BatchGateway batch, int inFlight, int maxBytes,
            io.github.batchtranscode.internal.engine.SessionTime time) {
        this.batch = batch;
        this.inFlight = inFlight;
        this.maxBytes = maxBytes;
        this.time = time;
    }

    /**
     * Adds the tasks.
     *
     * @return task id to the client error that kept it out of the job (empty when all were added)
     */
    Map<String, String> addAll(String jobId, List<TaskAddParameter> tasks) {
        Map<String, TaskAddParameter> byId = new java.util.HashMap<>();
        tasks.forEach(t -> byId.put(t.id(), t));
        return addAll(jobId, tasks.stream().map(TaskAddParameter::id).toList(), byId::get);
    }

    /**
     * Adds the tasks of {@code ids}, in that order, each built by {@code build} when its chunk is written (and again
     * when it is resent); {@code build} is called on the calling thread.
     *
     * @return task id to the client error that kept it out of the job (empty when all were added)
     */
    Map<String, String> addAll(String jobId, List<String> ids, Function<String, TaskAddParameter> build) {
        Map<String, String> rejected = new ConcurrentHashMap<>();
        List<String> pending = ids;
        for (int round = 1; round <= 5 && !pending.isEmpty(); round++) {
            List<String> retry = java.util.Collections.synchronizedList(new ArrayList<>());
            sendAll(jobId, pending, build, rejected, retry);
            if (retry.isEmpty()) {
                pending = missing(jobId, ids, rejected);
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
            for (String id : pending) {
                rejected.putIfAbsent(id, "the task could not be added after 5 rounds of server errors");
            }
        }
        return Map.copyOf(rejected);
    }

    private void sendAll(String jobId, List<String> ids, Function<String, TaskAddParameter> build,
            Map<String, String> rejected, List<String> retry) {
        int chunkCount = (ids.size() + MAX_TASKS - 1) / MAX_TASKS;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(inFlight, chunkCount)),
                io.github.batchtranscode.internal.engine.Schedulers.daemon("batch-transcode-fanout"));
        Semaphore written = new Semaphore(2 * Math.max(1, inFlight)); // chunks written but not yet answered
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> futures = new ArrayList<>();
            Iterator<TaskChunk> chunks = TaskChunk.chunks(ids, build, MAX_TASKS, maxBytes);
            while (chunks.hasNext() && !failed.get()) {
                written.acquire();
                TaskChunk chunk;
                try {
                    chunk = chunks.next();
                } catch (RuntimeException e) {
                    written.release();
                    throw e;
                }
                futures.add(pool.submit(() -> {
                    try {
                        send(jobId, chunk, rejected, retry);
                    } catch (RuntimeException e) {
                        failed.set(true); // stop writing chunks: the first failure is thrown below
                        throw e;
                    } finally {
                        written.release();
                    }
                }));
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

    private void send(String jobId, TaskChunk chunk, Map<String, String> rejected, List<String> retry) {
        TaskAddCollectionResult result;
        try {
            result = batch.addTasks(jobId, chunk);
        } catch (Retrier.BatchCallException e) {
            if (e.status() == 413 && chunk.size() > 1) {
                send(jobId, chunk.firstHalf(), rejected, retry);
                send(jobId, chunk.secondHalf(), rejected, retry);
                return;
            }
            if (e.status() == 413) {
                String id = chunk.tasks().get(0).id();
                rejected.put(id, "Batch rejected task " + id + ": RequestBodyTooLarge — its JSON alone is "
                        + chunk.json().get(0).length + " bytes, over the service's limit of 1 MB per request;"
                        + " use fewer or shorter resource and output files");
                return;
            }
            throw e;
        }
        Set<String> inChunk = new HashSet<>();
        chunk.tasks().forEach(t -> inChunk.add(t.id()));
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
                if (inChunk.contains(r.taskId())) {
                    retry.add(r.taskId());
                }
            } else {
                rejected.put(r.taskId(), Redact.secrets("Batch rejected task " + r.taskId() + ": " + code
                        + reason(r.error())));
            }
        }
        for (TaskAddParameter t : chunk.tasks()) {
            if (!answered.contains(t.id())) {
                retry.add(t.id()); // no result for it: send again, TaskExists makes that safe
            }
        }
    }

    private List<String> missing(String jobId, List<String> ids, Map<String, String> rejected) {
        Set<String> present = new HashSet<>();
        for (CloudTask t : batch.tasks(jobId, null, "id")) {
            present.add(t.id());
        }
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!present.contains(id) && !rejected.containsKey(id)) {
                missing.add(id);
            }
        }
        return missing;
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
