package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to every file of one run: one model for every backend, serialisable with Jackson.
 *
 * <pre>{@code
 * TranscodeReport report = job.await(Duration.ofMinutes(30));
 * report.failedFiles().forEach(f -> System.err.println(f.input() + ": " + f.error()));
 * report.writeJson(Path.of("output/report.json"));
 * report.writeHtml(Path.of("output/report.html"));   // open it in a browser: timeline per node, failures
 * }</pre>
 *
 * @param jobId        the job id (Azure) or a generated run id (local)
 * @param backend      {@code local} or {@code azure}
 * @param complete     whether every file reached a final status (false in partial reports)
 * @param succeeded    number of {@link FileStatus#SUCCEEDED} rows
 * @param failed       number of {@link FileStatus#FAILED} rows
 * @param files        one row per input file, sorted by input path
 * @param startTime    when the run started
 * @param endTime      when the run ended (or when this partial report was taken)
 * @param phaseSeconds seconds spent per phase, in the order the phases ran (e.g. staging, pool, running): each
 *                     phase lasts from its announcement to the next one's, so they add up to the wall time but
 *                     cannot show overlap; {@code timeline} does
 * @param retries      requests or uploads the client retried because the service answered with a transient error
 * @param warnings     things the user should know that did not fail a file (e.g. a node whose start task failed)
 * @param timeline     where the time went when activities overlap: busy time per phase, the critical path, the
 *                     busy intervals ({@link PhaseTimeline}); empty in reports written before it existed
 */
@JsonPropertyOrder({"jobId", "backend", "complete", "succeeded", "failed", "startTime", "endTime", "phaseSeconds",
    "timeline", "retries", "warnings", "files"})
public record TranscodeReport(
        String jobId,
        String backend,
        boolean complete,
        int succeeded,
        int failed,
        List<FileResult> files,
        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant startTime,
        @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
        Instant endTime,
        Map<String, Double> phaseSeconds,
        long retries,
        List<String> warnings,
        PhaseTimeline timeline) {

    public TranscodeReport {
        timeline = timeline == null ? PhaseTimeline.EMPTY : timeline;
        Objects.requireNonNull(backend, "backend == null");
        files = files.stream().sorted(Comparator.comparing(FileResult::input)).toList();
        phaseSeconds = phaseSeconds == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        int s = (int) files.stream().filter(f -> f.status() == FileStatus.SUCCEEDED).count();
        int f = (int) files.stream().filter(r -> r.status() == FileStatus.FAILED).count();
        if (s != succeeded || f != failed) {
            throw new IllegalArgumentException("totals " + succeeded + "/" + failed + " do not match the rows " + s + "/" + f);
        }
    }

    /** A report without a {@link PhaseTimeline} (as before 0.x timelines); see the canonical constructor. */
    public TranscodeReport(String jobId, String backend, boolean complete, int succeeded, int failed,
            List<FileResult> files, Instant startTime, Instant endTime, Map<String, Double> phaseSeconds, long retries,
            List<String> warnings) {
        this(jobId, backend, complete, succeeded, failed, files, startTime, endTime, phaseSeconds, retries, warnings,
                null);
    }

    /** Builds a report whose totals are counted from the rows, without a {@link PhaseTimeline}. */
    public static TranscodeReport of(String jobId, String backend, boolean complete, List<FileResult> files,
            Instant startTime, Instant endTime, Map<String, Double> phaseSeconds, long retries, List<String> warnings) {
        return of(jobId, backend, complete, files, startTime, endTime, phaseSeconds, retries, warnings, null);
    }

    /** Builds a report whose totals are counted from the rows. */
    public static TranscodeReport of(String jobId, String backend, boolean complete, List<FileResult> files,
            Instant startTime, Instant endTime, Map<String, Double> phaseSeconds, long retries, List<String> warnings,
            PhaseTimeline timeline) {
        int s = (int) files.stream().filter(r -> r.status() == FileStatus.SUCCEEDED).count();
        int f = (int) files.stream().filter(r -> r.status() == FileStatus.FAILED).count();
        return new TranscodeReport(jobId, backend, complete, s, f, files, startTime, endTime, phaseSeconds, retries,
                warnings, timeline);
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
}
