package io.github.batchtranscode.model;

import java.time.Instant;
import java.util.List;

/**
 * The values of one {@link FileResult}, as a record: the row's state, equality and hash. {@link Draft} is the mutable
 * state of a {@link FileResult.Builder}, checked as a whole when it becomes a row.
 */
record FileRow(String input, String output, FileStatus status, Integer exitCode, String error,
        FailureCode failureCode, String serviceCode, Double inputDurationSeconds, Double outputDurationSeconds,
        Instant startTime, Instant endTime, int attempts, int requeues, String taskId, String worker, long inputBytes,
        Long outputBytes, String outputBlob, List<OutputResult> outputs) {

    FileRow {
        outputs = List.copyOf(outputs);
    }

    /** {@code failureCode} as {@code report.json} spells it: the code's name, or the service's own code for SERVICE. */
    String failureCodeJson() {
        return failureCode == null ? null : failureCode == FailureCode.SERVICE ? serviceCode : failureCode.name();
    }

    /** The row for people: what identifies it and what went wrong, not every field. */
    String describe() {
        return "FileResult[input=" + input + ", status=" + status + (failureCode == null ? ""
                : ", failureCode=" + failureCodeJson()) + ", output=" + output + ", taskId=" + taskId + ", worker="
                + worker + ", attempts=" + attempts + ", requeues=" + requeues + ", outputs=" + outputs.size()
                + (error == null ? "" : ", error=" + error) + "]";
    }

    /** A row being built; each field is checked by its builder setter, the whole by {@link #row()}. Not thread-safe. */
    static final class Draft {
        String input;
        String output;
        FileStatus status;
        Integer exitCode;
        String error;
        FailureCode failureCode;
        String serviceCode;
        Double inputDurationSeconds;
        Double outputDurationSeconds;
        Instant startTime;
        Instant endTime;
        int attempts;
        int requeues;
        String taskId;
        String worker;
        long inputBytes;
        Long outputBytes;
        String outputBlob;
        List<OutputResult> outputs = List.of();

        Draft() {
        }

        Draft(FileRow r) {
            input = r.input;
            output = r.output;
            status = r.status;
            exitCode = r.exitCode;
            error = r.error;
            failureCode = r.failureCode;
            serviceCode = r.serviceCode;
            inputDurationSeconds = r.inputDurationSeconds;
            outputDurationSeconds = r.outputDurationSeconds;
            startTime = r.startTime;
            endTime = r.endTime;
            attempts = r.attempts;
            requeues = r.requeues;
            taskId = r.taskId;
            worker = r.worker;
            inputBytes = r.inputBytes;
            outputBytes = r.outputBytes;
            outputBlob = r.outputBlob;
            outputs = r.outputs;
        }

        /**
         * The row.
         *
         * @throws IllegalStateException if input or status is missing, a SUCCEEDED row has an error or a failure
         *                               code, or a FAILED row lacks its error or its failure code
         */
        FileRow row() {
            if (input == null || status == null) {
                throw new IllegalStateException("a FileResult needs input and status (input=" + input + ")");
            }
            if (status == FileStatus.SUCCEEDED && (error != null || failureCode != null)) {
                throw new IllegalStateException("a SUCCEEDED row has no error and no failureCode: " + input);
            }
            if (status == FileStatus.FAILED && (error == null || error.isBlank() || failureCode == null)) {
                throw new IllegalStateException("a FAILED row needs an error and a failureCode: " + input);
            }
            return new FileRow(input, output, status, exitCode, error, failureCode, serviceCode, inputDurationSeconds,
                    outputDurationSeconds, startTime, endTime, attempts, requeues, taskId, worker, inputBytes,
                    outputBytes, outputBlob, outputs);
        }
    }
}
