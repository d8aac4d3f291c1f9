package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One input file's row in a {@link TranscodeReport}: immutable and thread-safe, built by {@link #builder()}.
 *
 * <pre>{@code
 * for (FileResult f : report.files()) {
 *     System.out.println(f.input() + " " + f.status() + " on " + f.worker() + " in " + f.elapsedSeconds() + " s");
 * }
 * FileResult row = FileResult.builder().input("a/clip.mp4").status(FileStatus.PENDING).taskId("t-1").build();
 * }</pre>
 *
 * <p>Its JSON form (a row of {@code report.json}) has one field per property accessor, in the order of the accessors
 * below, except {@link #serviceCode()}: {@code failureCode} is the {@link FailureCode}'s name, or the service's own
 * code for {@link FailureCode#SERVICE}. The derived {@link #succeeded()} and {@link #elapsedSeconds()} are not written.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"input", "output", "status", "exitCode", "error", "failureCode", "inputDurationSeconds",
    "outputDurationSeconds", "startTime", "endTime", "attempts", "requeues", "taskId", "worker", "inputBytes",
    "outputBytes", "outputBlob", "outputs"})
@JsonDeserialize(builder = FileResult.Builder.class)
public final class FileResult {
    private final String input;
    private final String output;
    private final FileStatus status;
    private final Integer exitCode;
    private final String error;
    private final FailureCode failureCode;
    private final String serviceCode;
    private final Double inputDurationSeconds;
    private final Double outputDurationSeconds;
    private final Instant startTime;
    private final Instant endTime;
    private final int attempts;
    private final int requeues;
    private final String taskId;
    private final String worker;
    private final long inputBytes;
    private final Long outputBytes;
    private final String outputBlob;
    private final List<OutputResult> outputs;

    private FileResult(Builder b) {
        input = b.input;
        output = b.output;
        status = b.status;
        exitCode = b.exitCode;
        error = b.error;
        failureCode = b.failureCode;
        serviceCode = b.serviceCode;
        inputDurationSeconds = b.inputDurationSeconds;
        outputDurationSeconds = b.outputDurationSeconds;
        startTime = b.startTime;
        endTime = b.endTime;
        attempts = b.attempts;
        requeues = b.requeues;
        taskId = b.taskId;
        worker = b.worker;
        inputBytes = b.inputBytes;
        outputBytes = b.outputBytes;
        outputBlob = b.outputBlob;
        outputs = List.copyOf(b.outputs);
    }

    /** A builder with no fields set; {@code input} and {@code status} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this row's values, to derive a changed row. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The input's path relative to the input directory (or source prefix), {@code /}-separated. */
    @JsonProperty
    public String input() {
        return input;
    }

    /** The first output's path relative to the output directory, {@code /}-separated, or {@code null}. */
    @JsonProperty
    public String output() {
        return output;
    }

    /** Where the file stands. */
    @JsonProperty
    public FileStatus status() {
        return status;
    }

    /** ffmpeg's exit code, or {@code null} if it never ran or was killed. */
    @JsonProperty
    public Integer exitCode() {
        return exitCode;
    }

    /** Why the file failed ({@code null} unless FAILED): the reason and the last meaningful lines of ffmpeg. */
    @JsonProperty
    public String error() {
        return error;
    }

    /** The kind of failure ({@code null} unless FAILED); {@link FailureCode#SERVICE} comes with {@link #serviceCode()}. */
    @JsonIgnore
    public FailureCode failureCode() {
        return failureCode;
    }

    /** The Azure Batch service's failure code (e.g. {@code BlobNotFound}) when {@link #failureCode()} is SERVICE. */
    @JsonIgnore
    public String serviceCode() {
        return serviceCode;
    }

    @JsonProperty("failureCode")
    private String failureCodeJson() {
        return failureCode == null ? null : failureCode == FailureCode.SERVICE ? serviceCode : failureCode.name();
    }

    /** The input's audio duration as probed, or {@code null} if it has none or was not probed. */
    @JsonProperty
    public Double inputDurationSeconds() {
        return inputDurationSeconds;
    }

    /** The first output's duration as verified, or {@code null}. */
    @JsonProperty
    public Double outputDurationSeconds() {
        return outputDurationSeconds;
    }

    /** When work on the file started, or {@code null}. */
    @JsonProperty
    @JsonSerialize(using = IsoInstant.Serializer.class)
    public Instant startTime() {
        return startTime;
    }

    /** When it finished, or {@code null}. */
    @JsonProperty
    @JsonSerialize(using = IsoInstant.Serializer.class)
    public Instant endTime() {
        return endTime;
    }

    /** How many times ffmpeg was started for the file (retries included). */
    @JsonProperty
    public int attempts() {
        return attempts;
    }

    /** How many times the file's task was requeued after losing its node (Azure). */
    @JsonProperty
    public int requeues() {
        return requeues;
    }

    /** The deterministic task id derived from the input path and output formats. */
    @JsonProperty
    public String taskId() {
        return taskId;
    }

    /** The worker or compute node that ran the file, or {@code null}. */
    @JsonProperty
    public String worker() {
        return worker;
    }

    /** The input's size in bytes. */
    @JsonProperty
    public long inputBytes() {
        return inputBytes;
    }

    /** The sum of the outputs' sizes, or {@code null}. */
    @JsonProperty
    public Long outputBytes() {
        return outputBytes;
    }

    /**
     * The first output's blob name in the output container (Azure or blob destinations), or {@code null}. Kept for
     * rows read as one file; each output's own blob, for HLS its master playlist, is {@link OutputResult#blob()}.
     */
    @JsonProperty
    public String outputBlob() {
        return outputBlob;
    }

    /** Every output of this input, in request order; the row is SUCCEEDED only if each is. */
    @JsonProperty
    public List<OutputResult> outputs() {
        return outputs;
    }

    /** Whether the file succeeded. */
    public boolean succeeded() {
        return status == FileStatus.SUCCEEDED;
    }

    /** The seconds between start and end, or {@code null} while either is unknown. */
    public Double elapsedSeconds() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime).toMillis() / 1000.0;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FileResult r && attempts == r.attempts && requeues == r.requeues
                && inputBytes == r.inputBytes && input.equals(r.input) && Objects.equals(output, r.output)
                && status == r.status && Objects.equals(exitCode, r.exitCode) && Objects.equals(error, r.error)
                && failureCode == r.failureCode && Objects.equals(serviceCode, r.serviceCode)
                && Objects.equals(inputDurationSeconds, r.inputDurationSeconds)
                && Objects.equals(outputDurationSeconds, r.outputDurationSeconds)
                && Objects.equals(startTime, r.startTime) && Objects.equals(endTime, r.endTime)
                && Objects.equals(taskId, r.taskId) && Objects.equals(worker, r.worker)
                && Objects.equals(outputBytes, r.outputBytes) && Objects.equals(outputBlob, r.outputBlob)
                && outputs.equals(r.outputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, output, status, exitCode, error, failureCode, serviceCode, inputDurationSeconds,
                outputDurationSeconds, startTime, endTime, attempts, requeues, taskId, worker, inputBytes, outputBytes,
                outputBlob, outputs);
    }

    @Override
    public String toString() {
        return "FileResult[input=" + input + ", status=" + status + (failureCode == null ? ""
                : ", failureCode=" + failureCodeJson()) + ", output=" + output + ", taskId=" + taskId + ", worker="
                + worker + ", attempts=" + attempts + ", requeues=" + requeues + ", outputs=" + outputs.size()
                + (error == null ? "" : ", error=" + error) + "]";
    }

    /** Builds a {@link FileResult}; not thread-safe. Each setter checks its argument, {@link #build()} the rest. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String input;
        private String output;
        private FileStatus status;
        private Integer exitCode;
        private String error;
        private FailureCode failureCode;
        private String serviceCode;
        private Double inputDurationSeconds;
        private Double outputDurationSeconds;
        private Instant startTime;
        private Instant endTime;
        private int attempts;
        private int requeues;
        private String taskId;
        private String worker;
        private long inputBytes;
        private Long outputBytes;
        private String outputBlob;
        private List<OutputResult> outputs = List.of();

        private Builder() {
        }

        private Builder(FileResult r) {
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

        /** See {@link FileResult#input()}; required, not blank. */
        public Builder input(String input) {
            Objects.requireNonNull(input, "input == null");
            if (input.isBlank()) {
                throw new IllegalArgumentException("input is blank");
            }
            this.input = input;
            return this;
        }

        /** See {@link FileResult#output()}. */
        public Builder output(String output) {
            this.output = output;
            return this;
        }

        /** See {@link FileResult#status()}; required. */
        public Builder status(FileStatus status) {
            this.status = Objects.requireNonNull(status, "status == null");
            return this;
        }

        /** See {@link FileResult#exitCode()}. */
        public Builder exitCode(Integer exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        /** See {@link FileResult#error()}. */
        public Builder error(String error) {
            this.error = error;
            return this;
        }

        /** See {@link FileResult#failureCode()}; clears the service code unless {@code code} is SERVICE. */
        @JsonIgnore
        public Builder failureCode(FailureCode code) {
            this.failureCode = code;
            if (code != FailureCode.SERVICE) {
                this.serviceCode = null;
            }
            return this;
        }

        /** Sets {@link FailureCode#SERVICE} with the Batch service's own code (e.g. {@code BlobNotFound}). */
        public Builder serviceCode(String serviceCode) {
            Objects.requireNonNull(serviceCode, "serviceCode == null");
            if (serviceCode.isBlank()) {
                throw new IllegalArgumentException("serviceCode is blank");
            }
            this.failureCode = FailureCode.SERVICE;
            this.serviceCode = serviceCode;
            return this;
        }

        @JsonProperty("failureCode")
        private Builder failureCodeJson(String text) {
            if (text == null || text.isBlank()) {
                return failureCode(null);
            }
            FailureCode code = FailureCode.fromJson(text);
            return code == FailureCode.SERVICE ? serviceCode(text) : failureCode(code);
        }

        /** See {@link FileResult#inputDurationSeconds()}. */
        public Builder inputDurationSeconds(Double seconds) {
            this.inputDurationSeconds = seconds(seconds, "inputDurationSeconds");
            return this;
        }

        /** See {@link FileResult#outputDurationSeconds()}. */
        public Builder outputDurationSeconds(Double seconds) {
            this.outputDurationSeconds = seconds(seconds, "outputDurationSeconds");
            return this;
        }

        /** See {@link FileResult#startTime()}. */
        @JsonDeserialize(using = IsoInstant.Deserializer.class)
        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        /** See {@link FileResult#endTime()}. */
        @JsonDeserialize(using = IsoInstant.Deserializer.class)
        public Builder endTime(Instant endTime) {
            this.endTime = endTime;
            return this;
        }

        /** See {@link FileResult#attempts()}; {@code >= 0}. */
        public Builder attempts(int attempts) {
            this.attempts = count(attempts, "attempts");
            return this;
        }

        /** See {@link FileResult#requeues()}; {@code >= 0}. */
        public Builder requeues(int requeues) {
            this.requeues = count(requeues, "requeues");
            return this;
        }

        /** See {@link FileResult#taskId()}. */
        public Builder taskId(String taskId) {
            this.taskId = taskId;
            return this;
        }

        /** See {@link FileResult#worker()}. */
        public Builder worker(String worker) {
            this.worker = worker;
            return this;
        }

        /** See {@link FileResult#inputBytes()}; {@code >= 0}. */
        public Builder inputBytes(long inputBytes) {
            if (inputBytes < 0) {
                throw new IllegalArgumentException("inputBytes < 0: " + inputBytes);
            }
            this.inputBytes = inputBytes;
            return this;
        }

        /** See {@link FileResult#outputBytes()}. */
        public Builder outputBytes(Long outputBytes) {
            if (outputBytes != null && outputBytes < 0) {
                throw new IllegalArgumentException("outputBytes < 0: " + outputBytes);
            }
            this.outputBytes = outputBytes;
            return this;
        }

        /** See {@link FileResult#outputBlob()}. */
        public Builder outputBlob(String outputBlob) {
            this.outputBlob = outputBlob;
            return this;
        }

        /** See {@link FileResult#outputs()}; {@code null} means none. */
        public Builder outputs(List<OutputResult> outputs) {
            this.outputs = outputs == null ? List.of() : List.copyOf(outputs);
            return this;
        }

        /**
         * The row.
         *
         * @throws IllegalStateException if input or status is missing, a SUCCEEDED row has an error or a failure
         *                               code, or a FAILED row lacks its error or its failure code
         */
        public FileResult build() {
            if (input == null || status == null) {
                throw new IllegalStateException("a FileResult needs input and status (input=" + input + ")");
            }
            if (status == FileStatus.SUCCEEDED && (error != null || failureCode != null)) {
                throw new IllegalStateException("a SUCCEEDED row has no error and no failureCode: " + input);
            }
            if (status == FileStatus.FAILED && (error == null || error.isBlank() || failureCode == null)) {
                throw new IllegalStateException("a FAILED row needs an error and a failureCode: " + input);
            }
            return new FileResult(this);
        }

        private static Double seconds(Double s, String name) {
            if (s != null && (s.isNaN() || s < 0)) {
                throw new IllegalArgumentException(name + " must be >= 0: " + s);
            }
            return s;
        }

        private static int count(int n, String name) {
            if (n < 0) {
                throw new IllegalArgumentException(name + " must be >= 0: " + n);
            }
            return n;
        }
    }
}
