package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.BatchServiceClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeListOptions;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobPreparationAndReleaseTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolGetOptions;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.github.batchtranscode.model.AzureOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one class that talks to the Batch service (azure-batch 11.2.0, REST api-version {@link BatchClients#API_VERSION}
 * unless {@code AzureOptions.apiVersion} says otherwise), so a move
 * to another SDK or api-version is a contained change. Every call is retried on transient errors; failures are
 * {@link io.github.batchtranscode.BackendException}s whose messages carry the service's code, never a key.
 * Never uses the SDK's {@code TaskOperations.createTasks}, which hangs over 100 tasks and can drop tasks.
 */
final class BatchGateway {
    private final BatchServiceClient protocol;
    private final TaskCollectionSender adds;
    private final Retrier retrier;
    private final String account;
    private final String apiVersion;

    BatchGateway(BatchClient client, Retrier retrier) {
        this(client, retrier, null, BatchClients.API_VERSION);
    }

    private BatchGateway(BatchClient client, Retrier retrier, String account, String apiVersion) {
        this.protocol = client.protocolLayer();
        this.adds = new TaskCollectionSender(protocol);
        this.retrier = retrier;
        this.account = account;
        this.apiVersion = apiVersion;
    }

    static BatchGateway open(AzureOptions options, Retrier retrier) {
        String endpoint = options.batchEndpoint().toString();
        okhttp3.Interceptor wire = retrier.wireCounter();
        BatchClient client = AzureSecrets.batchKey(options) != null
                ? BatchClients.sharedKey(endpoint, options.batchAccount(), AzureSecrets.batchKey(options), wire,
                        options.apiVersion())
                : BatchClients.withCredentials(endpoint, new TokenCredentials(options.batchCredential()), wire,
                        options.apiVersion());
        return new BatchGateway(client, retrier, options.batchAccount() != null ? options.batchAccount()
                : options.batchEndpoint().getHost(), options.apiVersion());
    }

    private <T> T call(String operation, java.util.concurrent.Callable<T> call) {
        try {
            return retrier.call(operation, call);
        } catch (Retrier.BatchCallException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new io.github.batchtranscode.ConfigurationException("Batch account '" + account
                        + "' rejected the request to " + operation + ": authentication failed (HTTP " + e.status()
                        + " " + e.code() + "). Check the account name, endpoint and key (copy the key again from the"
                        + " account's Keys page), or the identity's role on the account", e);
            }
            if (e.status() == 400 && "UnsupportedRequestVersion".equals(e.code())) {
                throw new io.github.batchtranscode.ConfigurationException("Batch account '" + account
                        + "' does not support REST api-version " + apiVersion + " (HTTP 400 UnsupportedRequestVersion"
                        + " on " + operation + "). Set AzureOptions.Builder.apiVersion to a version the service"
                        + " supports (the default is " + BatchClients.API_VERSION + "; Azure retires older ones)", e);
            }
            throw e;
        }
    }

    private void run(String operation, Retrier.ThrowingRunnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /** Requests retried so far, by this gateway or by the SDK's own retry handler. */
    long retries() {
        return retrier.retries();
    }

    Optional<CloudPool> pool(String poolId) {
        return call("get pool " + poolId, () -> {
            try {
                return Optional.of(protocol.pools().get(poolId, new PoolGetOptions()));
            } catch (BatchErrorException e) {
                if (status(e) == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Adds the pool; false when it already exists (another client created it first). */
    boolean addPool(PoolAddParameter pool) {
        return call("create pool " + pool.id(), () -> {
            try {
                protocol.pools().add(pool);
                return true;
            } catch (BatchErrorException e) {
                if (status(e) == 409 && "PoolExists".equals(code(e))) {
                    return false;
                }
                throw e;
            }
        });
    }

    void deletePool(String poolId) {
        run("delete pool " + poolId, () -> ignoreNotFound(() -> protocol.pools().delete(poolId)));
    }

    List<ComputeNode> nodes(String poolId) {
        return call("list nodes of pool " + poolId, () -> new ArrayList<>(protocol.computeNodes().list(poolId,
                new ComputeNodeListOptions().withSelect("id,state,startTaskInfo,errors,isDedicated"))));
    }

    /** The tail of a node's start task stderr, or empty when it cannot be read. */
    String startTaskStderr(String poolId, String nodeId) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            run("read start task stderr of node " + nodeId,
                    () -> protocol.files().getFromComputeNode(poolId, nodeId, "startup/stderr.txt", out));
            return out.toString(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Adds the job; false when a job with this id exists already. */
    boolean addJob(JobAddParameter job) {
        return call("create job " + job.id(), () -> {
            try {
                protocol.jobs().add(job);
                return true;
            } catch (BatchErrorException e) {
                if (status(e) == 409 && "JobExists".equals(code(e))) {
                    return false;
                }
                throw e;
            }
        });
    }

    Optional<CloudJob> job(String jobId) {
        return call("get job " + jobId, () -> {
            try {
                return Optional.of(protocol.jobs().get(jobId));
            } catch (BatchErrorException e) {
                if (status(e) == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    void terminateJobWhenTasksComplete(String jobId) {
        run("set job " + jobId + " to end when its tasks complete", () -> {
            try {
                protocol.jobs().patch(jobId, new JobPatchParameter().withOnAllTasksComplete(OnAllTasksComplete.TERMINATE_JOB));
            } catch (BatchErrorException e) {
                String c = code(e);
                if (!"JobCompleted".equals(c) && !"JobBeingTerminated".equals(c) && !"JobNotActive".equals(c)) {
                    throw e;
                }
            }
        });
    }

    void terminateJob(String jobId, String reason) {
        run("terminate job " + jobId, () -> {
            try {
                protocol.jobs().terminate(jobId, reason, null);
            } catch (BatchErrorException e) {
                String c = code(e);
                if (status(e) != 404 && !"JobCompleted".equals(c) && !"JobBeingTerminated".equals(c)) {
                    throw e;
                }
            }
        });
    }

    void deleteJob(String jobId) {
        run("delete job " + jobId, () -> ignoreNotFound(() -> protocol.jobs().delete(jobId)));
    }

    /**
     * One {@code Task_AddCollection} request (at most 100 tasks, under 1 MB) carrying the chunk's JSON as written,
     * over the SDK client's own HTTP stack ({@link TaskCollectionSender}). Transient whole-request failures are
     * retried here; per-task results are the caller's to handle.
     */
    TaskAddCollectionResult addTasks(String jobId, TaskChunk chunk) {
        byte[] body = chunk.body();
        return call("add " + chunk.size() + " tasks to job " + jobId, () -> adds.send(jobId, body));
    }

    TaskCountsResult taskCounts(String jobId) {
        return call("get task counts of job " + jobId, () -> protocol.jobs().getTaskCounts(jobId));
    }

    /** Lists tasks matching an OData filter, only the selected properties; all pages. */
    List<CloudTask> tasks(String jobId, String filter, String select) {
        TaskListOptions options = new TaskListOptions().withSelect(select);
        if (filter != null) {
            options.withFilter(filter);
        }
        return call("list tasks of job " + jobId, () -> new ArrayList<>(protocol.tasks().list(jobId, options)));
    }

    /** The job's Job Preparation task on each node where it ran (Job_ListPreparationAndReleaseTaskStatus). */
    List<JobPreparationAndReleaseTaskExecutionInformation> preparations(String jobId) {
        return call("list the job preparation status of job " + jobId,
                () -> new ArrayList<>(protocol.jobs().listPreparationAndReleaseTaskStatus(jobId)));
    }

    static int status(BatchErrorException e) {
        return e.response() != null ? e.response().code() : 0;
    }

    static String code(BatchErrorException e) {
        return e.body() != null ? e.body().code() : null;
    }

    private static void ignoreNotFound(Retrier.ThrowingRunnable call) throws Exception {
        try {
            call.run();
        } catch (BatchErrorException e) {
            if (status(e) != 404 && !String.valueOf(code(e)).endsWith("BeingDeleted")) {
                throw e;
            }
        }
    }
}
