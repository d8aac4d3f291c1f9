package io.github.batchtranscode.examples;

import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TranscodeReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Tells the run's story on the console, in the tutorial's order, with the library's progress counts as a live
 * line in a terminal (plain log lines otherwise).
 */
final class ConsoleStory implements TranscodeListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final PrintStream out;
    private final ProgressConsole console;

    ConsoleStory(PrintStream out) {
        this(out, ProgressConsole.plain(out));
    }

    /** {@code console} must write to {@code out}. */
    ConsoleStory(PrintStream out, ProgressConsole console) {
        this.out = out;
        this.console = console;
    }

    void start(Instant at) {
        out.println("Sample start: " + TIME.format(at));
        out.println();
    }

    @Override
    public void onPhase(PhaseEvent event) {
        console.println(event.message());
    }

    @Override
    public void onProgress(ProgressSnapshot p) {
        console.progress(p);
    }

    @Override
    public void onTaskFinished(FileResult r) {
        String outcome = r.status() == FileStatus.SUCCEEDED
                ? "-> " + r.output() + (r.outputs().size() > 1 ? " and " + (r.outputs().size() - 1) + " more" : "")
                        + String.format(Locale.ROOT, " (%.1f s)", r.outputDurationSeconds() == null ? 0 : r.outputDurationSeconds())
                : "FAILED: " + r.error();
        console.println("  " + r.input() + " " + outcome);
    }

    void finish(TranscodeReport report, Instant start, Instant end, Path reportFile, Path htmlFile) {
        console.clear();
        out.println();
        if (report.allSucceeded()) {
            out.println("Success! All " + report.total() + " tasks completed successfully.");
        } else {
            out.println(report.failed() + " of " + report.total() + " files failed"
                    + (report.succeeded() > 0 ? " (the other " + report.succeeded() + " were written)" : "") + ":");
            for (FileResult f : report.failedFiles()) {
                out.println("  " + f.input() + ": " + f.error());
            }
        }
        if (reportFile != null) {
            out.println("Report: " + reportFile);
        }
        if (htmlFile != null) {
            out.println("HTML report (timeline per node, failures): " + htmlFile);
        }
        out.println();
        out.println("Sample end: " + TIME.format(end));
        out.println("Elapsed time: " + format(Duration.between(start, end)));
    }

    static String format(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", d.toHours(), d.toMinutesPart(), d.toSecondsPart(),
                d.toMillisPart());
    }
}
