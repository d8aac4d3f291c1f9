package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import java.util.List;

/**
 * Gives an audio run's row on Azure its one entry in {@code outputs[]}, as the local backend's rows have: the output's
 * path, format, size, duration and the blob it was written to in the output container, so a caller reads every row's
 * outputs the same way on both backends.
 */
final class AudioRowOutputs {
    private AudioRowOutputs() {
    }

    /**
     * {@code row} with its output listed.
     *
     * @param written whether the output is in its blob (a succeeded task, or a failed fetch after a succeeded task)
     */
    static FileResult with(FileResult row, PlannedFile file, String formatKey, String blob, boolean written) {
        OutputResult.Builder out = OutputResult.builder().path(file.output()).preset(formatKey).blob(written ? blob : null);
        if (row.succeeded()) {
            out.status(FileStatus.SUCCEEDED).durationSeconds(row.outputDurationSeconds()).bytes(row.outputBytes());
        } else {
            out.status(FileStatus.FAILED).error(row.error() == null || row.error().isBlank() ? "the task failed"
                    : row.error());
        }
        return row.toBuilder().outputs(List.of(out.build())).build();
    }
}
