package io.github.batchtranscode.internal.azure;

/**
 * Where a job's things live in storage: inputs under their relative paths in the input container, outputs under
 * theirs in the output container, the job's script and arguments under {@code _batch-transcode/<job>/} in the
 * input container, task logs under {@code _batch-transcode-logs/<job>/<task>/} in the output container.
 *
 * @param jobId           the Batch job id
 * @param inputContainer  where inputs are staged
 * @param outputContainer where tasks upload outputs and logs
 */
record JobLayout(String jobId, String inputContainer, String outputContainer) {
    String scriptBlob() {
        return "_batch-transcode/" + jobId + "/" + NodeScript.SCRIPT_FILE;
    }

    String argsBlob() {
        return "_batch-transcode/" + jobId + "/" + NodeScript.ARGS_FILE;
    }

    String logPrefix(String taskId) {
        return "_batch-transcode-logs/" + jobId + "/" + taskId;
    }

    String stdoutBlob(String taskId) {
        return logPrefix(taskId) + "/stdout.txt";
    }

    String stderrBlob(String taskId) {
        return logPrefix(taskId) + "/stderr.txt";
    }
}
