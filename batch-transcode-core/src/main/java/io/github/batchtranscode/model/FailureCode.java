package io.github.batchtranscode.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a file (a {@link FileResult} row) failed: a stable code a caller can branch on, written to {@code report.json}
 * as the constant's name (e.g. {@code "VERIFICATION"}).
 *
 * <pre>{@code
 * for (FileResult f : report.failedFiles()) {
 *     switch (f.failureCode()) {
 *         case TIMEOUT -> retryLater.add(f.input());          // raise fileTimeout, runTimeout or jobMaxRunTime
 *         case FFMPEG_EXIT, INVALID_INPUT, NO_AUDIO, NO_VIDEO, VERIFICATION -> quarantine.add(f.input());
 *         case SERVICE -> System.err.println(f.input() + ": Batch said " + f.serviceCode());
 *         default -> System.err.println(f.input() + ": " + f.failureCode() + " " + f.error());
 *     }
 * }
 * }</pre>
 *
 * <p>The Azure Batch service reports failures of its own (a resource file it could not download, an output it could
 * not upload, ...) with codes of its own, an open set that grows with the service. Those rows carry {@link #SERVICE}
 * and the service's code in {@link FileResult#serviceCode()}; {@code report.json} holds the service's code itself in
 * {@code failureCode} (e.g. {@code "BlobNotFound"}), exactly as the service spelled it.
 */
public enum FailureCode {
    /** ffmpeg exited with a non-zero code; {@link FileResult#exitCode()} has it and the error its last lines. */
    FFMPEG_EXIT,
    /** ffmpeg exited 0 but the output failed verification (duration, size, codec or dimensions off). */
    VERIFICATION,
    /** An audio output was asked for but the input has no audio stream. */
    NO_AUDIO,
    /** A video output was asked for but the input has no video stream. */
    NO_VIDEO,
    /** The input is not usable media (empty, truncated, or not media at all) as ffprobe sees it. */
    INVALID_INPUT,
    /** The file reached a time limit: the request's {@code fileTimeout}, the run's {@code runTimeout} or the job's {@code jobMaxRunTime}. */
    TIMEOUT,
    /** The run was cancelled ({@code TranscodeJob.cancel()} or {@code close()}) before the file finished. */
    CANCELLED,
    /** The backend lost track of the file: the run ended without a result for it. */
    LOST,
    /** The run failed as a whole (e.g. the pool did not start) before the file finished. */
    RUN_FAILED,
    /** The Batch service refused to add the file's task (e.g. an invalid property); the error says which. */
    TASK_REJECTED,
    /** The file's task was never submitted (an attached job whose submission stopped part-way). */
    NOT_SUBMITTED,
    /** The Batch job ended (terminated or deleted outside this run) before the file's task completed. */
    JOB_ENDED,
    /** The task completed but its result (logs or output) could not be fetched from storage. */
    RESULT_FETCH,
    /** The input could not be read: the source blob could not be downloaded. */
    DOWNLOAD,
    /** The output could not be written to its destination blob. */
    UPLOAD,
    /** A local input/output error: ffmpeg could not be started or a file could not be written. */
    IO,
    /** An unexpected error inside the library; please report it with the error text. */
    INTERNAL,
    /** The Azure Batch service's own failure code, in {@link FileResult#serviceCode()}. */
    SERVICE;

    /**
     * The code {@code report.json} spells as {@code text}: a constant's name (any case), or {@link #SERVICE} for a
     * service's code.
     */
    public static FailureCode fromJson(String text) {
        Objects.requireNonNull(text, "text == null");
        for (FailureCode c : values()) {
            if (c != SERVICE && c.name().equals(text.toUpperCase(Locale.ROOT))) {
                return c;
            }
        }
        return SERVICE;
    }
}
