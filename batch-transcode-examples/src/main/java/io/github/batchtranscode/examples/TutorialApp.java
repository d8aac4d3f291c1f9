package io.github.batchtranscode.examples;

import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * The Azure Batch Python tutorial ("Run a parallel workload with Azure Batch"), runnable: transcode MP4 files to
 * MP3 in parallel and tell the story on the console. {@code java -jar batch-transcode-examples.jar --help}.
 */
public final class TutorialApp {
    /** Every file succeeded. */
    public static final int EXIT_OK = 0;
    /** Nothing could run: bad arguments, no ffmpeg, unreadable input... */
    public static final int EXIT_ERROR = 1;
    /** Some files failed; the others were written. */
    public static final int EXIT_SOME_FAILED = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Prompt in;
    private final ProgressConsole console;

    TutorialApp(PrintStream out, PrintStream err) {
        this(out, err, Prompt.NONE, ProgressConsole.plain(out));
    }

    TutorialApp(PrintStream out, PrintStream err, Prompt in) {
        this(out, err, in, ProgressConsole.plain(out));
    }

    /** {@code console} must write to {@code out}. */
    TutorialApp(PrintStream out, PrintStream err, Prompt in, ProgressConsole console) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(new TutorialApp(System.out, System.err, Prompt.console(), ProgressConsole.system()).run(args));
    }

    /** Runs the app and returns its exit status. */
    int run(String... args) {
        CliOptions options;
        try {
            options = CliOptions.parse(Arrays.asList(args));
        } catch (CliOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for the options.");
            return EXIT_ERROR;
        }
        if (options.help()) {
            out.print(CliOptions.USAGE);
            return EXIT_OK;
        }
        try {
            return transcode(options);
        } catch (TranscodeException | IOException e) {
            err.println("error: " + e.getMessage());
            return EXIT_ERROR;
        }
    }

    private int transcode(CliOptions options) throws IOException {
        ConsoleStory story = new ConsoleStory(out, console);
        Instant start = Instant.now();
        story.start(start);
        if (options.attach() != null) {
            try (Backends backends = new Backends(options, out, in)) {
                TranscodeReport report;
                try (TranscodeSession session = backends.session().build();
                        CancelOnShutdown hook = new CancelOnShutdown(session, err)) {
                    report = finalReport(() -> session.attach(options.attach(), options.output(), story).await());
                }
                return finish(options, story, start, report);
            }
        }
        Path input = options.input();
        if (input == null && options.inputBlobs() == null) {
            input = SampleInputs.extract();
            out.println("No --input given: using the " + SampleInputs.COUNT + " bundled sample clips in " + input);
        }
        try (Backends backends = new Backends(options, out, in)) {
            return transcode(options, story, start, input, backends.session());
        } finally {
            if (options.input() == null && input != null) {
                SampleInputs.delete(input);
            }
        }
    }

    private int transcode(CliOptions options, ConsoleStory story, Instant start, Path input,
            TranscodeSession.Builder builder) throws IOException {
        TranscodeRequest.Builder b = TranscodeRequest.builder().formats(options.presets().stream().map(OutputFormat::of).toList());
        if (options.inputBlobs() != null) {
            b.inputBlobs(options.inputBlobs());
        } else {
            b.inputDirectory(input);
        }
        if (options.output() != null) {
            b.outputDirectory(options.output());
        }
        if (options.outputBlobs() != null) {
            b.outputBlobs(options.outputBlobs());
        }
        TranscodeRequest request = b.build();
        TranscodeReport report;
        try (TranscodeSession session = builder.build(); CancelOnShutdown hook = new CancelOnShutdown(session, err)) {
            report = finalReport(() -> session.submit(request, story).await());
        }
        return finish(options, story, start, report);
    }

    private static TranscodeReport finalReport(java.util.function.Supplier<TranscodeReport> run) {
        try {
            return run.get();
        } catch (TranscodeTimeoutException e) {
            return e.partialReport();
        } catch (TranscodeCancelledException e) {
            return e.partialReport();
        }
    }

    /** {@code report.json} → {@code report.html} in the same directory; any other name gets {@code .html} instead of its extension. */
    static Path htmlNextTo(Path json) {
        String name = json.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path html = json.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
        return html.equals(json) ? json.resolveSibling(name + ".html") : html;
    }

    private int finish(CliOptions options, ConsoleStory story, Instant start, TranscodeReport report) throws IOException {
        report.writeJson(options.report());
        Path html = htmlNextTo(options.report());
        report.writeHtml(html);
        story.finish(report, start, Instant.now(), options.report(), html);
        return report.allSucceeded() ? EXIT_OK : report.succeeded() + report.failed() > 0 ? EXIT_SOME_FAILED : EXIT_ERROR;
    }
}
