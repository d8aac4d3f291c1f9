package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to every file of one run: one model for every backend, serialisable with Jackson. Immutable and
 * thread-safe; the backends build it, and {@link #builder()} is there for tests and tools that make reports.
 *
 * <pre>{@code
 * TranscodeReport report = job.await(Duration.ofMinutes(30));
 * report.failedFiles().forEach(f -> System.err.println(f.input() + ": " + f.error()));
 * report.writeJson(Path.of("output/report.json"));
 * report.writeHtml(Path.of("output/report.html"));   // open it in a browser: timeline per node, failures
 * }</pre>
 *
 * <p>{@code report.json} has the fields {@code jobId, backend, complete, succeeded, failed, startTime, endTime,
 * phaseSeconds, timeline, retries, warnings, files}, in that order; {@link #fromJson(String)} reads it back.
 */
@JsonPropertyOrder({"jobId", "backend", "complete", "succeeded", "failed", "startTime", "endTime", "phaseSeconds",
    "timeline", "retries", "warnings", "files"})
@JsonDeserialize(builder = TranscodeReport.Builder.class)
public final class TranscodeReport {
    private final String jobId;
    private final Backend backend;
    private final boolean complete;
    private final int succeeded;
    private final int failed;
    private final List<FileResult> files;
    private final Instant startTime;
    private final Instant endTime;
    private final Map<String, Double> phaseSeconds;
    private final long retries;
    private final List<String> warnings;
    private final PhaseTimeline timeline;

    private TranscodeReport(Builder b, List<FileResult> sorted, int succeeded, int failed) {
        jobId = b.jobId;
        backend = b.backend;
        complete = b.complete;
        this.succeeded = succeeded;
        this.failed = failed;
        files = sorted;
        startTime = b.startTime;
        endTime = b.endTime;
        phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(b.phaseSeconds));
        retries = b.retries;
        warnings = List.copyOf(b.warnings);
        timeline = b.timeline;
    }

    /** A builder with no rows; {@code backend} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this report's values, e.g. to add a warning. */
    public Builder toBuilder() {
        return new Builder().jobId(jobId).backend(backend).complete(complete).files(files).startTime(startTime)
                .endTime(endTime).phaseSeconds(phaseSeconds).retries(retries).warnings(warnings).timeline(timeline);
    }

    /** The job id (Azure) or a generated run id (local). */
    @JsonProperty
    public String jobId() {
        return jobId;
    }

    /** Where the files were transcoded. */
    @JsonProperty
    public Backend backend() {
        return backend;
    }

    /** Whether every file reached a final status (false in partial reports). */
    @JsonProperty
    public boolean complete() {
        return complete;
    }

    /** The number of {@link FileStatus#SUCCEEDED} rows. */
    @JsonProperty
    public int succeeded() {
        return succeeded;
    }

    /** The number of {@link FileStatus#FAILED} rows. */
    @JsonProperty
    public int failed() {
        return failed;
    }

    /** One row per input file, sorted by input path. */
    @JsonProperty
    public List<FileResult> files() {
        return files;
    }

    /** When the run started, or {@code null}. */
    @JsonProperty
    @JsonSerialize(using = IsoInstant.Serializer.class)
    public Instant startTime() {
        return startTime;
    }

    /** When the run ended (or when this partial report was taken), or {@code null}. */
    @JsonProperty
    @JsonSerialize(using = IsoInstant.Serializer.class)
    public Instant endTime() {
        return endTime;
    }

    /**
     * Seconds spent per phase, in the order the phases ran (e.g. staging, pool, running): each phase lasts from its
     * announcement to the next one's, so they add up to the wall time but cannot show work that overlaps;
     * {@link #timeline()} does.
     */
    @JsonProperty
    public Map<String, Double> phaseSeconds() {
        return phaseSeconds;
    }

    /**
     * Where the time went when activities overlap (downloads while tasks run): busy time per phase, the critical
     * path, the busy intervals; {@link PhaseTimeline#EMPTY} in reports written before it existed.
     */
    @JsonProperty
    public PhaseTimeline timeline() {
        return timeline;
    }

    /** Requests or uploads the client retried because the service answered with a transient error. */
    @JsonProperty
    public long retries() {
        return retries;
    }

    /** Things the user should know that did not fail a file (e.g. a node whose start task failed). */
    @JsonProperty
    public List<String> warnings() {
        return warnings;
    }

    /** Number of files in the run. */
    @JsonIgnore
    public int total() {
        return files.size();
    }

    /** Whether every file reached {@link FileStatus#SUCCEEDED}. */
    @JsonIgnore
    public boolean allSucceeded() {
        return complete && succeeded == files.size();
    }

    /** The rows with status {@link FileStatus#FAILED}. */
    @JsonIgnore
    public List<FileResult> failedFiles() {
        return files.stream().filter(r -> r.status() == FileStatus.FAILED).toList();
    }

    /** Seconds from start to end, or 0 when either is unknown. */
    @JsonIgnore
    public double wallSeconds() {
        return startTime == null || endTime == null ? 0 : java.time.Duration.between(startTime, endTime).toMillis() / 1000.0;
    }

    /** This report as pretty-printed JSON. */
    public String toJson() {
        return ReportJson.write(this);
    }

    /** Writes this report as JSON to {@code file}, creating parent directories; replaces the file atomically. */
    public void writeJson(Path file) throws IOException {
        ReportJson.write(this, file);
    }

    /**
     * This report as one self-contained HTML page: the totals and phase times, a timeline with one lane per node
     * (or local worker) and one bar per task, coloured by outcome with the file name on hover, and a table of the
     * failures with their reasons. CSS, SVG and script are inline and nothing is fetched, so the page opens offline;
     * file names, node ids and errors are escaped.
     */
    public String toHtml() {
        return HtmlReport.render(this);
    }

    /**
     * Writes {@link #toHtml()} to {@code file} (by convention {@code report.html} next to {@code report.json}),
     * creating parent directories; replaces the file atomically.
     *
     * @throws IOException if the file or its directory cannot be written
     */
    public void writeHtml(Path file) throws IOException {
        HtmlReport.write(this, file);
    }

    /** Reads a report written by {@link #toJson()}. */
    public static TranscodeReport fromJson(String json) {
        return ReportJson.read(json);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TranscodeReport r && complete == r.complete && retries == r.retries
                && Objects.equals(jobId, r.jobId) && backend == r.backend && files.equals(r.files)
                && Objects.equals(startTime, r.startTime) && Objects.equals(endTime, r.endTime)
                && phaseSeconds.equals(r.phaseSeconds) && warnings.equals(r.warnings) && timeline.equals(r.timeline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, backend, complete, files, startTime, endTime, phaseSeconds, retries, warnings,
                timeline);
    }

    @Override
    public String toString() {
        return "TranscodeReport[jobId=" + jobId + ", backend=" + backend.json() + ", complete=" + complete
                + ", succeeded=" + succeeded + ", failed=" + failed + ", total=" + files.size() + ", warnings="
                + warnings.size() + "]";
    }

    /**
     * Builds a {@link TranscodeReport}; not thread-safe. The totals ({@code succeeded}, {@code failed}) are counted
     * from the rows.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String jobId;
        private Backend backend;
        private boolean complete;
        private final List<FileResult> files = new ArrayList<>();
        private Instant startTime;
        private Instant endTime;
        private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
        private long retries;
        private final List<String> warnings = new ArrayList<>();
        private PhaseTimeline timeline = PhaseTimeline.EMPTY;
        private Integer readSucceeded;
        private Integer readFailed;

        private Builder() {
        }

        /** See {@link TranscodeReport#jobId()}. */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** See {@link TranscodeReport#backend()}; required. */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend == null");
            return this;
        }

        /** See {@link TranscodeReport#complete()}. */
        public Builder complete(boolean complete) {
            this.complete = complete;
            return this;
        }

        /** Replaces the rows; {@code null} means none. */
        public Builder files(List<FileResult> files) {
            this.files.clear();
            if (files != null) {
                files.forEach(this::addFile);
            }
            return this;
        }

        /** Adds one row. */
        public Builder addFile(FileResult file) {
            files.add(Objects.requireNonNull(file, "file == null"));
            return this;
        }

        /** See {@link TranscodeReport#startTime()}. */
        @JsonDeserialize(using = IsoInstant.Deserializer.class)
        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        /** See {@link TranscodeReport#endTime()}. */
        @JsonDeserialize(using = IsoInstant.Deserializer.class)
        public Builder endTime(Instant endTime) {
            this.endTime = endTime;
            return this;
        }

        /** Replaces the phase times; {@code null} means none. */
        public Builder phaseSeconds(Map<String, Double> phaseSeconds) {
            this.phaseSeconds.clear();
            if (phaseSeconds != null) {
                phaseSeconds.forEach((k, v) -> this.phaseSeconds.put(Objects.requireNonNull(k, "phase == null"),
                        Objects.requireNonNull(v, "seconds of " + k + " == null")));
            }
            return this;
        }

        /** See {@link TranscodeReport#retries()}; {@code >= 0}. */
        public Builder retries(long retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries < 0: " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** Replaces the warnings; {@code null} means none. */
        public Builder warnings(List<String> warnings) {
            this.warnings.clear();
            if (warnings != null) {
                warnings.forEach(this::addWarning);
            }
            return this;
        }

        /** See {@link TranscodeReport#timeline()}; {@code null} means {@link PhaseTimeline#EMPTY}. */
        public Builder timeline(PhaseTimeline timeline) {
            this.timeline = timeline == null ? PhaseTimeline.EMPTY : timeline;
            return this;
        }

        /** Adds one warning. */
        public Builder addWarning(String warning) {
            warnings.add(Objects.requireNonNull(warning, "warning == null"));
            return this;
        }

        @JsonProperty("succeeded")
        private Builder readSucceeded(int n) {
            readSucceeded = n;
            return this;
        }

        @JsonProperty("failed")
        private Builder readFailed(int n) {
            readFailed = n;
            return this;
        }

        /**
         * The report, its rows sorted by input path.
         *
         * @throws IllegalStateException if the backend is missing, or (reading JSON) the written totals do not
         *                               match the rows
         */
        public TranscodeReport build() {
            if (backend == null) {
                throw new IllegalStateException("a TranscodeReport needs its backend");
            }
            List<FileResult> sorted = files.stream().sorted(Comparator.comparing(FileResult::input)).toList();
            int s = (int) sorted.stream().filter(r -> r.status() == FileStatus.SUCCEEDED).count();
            int f = (int) sorted.stream().filter(r -> r.status() == FileStatus.FAILED).count();
            if (readSucceeded != null && readSucceeded != s || readFailed != null && readFailed != f) {
                throw new IllegalStateException("totals " + readSucceeded + "/" + readFailed
                        + " do not match the rows " + s + "/" + f);
            }
            return new TranscodeReport(this, sorted, s, f);
        }
    }
}
