package io.github.batchtranscode.examples;

import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.TranscodeTimeoutException;
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

    TutorialApp(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new TutorialApp(System.out, System.err).run(args));
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
        if (options.backend() != CliOptions.Backend.LOCAL) {
            err.println("error: the " + options.backend() + " backend is not available yet; use --backend local");
            return EXIT_ERROR;
        }
        ConsoleStory story = new ConsoleStory(out);
        Instant start = Instant.now();
        story.start(start);
        Path input = options.input();
        if (input == null) {
            input = SampleInputs.extract();
            out.println("No --input given: using the " + SampleInputs.COUNT + " bundled sample clips in " + input);
        }
        try {
            return transcode(options, story, start, input);
        } finally {
            if (options.input() == null) {
                SampleInputs.delete(input);
            }
        }
    }

    private int transcode(CliOptions options, ConsoleStory story, Instant start, Path input) throws IOException {
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(input).outputDirectory(options.output())
                .preset(options.preset()).build();
        TranscodeSession.Builder builder = TranscodeSession.builder();
        if (options.parallelism() != null) {
            builder.parallelism(options.parallelism());
        }
        TranscodeReport report;
        try (TranscodeSession session = builder.build()) {
            report = session.submit(request, story).await();
        } catch (TranscodeTimeoutException e) {
            report = e.partialReport();
        } catch (TranscodeCancelledException e) {
            report = e.partialReport();
        }
        report.writeJson(options.report());
        story.finish(report, start, Instant.now(), options.report());
        return report.allSucceeded() ? EXIT_OK : report.succeeded() + report.failed() > 0 ? EXIT_SOME_FAILED : EXIT_ERROR;
    }
}
