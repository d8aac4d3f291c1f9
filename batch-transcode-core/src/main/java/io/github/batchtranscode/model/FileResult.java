package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One input file's row in a {@link TranscodeReport}.
 *
 * <pre>{@code
 * for (FileResult f : report.files()) {
 *     System.out.println(f.input() + " " + f.status() + " on " + f.worker() + " in " + f.elapsedSeconds() + " s");
 * }
 * }</pre>
 *
 * @param input                 path relative to the input directory, {@code /}-separated
 * @param output                path of the output relative to the output directory ({@code /}-separated), or
 *                              {@code null} when no output was produced
 * @param status                where the file stands
 * @param exitCode              ffmpeg's exit code, or {@code null} if it never ran or was killed
 * @param error                 why the file failed ({@code null} on success): the reason and the last meaningful
 *                              lines ffmpeg wrote to stderr
 * @param failureCode           a stable code for the failure kind ({@code null} on success), e.g.
 *                              {@code FFMPEG_EXIT}, {@code VERIFICATION}, {@code TIMEOUT}, {@code CANCELLED},
 *                              or the Batch service's code such as {@code BlobNotFound}
 * @param inputDurationSeconds  the input's audio duration as probed, or {@code null} if it has none
 * @param outputDurationSeconds the output's duration as probed, or {@code null}
 * @param startTime             when work on the file started, or {@code null}
 * @param endTime               when it finished, or {@code null}
 * @param attempts              how many times ffmpeg was started for the file (retries included)
 * @param requeues              how many times the file's task was requeued after losing its node (Azure)
 * @param taskId                the deterministic task id derived from the input path and output format
 * @param worker                the worker or compute node that ran the file, or {@code null}
 * @param inputBytes            the input's size
 * @param outputBytes           the output's size, or {@code null}
 * @param outputBlob            the output's blob name in the output container (Azure), or {@code null}
 * @param outputs               every output of this input (renditions, HLS, thumbnail, audio), in request order;
 *                              the row is SUCCEEDED only if each is. {@code output}, {@code outputDurationSeconds}
 *                              describe the first; {@code outputBytes} is the sum over all outputs
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"input", "output", "status", "exitCode", "error", "failureCode", "inputDurationSeconds",
    "outputDurationSeconds", "startTime", "endTime", "attempts", "requeues", "taskId", "worker", "inputBytes",
    "outputBytes", "outputBlob", "outputs"})
public record FileResult(
        String input,
        String output,
        FileStatus status,
        Integer exitCode,
        String error,
        String failureCode,
        Double inputDurationSeconds,
        Double outputDurationSeconds,
        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant startTime,
        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant endTime,
        int attempts,
        int requeues,
        String taskId,
        String worker,
        long inputBytes,
        Long outputBytes,
        String outputBlob,
        List<OutputResult> outputs) {

    public FileResult {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(status, "status == null");
        if (status == FileStatus.SUCCEEDED && error != null) {
            throw new IllegalArgumentException("a SUCCEEDED row has no error: " + input);
        }
        if (status == FileStatus.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a FAILED row needs an error: " + input);
        }
        if (attempts < 0 || requeues < 0) {
            throw new IllegalArgumentException("attempts and requeues must be >= 0: " + input);
        }
    }

    /** A row without per-output detail (pending, running, or a failure before any output). */
    public FileResult(String input, String output, FileStatus status, Integer exitCode, String error,
            String failureCode, Double inputDurationSeconds, Double outputDurationSeconds, Instant startTime,
            Instant endTime, int attempts, int requeues, String taskId, String worker, long inputBytes,
            Long outputBytes, String outputBlob) {
        this(input, output, status, exitCode, error, failureCode, inputDurationSeconds, outputDurationSeconds,
                startTime, endTime, attempts, requeues, taskId, worker, inputBytes, outputBytes, outputBlob, List.of());
    }

    /** Whether the file succeeded. */
    public boolean succeeded() {
        return status == FileStatus.SUCCEEDED;
    }

    /** The seconds between start and end, or {@code null} while either is unknown. */
    public Double elapsedSeconds() {
        return startTime == null || endTime == null ? null
                : java.time.Duration.between(startTime, endTime).toMillis() / 1000.0;
    }
}
