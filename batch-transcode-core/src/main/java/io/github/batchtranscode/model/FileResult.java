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
    private final FileRow v;

    private FileResult(FileRow v) {
        this.v = v;
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
        return v.input();
    }

    /** The first output's path relative to the output directory, {@code /}-separated, or {@code null}. */
    @JsonProperty
    public String output() {
        return v.output();
    }

    /** Where the file stands. */
    @JsonProperty
    public FileStatus status() {
        return v.status();
    }

    /** ffmpeg's exit code, or {@code null} if it never ran or was killed. */
    @JsonProperty
    public Integer exitCode() {
        return v.exitCode();
    }

    /** Why the file failed ({@code null} unless FAILED): the reason and the last meaningful lines of ffmpeg. */
    @JsonProperty
    public String error() {
        return v.error();
    }

    /** The kind of failure ({@code null} unless FAILED); {@link FailureCode#SERVICE} comes with {@link #serviceCode()}. */
    @JsonIgnore
    public FailureCode failureCode() {
        return v.failureCode();
    }

    /** The Azure Batch service's failure code (e.g. {@code BlobNotFound}) when {@link #failureCode()} is SERVICE. */
    @JsonIgnore
    public String serviceCode() {
        return v.serviceCode();
    }

    @JsonProperty("failureCode")
    private String failureCodeJson() {
        return v.failureCodeJson();
    }

    /** The input's audio duration as probed, or {@code null} if it has none or was not probed. */
    @JsonProperty
    public Double inputDurationSeconds() {
        return v.inputDurationSeconds();
    }

    /** The first output's duration as verified, or {@code null}. */
    @JsonProperty
    public Double outputDurationSeconds() {
        return v.outputDurationSeconds();
    }

    /** When work on the file started, or {@code null}. */
    @JsonProperty
    @JsonSerialize(using = IsoInstant.Serializer.class)
    public Instant startTime() {
        return v.startTime();
    }

    /** When it finished, or {@code null}. */
    @JsonProperty
    @JsonSerialize(using = IsoInstant.Serializer.class)
    public Instant endTime() {
        return v.endTime();
    }

    /** How many times ffmpeg was started for the file (retries included). */
    @JsonProperty
    public int attempts() {
        return v.attempts();
    }

    /** How many times the file's task was requeued after losing its node (Azure). */
    @JsonProperty
    public int requeues() {
        return v.requeues();
    }

    /** The deterministic task id derived from the input path and output formats. */
    @JsonProperty
    public String taskId() {
        return v.taskId();
    }

    /** The worker or compute node that ran the file, or {@code null}. */
    @JsonProperty
    public String worker() {
        return v.worker();
    }

    /** The input's size in bytes. */
    @JsonProperty
    public long inputBytes() {
        return v.inputBytes();
    }

    /** The sum of the outputs' sizes, or {@code null}. */
    @JsonProperty
    public Long outputBytes() {
        return v.outputBytes();
    }

    /**
     * The first output's blob name in the output container (Azure or blob destinations), or {@code null}. Kept for
     * rows read as one file; each output's own blob, for HLS its master playlist, is {@link OutputResult#blob()}.
     */
    @JsonProperty
    public String outputBlob() {
        return v.outputBlob();
    }

    /** Every output of this input, in request order; the row is SUCCEEDED only if each is. */
    @JsonProperty
    public List<OutputResult> outputs() {
        return v.outputs();
    }

    /** Whether the file succeeded. */
    public boolean succeeded() {
        return v.status() == FileStatus.SUCCEEDED;
    }

    /** The seconds between start and end, or {@code null} while either is unknown. */
    public Double elapsedSeconds() {
        return v.startTime() == null || v.endTime() == null ? null
                : Duration.between(v.startTime(), v.endTime()).toMillis() / 1000.0;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FileResult r && v.equals(r.v);
    }

    @Override
    public int hashCode() {
        return v.hashCode();
    }

    @Override
    public String toString() {
        return v.describe();
    }

    /** Builds a {@link FileResult}; not thread-safe. Each setter checks its argument, {@link #build()} the rest. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private final FileRow.Draft d;

        private Builder() {
            d = new FileRow.Draft();
        }

        private Builder(FileResult r) {
            d = new FileRow.Draft(r.v);
        }

        /** See {@link FileResult#input()}; required, not blank. */
        public Builder input(String input) {
            d.input = FileRowChecks.notBlank(input, "input");
            return this;
        }

        /** See {@link FileResult#output()}. */
        public Builder output(String output) {
            d.output = output;
            return this;
        }

        /** See {@link FileResult#status()}; required. */
        public Builder status(FileStatus status) {
            d.status = Objects.requireNonNull(status, "status == null");
            return this;
        }

        /** See {@link FileResult#exitCode()}. */
        public Builder exitCode(Integer exitCode) {
            d.exitCode = exitCode;
            return this;
        }

        /** See {@link FileResult#error()}. */
        public Builder error(String error) {
            d.error = error;
            return this;
        }

        /** See {@link FileResult#failureCode()}; clears the service code unless {@code code} is SERVICE. */
        @JsonIgnore
        public Builder failureCode(FailureCode code) {
            d.failureCode = code;
            if (code != FailureCode.SERVICE) {
                d.serviceCode = null;
            }
            return this;
        }

        /** Sets {@link FailureCode#SERVICE} with the Batch service's own code (e.g. {@code BlobNotFound}). */
        public Builder serviceCode(String serviceCode) {
            d.serviceCode = FileRowChecks.notBlank(serviceCode, "serviceCode");
            d.failureCode = FailureCode.SERVICE;
            return this;
        }

        @JsonProperty("failureCode")
        private Builder failureCodeJson(String text) {
            FailureCode code = text == null || text.isBlank() ? null : FailureCode.fromJson(text);
            return code == FailureCode.SERVICE ? serviceCode(text) : failureCode(code);
        }


        /** See {@link FileResult#inputDurationSeconds()}. */
        public Builder inputDurationSeconds(Double seconds) {
            d.inputDurationSeconds = FileRowChecks.seconds(seconds, "inputDurationSeconds");
            return this;
        }

        /** See {@link FileResult#outputDurationSeconds()}. */
        public Builder outputDurationSeconds(Double seconds) {
            d.outputDurationSeconds = FileRowChecks.seconds(seconds, "outputDurationSeconds");
            return this;
        }

        /** See {@link FileResult#startTime()}. */
        @JsonDeserialize(using = IsoInstant.Deserializer.class)
        public Builder startTime(Instant startTime) {
            d.startTime = startTime;
            return this;
        }

        /** See {@link FileResult#endTime()}. */
        @JsonDeserialize(using = IsoInstant.Deserializer.class)
        public Builder endTime(Instant endTime) {
            d.endTime = endTime;
            return this;
        }

        /** See {@link FileResult#attempts()}; {@code >= 0}. */
        public Builder attempts(int attempts) {
            d.attempts = FileRowChecks.count(attempts, "attempts");
            return this;
        }

        /** See {@link FileResult#requeues()}; {@code >= 0}. */
        public Builder requeues(int requeues) {
            d.requeues = FileRowChecks.count(requeues, "requeues");
            return this;
        }

        /** See {@link FileResult#taskId()}. */
        public Builder taskId(String taskId) {
            d.taskId = taskId;
            return this;
        }

        /** See {@link FileResult#worker()}. */
        public Builder worker(String worker) {
            d.worker = worker;
            return this;
        }

        /** See {@link FileResult#inputBytes()}; {@code >= 0}. */
        public Builder inputBytes(long inputBytes) {
            d.inputBytes = FileRowChecks.bytes(inputBytes, "inputBytes");
            return this;
        }

        /** See {@link FileResult#outputBytes()}. */
        public Builder outputBytes(Long outputBytes) {
            d.outputBytes = outputBytes == null ? null : FileRowChecks.bytes(outputBytes, "outputBytes");
            return this;
        }

        /** See {@link FileResult#outputBlob()}. */
        public Builder outputBlob(String outputBlob) {
            d.outputBlob = outputBlob;
            return this;
        }

        /** See {@link FileResult#outputs()}; {@code null} means none. */
        public Builder outputs(List<OutputResult> outputs) {
            d.outputs = outputs == null ? List.of() : List.copyOf(outputs);
            return this;
        }

        /**
         * The row.
         *
         * @throws IllegalStateException if input or status is missing, a SUCCEEDED row has an error or a failure
         *                               code, or a FAILED row lacks its error or its failure code
         */
        public FileResult build() {
            return new FileResult(d.row());
        }
    }
}
