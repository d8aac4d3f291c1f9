package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.ComputeNodeIdentityReference;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.OutputFormat;
import java.time.Duration;
import java.util.List;
import org.joda.time.Period;

/**
 * One Batch task per planned file: the constant command line, the input as its resource file (the job's script and
 * arguments come once per node with the job's Job Preparation task, {@link #preparation}), and OutputFile rules that upload the result on success, the task's stdout on completion and its
 * stderr on failure, under a per-task log prefix.
 */
final class TaskFactory {
    /** The task's stdout, relative to its working directory; uploaded whenever the task completes. */
    static final String STDOUT_PATTERN = "../stdout.txt";
    /** The task's stderr; uploaded only when the task's process failed (a non-zero exit code). */
    static final String STDERR_PATTERN = "../stderr.txt";
    /** The id of every job's preparation task. */
    static final String PREPARATION_ID = "batch-transcode-prep";
    /** The preparation task only downloads its resource files. */
    static final String PREPARATION_COMMAND_LINE = "/bin/true";
    private final JobLayout layout;
    private final OutputFormat format;
    private final String outputContainerUrl;
    private final Duration fileTimeout;
    private final int maxRetries;
    private final int requiredSlots;
    private ComputeNodeIdentityReference identity;

    TaskFactory(JobLayout layout, OutputFormat format, String outputContainerUrl, Duration fileTimeout,
            int maxRetries) {
        this(layout, format, outputContainerUrl, fileTimeout, maxRetries, 1);
    }

    TaskFactory(JobLayout layout, OutputFormat format, String outputContainerUrl, Duration fileTimeout,
            int maxRetries, int requiredSlots) {
        this.layout = layout;
        this.format = format;
        this.outputContainerUrl = outputContainerUrl;
        this.fileTimeout = fileTimeout;
        this.maxRetries = maxRetries;
        this.requiredSlots = requiredSlots;
    }

    /**
     * Tasks read and write with the pool's managed identity wherever a URL carries no SAS: their input, script and
     * arguments (through the job preparation task), their result and their logs.
     */
    TaskFactory withIdentity(String resourceId) {
        this.identity = resourceId == null ? null : new ComputeNodeIdentityReference().withResourceId(resourceId);
        return this;
    }

    /** The task of one file: its input from {@code inputUrl}, its result uploaded to {@code outputBlob}. */
    TaskAddParameter task(PlannedFile file, String inputUrl, String outputBlob) {
        return task(file, inputUrl, outputContainerUrl, outputBlob);
    }

    /**
     * The task of one file whose result goes to {@code outputBlob} in the container at {@code resultsContainerUrl}
     * (a blob destination) rather than the job's output container.
     */
    TaskAddParameter task(PlannedFile file, String inputUrl, String resultsContainerUrl, String outputBlob) {
        OutputFileBlobContainerDestination results = new OutputFileBlobContainerDestination()
                .withContainerUrl(resultsContainerUrl).withPath(outputBlob)
                .withIdentityReference(plain(resultsContainerUrl) ? identity : null);
        ResourceFile input = new ResourceFile().withHttpUrl(inputUrl).withFilePath(NodeScript.INPUT_FILE)
                .withIdentityReference(plain(inputUrl) ? identity : null);
        return task(file, List.of(input),
                List.of(new OutputFile().withFilePattern(NodeScript.outputFile(format))
                        .withDestination(new OutputFileDestination().withContainer(results))
                        .withUploadOptions(new OutputFileUploadOptions()
                                .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS))));
    }

    /**
     * A video task: the input and the task's own argument files ({@code argsUrls}, one per preset in file-name
     * order; none when the job's files hold them) as resource files, and the given result rules;
     * {@code requiredSlots} slots when above 1.
     */
    TaskAddParameter videoTask(PlannedFile file, String inputUrl, java.util.Map<String, String> argsUrls,
            List<OutputFile> results) {
        List<ResourceFile> resources = new java.util.ArrayList<>(List.of(resource(inputUrl, NodeScript.INPUT_FILE)));
        argsUrls.forEach((name, url) -> resources.add(resource(url, name)));
        for (OutputFile r : results) {
            OutputFileBlobContainerDestination c = r.destination().container();
            if (c.identityReference() == null && plain(c.containerUrl())) {
                c.withIdentityReference(identity);
            }
        }
        return task(file, resources, results).withRequiredSlots(requiredSlots > 1 ? requiredSlots : null);
    }

    private TaskAddParameter task(PlannedFile file, List<ResourceFile> resources, List<OutputFile> results) {
        List<OutputFile> outputs = new java.util.ArrayList<>(results);
        outputs.add(log(STDOUT_PATTERN, layout.stdoutBlob(file.taskId()), OutputFileUploadCondition.TASK_COMPLETION));
        outputs.add(log(STDERR_PATTERN, layout.stderrBlob(file.taskId()), OutputFileUploadCondition.TASK_FAILURE));
        return new TaskAddParameter()
                .withId(file.taskId())
                .withDisplayName(displayName(file.input()))
                .withCommandLine(NodeScript.COMMAND_LINE)
                .withResourceFiles(resources)
                .withOutputFiles(outputs)
                .withEnvironmentSettings(List.of(new EnvironmentSetting().withName("BATCH_TRANSCODE").withValue("1")))
                .withConstraints(new TaskConstraints()
                        .withMaxWallClockTime(Period.millis((int) Math.min(Integer.MAX_VALUE, fileTimeout.toMillis())))
                        .withMaxTaskRetryCount(maxRetries));
    }

    /**
     * The job's Job Preparation task: downloads the job's own files ({@code jobFiles}, file name to URL: the
     * script, the arguments or node plan) once per node into its working directory, where every task's command
     * line finds them, and does nothing else ({@code /bin/true}: no user text). The job's tasks wait on a node until
     * it succeeded there ({@code waitForSuccess}); a node where it failed never runs them.
     */
    JobPreparationTask preparation(java.util.Map<String, String> jobFiles) {
        List<ResourceFile> files = new java.util.ArrayList<>();
        jobFiles.forEach((name, url) -> files.add(resource(url, name)));
        return new JobPreparationTask().withId(PREPARATION_ID).withCommandLine(PREPARATION_COMMAND_LINE)
                .withResourceFiles(files).withWaitForSuccess(true).withRerunOnNodeRebootAfterSuccess(true);
    }

    /**
     * A log rule: stdout (the node script's verified durations) is read for every task, stderr (ffmpeg's log, the
     * failure reason) only for a failed one, so a task that succeeded uploads one log, not two.
     */
    private OutputFile log(String pattern, String blob, OutputFileUploadCondition when) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(new OutputFileBlobContainerDestination()
                        .withContainerUrl(outputContainerUrl).withPath(blob)
                        .withIdentityReference(plain(outputContainerUrl) ? identity : null)))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(when));
    }

    private ResourceFile resource(String url, String filePath) {
        return new ResourceFile().withHttpUrl(url).withFilePath(filePath)
                .withIdentityReference(plain(url) ? identity : null);
    }

    private boolean plain(String url) {
        return identity != null && !url.contains("?");
    }

    /** The input's relative path as the task's display name (the service allows 1024 characters). */
    static String displayName(String input) {
        return input.length() <= 1024 ? input : "…" + input.substring(input.length() - 1023);
    }
}
