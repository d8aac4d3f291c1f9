package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import java.time.Instant;

/** Builds report rows for planned files. */
public final class Rows {
    private Rows() {
    }

    /** The row of a file that has not started. */
    public static FileResult pending(PlannedFile f) {
        return FileResult.builder().input(f.input()).status(FileStatus.PENDING).taskId(f.taskId())
                .inputBytes(f.inputBytes()).build();
    }

    /** The row of a file that started. */
    public static FileResult running(FileResult row, String worker, Instant at) {
        return FileResult.builder().input(row.input()).status(FileStatus.RUNNING)
                .inputDurationSeconds(row.inputDurationSeconds())
                .startTime(row.startTime() != null ? row.startTime() : at).attempts(row.attempts())
                .requeues(row.requeues()).taskId(row.taskId()).worker(worker).inputBytes(row.inputBytes()).build();
    }

    /** The same failed row with another failure code and reason. */
    public static FileResult withFailure(FileResult row, FailureCode code, String error) {
        return row.toBuilder().failureCode(code).error(error).build();
    }

    /** A failed row for a file that never produced a result of its own. */
    public static FileResult failed(PlannedFile f, FileResult current, FailureCode code, String error, Instant at) {
        FileResult.Builder b = FileResult.builder().input(f.input()).status(FileStatus.FAILED).error(error)
                .failureCode(code).endTime(at).taskId(f.taskId()).inputBytes(f.inputBytes());
        if (current != null) {
            b.inputDurationSeconds(current.inputDurationSeconds()).startTime(current.startTime())
                    .attempts(current.attempts()).requeues(current.requeues()).worker(current.worker());
        }
        return b.build();
    }
}
