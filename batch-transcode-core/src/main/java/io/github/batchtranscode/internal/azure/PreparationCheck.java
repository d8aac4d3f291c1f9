package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.JobPreparationAndReleaseTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPreparationTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a job's preparation failed on every node that could run its tasks. The service then keeps the job's
 * tasks active for ever (a node whose Job Preparation task failed never runs that job's tasks, and stays usable
 * for other jobs): without this check the run would wait out its timeout. Stateless.
 */
final class PreparationCheck {
    private PreparationCheck() {
    }

    /**
     * Why no node of the pool can run the job's tasks, or null while some usable node has not failed its
     * preparation, some node is still starting (it may succeed where the others failed), or the pool has no usable
     * node at all (the pool's health check speaks for that).
     */
    static String noNodeCanRun(BatchGateway batch, String jobId, String poolId) {
        Map<String, JobPreparationTaskExecutionInformation> failed = new LinkedHashMap<>();
        for (JobPreparationAndReleaseTaskExecutionInformation s : batch.preparations(jobId)) {
            JobPreparationTaskExecutionInformation p = s.jobPreparationTaskExecutionInfo();
            if (p != null && p.result() == TaskExecutionResult.FAILURE) {
                failed.put(s.nodeId(), p);
            }
        }
        if (failed.isEmpty()) {
            return null;
        }
        List<ComputeNode> nodes = batch.nodes(poolId);
        List<ComputeNode> usable = nodes.stream().filter(PoolManager::usable).toList();
        if (usable.isEmpty() || !usable.stream().allMatch(n -> failed.containsKey(n.id()))
                || nodes.stream().anyMatch(PreparationCheck::coming)) {
            return null;
        }
        Map.Entry<String, JobPreparationTaskExecutionInformation> first = failed.entrySet().iterator().next();
        return "the job preparation task, which downloads the job's node script and arguments to each node once,"
                + " failed on all " + usable.size() + " usable node(s) of pool " + poolId + " (node " + first.getKey()
                + ": " + describe(first.getValue()) + "), so no task of job " + jobId + " can run. Check that the"
                + " job's files under _batch-transcode/" + jobId + "/ in the input container exist and that their"
                + " SAS (or the pool's node identity) can still read them, then run the request again";
    }

    /** A node on its way to taking tasks: it may still prepare the job where the others failed. */
    private static boolean coming(ComputeNode n) {
        return COMING.contains(String.valueOf(n.state()).toLowerCase(java.util.Locale.ROOT));
    }

    private static final java.util.Set<String> COMING = java.util.Set.of("creating", "starting",
            "waitingforstarttask", "rebooting", "reimaging", "upgradingos");

    private static String describe(JobPreparationTaskExecutionInformation p) {
        if (p.failureInfo() == null) {
            return "exit code " + p.exitCode();
        }
        String message = p.failureInfo().message();
        return p.failureInfo().code() + (message == null ? "" : ": " + Redact.secrets(message));
    }
}
