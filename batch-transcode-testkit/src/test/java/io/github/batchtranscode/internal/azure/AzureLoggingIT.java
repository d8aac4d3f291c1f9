package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Azure run logs under {@code io.github.batchtranscode.azure} (and {@code .job} for the run itself): lifecycle at
 * INFO (pool ready, N tasks submitted, run finished), per-file uploads and downloads and per-poll counts at DEBUG.
 * The module's Failsafe settings log at trace, so every line shows with its level and logger name.
 */
@ExtendWith(AzuriteExtension.class)
class AzureLoggingIT {
    private static final Pattern LINE = Pattern.compile("^\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)$");
    private static final String AZURE = "io.github.batchtranscode.azure";
    private static final String JOB = "io.github.batchtranscode.job";

    @TempDir
    Path tmp;
    private AzureHarness azure;

    record LogLine(String level, String logger, String message) {
    }

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void lifecycleAtInfoAndPerFileAndPerPollAtDebugUnderTheAzureLogger(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        Path in = tmp.resolve("in");
        SampleMedia.create().tutorialClips(in, 2);
        TranscodeReport[] report = new TranscodeReport[1];

        List<LogLine> lines = capture(() -> report[0] = azure.session()
                .submit(AzureHarness.request(in, tmp.resolve("out")).build()).await(AzureHarness.WAIT));

        assertThat(report[0].succeeded()).isEqualTo(2);
        List<LogLine> library = lines.stream().filter(l -> l.logger().startsWith("io.github.batchtranscode.")
                && !l.logger().startsWith("io.github.batchtranscode.testkit.")).toList();
        assertThat(library).as("the library's loggers are named for components")
                .allSatisfy(l -> assertThat(l.logger()).isIn(AZURE, JOB, "io.github.batchtranscode.ffmpeg"));
        assertThat(library).anySatisfy(l -> assertLine(l, "INFO", JOB, "run started on the azure backend: 2 file(s)"));
        assertThat(library).anySatisfy(l -> assertLine(l, "INFO", AZURE, "pool " + azure.poolId() + " ready"));
        assertThat(library).anySatisfy(l -> assertLine(l, "INFO", AZURE, "Adding 2 tasks to job"));
        assertThat(library).anySatisfy(l -> assertLine(l, "INFO", JOB, "2 succeeded, 0 failed"));
        assertThat(library).anySatisfy(l -> assertLine(l, "DEBUG", AZURE, "Uploading file LowPriVMs-1.mp4"));
        assertThat(library).anySatisfy(l -> assertLine(l, "DEBUG", AZURE, "Downloading "));
        assertThat(library).anySatisfy(l -> assertLine(l, "DEBUG", AZURE, " running, "));
        assertThat(library.stream().filter(l -> !l.level().equals("DEBUG") && !l.level().equals("TRACE")))
                .as("no line per file above DEBUG").noneSatisfy(l -> assertThat(l.message()).contains("LowPriVMs-"));
    }

    private static void assertLine(LogLine line, String level, String logger, String text) {
        assertThat(line.level()).isEqualTo(level);
        assertThat(line.logger()).isEqualTo(logger);
        assertThat(line.message()).contains(text);
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} while slf4j-simple's lines (it writes to the current System.err) are copied and parsed. */
    private static List<LogLine> capture(Body body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return copy.toString(StandardCharsets.UTF_8).lines().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new LogLine(m.group(1), m.group(2), m.group(3))).toList();
    }
}
