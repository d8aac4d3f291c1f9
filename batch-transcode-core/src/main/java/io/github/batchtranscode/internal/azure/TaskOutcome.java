package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskFailureInformation;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.StderrTail;
import io.github.batchtranscode.model.FailureCode;import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.DateTime;

/** Turns a completed Batch task and its logs into the file's report row. */
final class TaskOutcome {
    private static final Pattern SECONDS = Pattern.compile("(?m)^BT_(INPUT|OUTPUT)_SECONDS=([0-9.]+)\\s*$");
    private static final Pattern BYTES = Pattern.compile("(?m)^BT_OUTPUT_BYTES=([0-9]+)\\s*$");

    private TaskOutcome() {
    }

    static boolean succeeded(CloudTask t) {
        TaskExecutionInformation e = t.executionInfo();
        return e != null && e.result() == TaskExecutionResult.SUCCESS;
    }

    /**
     * @param stdout the task's stdout (durations), or empty
     * @param stderr the task's stderr (failure reason), or empty
     */
    static FileResult of(CloudTask t, PlannedFile file, String stdout, String stderr) {
        return of(t, file, file.output(), stdout, stderr);
    }

    /** As {@link #of(CloudTask, PlannedFile, String, String)}, with the blob the output was uploaded to. */
    static FileResult of(CloudTask t, PlannedFile file, String outputBlob, String stdout, String stderr) {
        TaskExecutionInformation e = t.executionInfo();
        Integer exit = e != null ? e.exitCode() : null;
        Double in = seconds(stdout, "INPUT");
        Double out = seconds(stdout, "OUTPUT");
        Instant start = e != null ? instant(e.startTime()) : null;
        Instant end = e != null ? instant(e.endTime()) : null;
        int attempts = e != null ? e.retryCount() + (start != null ? 1 : 0) : 0;
        int requeues = e != null ? e.requeueCount() : 0;
        String node = t.nodeInfo() != null ? t.nodeInfo().nodeId() : null;
        if (succeeded(t)) {
            return FileResult.builder().input(file.input()).output(file.output()).status(FileStatus.SUCCEEDED)
                    .exitCode(exit).inputDurationSeconds(in).outputDurationSeconds(out).startTime(start).endTime(end)
                    .attempts(attempts).requeues(requeues).taskId(t.id()).worker(node).inputBytes(file.inputBytes())
                    .outputBytes(outputBytes(stdout)).outputBlob(outputBlob).build();
        }
        TaskFailureInformation f = e != null ? e.failureInfo() : null;
        FailureCode code = failureCode(f, exit);
        String reason = reason(f, exit, StderrTail.ofInfo(stderr));
        FileResult.Builder row = FileResult.builder().input(file.input()).status(FileStatus.FAILED).exitCode(exit)
                .error(Redact.secrets(reason)).failureCode(code).inputDurationSeconds(in).outputDurationSeconds(out)
                .startTime(start).endTime(end).attempts(attempts).requeues(requeues).taskId(t.id()).worker(node)
                .inputBytes(file.inputBytes());
        return (code == FailureCode.SERVICE ? row.serviceCode(f.code()) : row).build();
    }

    /** Our code for the task's failure; {@link FailureCode#SERVICE} when the service's own code says more. */
    static FailureCode failureCode(TaskFailureInformation f, Integer exit) {
        String service = f != null ? f.code() : null;
        if (service == null || "FailureExitCode".equalsIgnoreCase(service)) {
            if (exit != null && exit == NodeScript.EXIT_VERIFICATION) {
                return FailureCode.VERIFICATION;
            }
            if (exit != null && exit == NodeScript.EXIT_NO_AUDIO) {
                return FailureCode.NO_AUDIO;
            }
            if (exit != null && exit == NodeScript.EXIT_INVALID_INPUT) {
                return FailureCode.INVALID_INPUT;
            }
            return FailureCode.FFMPEG_EXIT;
        }
        if ("TaskEnded".equalsIgnoreCase(service)) {
            return FailureCode.TIMEOUT;
        }
        return FailureCode.SERVICE;
    }

    private static String reason(TaskFailureInformation f, Integer exit, String stderrTail) {
        if (f != null && "TaskEnded".equalsIgnoreCase(f.code())) {
            return "the file was stopped before it finished: it reached a time limit (the request's fileTimeout, or"
                    + " AzureOptions.jobMaxRunTime); raise fileTimeout for long files, or jobMaxRunTime for large runs"
                    + (stderrTail.isEmpty() ? "" : "; last output: " + stderrTail);
        }
        StringBuilder sb = new StringBuilder();
        if (exit != null && exit != 0 && exit != NodeScript.EXIT_VERIFICATION && exit != NodeScript.EXIT_NO_AUDIO
                && exit != NodeScript.EXIT_INVALID_INPUT) {
            sb.append("ffmpeg exited with code ").append(exit);
        }
        if (!stderrTail.isEmpty()) {
            String tail = stderrTail.replaceAll("\\s*\\|\\s*ffmpeg exited with code \\d+$", "");
            sb.append(sb.length() > 0 ? ": " : "").append(tail);
        }
        if (sb.length() == 0 && f != null) {
            sb.append(f.code()).append(f.message() != null ? ": " + f.message() : "");
        } else if (f != null && f.code() != null && !"FailureExitCode".equalsIgnoreCase(f.code())) {
            sb.append(" (").append(f.code()).append(f.message() != null ? ": " + f.message() : "").append(')');
        }
        return sb.length() > 0 ? sb.toString() : "the task failed without a reason from the service";
    }

    static Double seconds(String stdout, String which) {
        Matcher m = SECONDS.matcher(stdout == null ? "" : stdout);
        Double value = null;
        while (m.find()) {
            if (m.group(1).equals(which)) {
                try {
                    value = Double.parseDouble(m.group(2));
                } catch (NumberFormatException ignored) {
                    value = null;
                }
            }
        }
        return value;
    }

    private static Long outputBytes(String stdout) {
        Matcher m = BYTES.matcher(stdout == null ? "" : stdout);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    static Instant instant(DateTime t) {
        return t == null ? null : Instant.ofEpochMilli(t.getMillis());
    }
}
