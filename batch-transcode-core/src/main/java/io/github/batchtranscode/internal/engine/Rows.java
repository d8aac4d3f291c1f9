package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import java.time.Instant;

/** Builds report rows for planned files. */
public final class Rows {
    private Rows() {
    }

    /** The row of a file that has not started. */
    public static FileResult pending(PlannedFile f) {
        return new FileResult(f.input(), null, FileStatus.PENDING, null, null, null, null, null, null, null, 0, 0,
                f.taskId(), null, f.inputBytes(), null, null);
    }

    /** The row of a file that started. */
    public static FileResult running(FileResult row, String worker, Instant at) {
        return new FileResult(row.input(), null, FileStatus.RUNNING, null, null, null, row.inputDurationSeconds(), null,
                row.startTime() != null ? row.startTime() : at, null, row.attempts(), row.requeues(), row.taskId(),
                worker, row.inputBytes(), null, null);
    }

    /** The same failed row with another failure code and reason. */
    public static FileResult withFailure(FileResult row, String code, String error) {
        return new FileResult(row.input(), row.output(), row.status(), row.exitCode(), error, code,
                row.inputDurationSeconds(), row.outputDurationSeconds(), row.startTime(), row.endTime(), row.attempts(),
                row.requeues(), row.taskId(), row.worker(), row.inputBytes(), row.outputBytes(), row.outputBlob(),
                row.outputs());
    }

    /** A failed row for a file that never produced a result of its own. */
    public static FileResult failed(PlannedFile f, FileResult current, String code, String error, Instant at) {
        return new FileResult(f.input(), null, FileStatus.FAILED, null, error, code,
                current == null ? null : current.inputDurationSeconds(), null,
                current == null ? null : current.startTime(), at, current == null ? 0 : current.attempts(),
                current == null ? 0 : current.requeues(), f.taskId(), current == null ? null : current.worker(),
                f.inputBytes(), null, null);
    }
}
