package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees with slf4j-simple at its default INFO level (as in a fresh consumer project): a run's lifecycle
 * under loggers named for the component ({@code io.github.batchtranscode.job}, {@code .local}), no line per file,
 * and no logger named after an internal class.
 */
class LoggingIT {
    /** slf4j-simple's default line: {@code [thread] LEVEL logger - message}. */
    private static final Pattern LINE = Pattern.compile("^\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)$");

    @TempDir
    Path dir;

    record LogLine(String level, String logger, String message) {
    }

    @Test
    void aLocalRunLogsItsLifecycleAtInfoUnderComponentLoggersAndNoLinePerFile() throws Exception {
        TestMedia.clip(dir.resolve("in/first.mp4"), 1);
        TestMedia.clip(dir.resolve("in/second.mp4"), 1);
        TestMedia.clip(dir.resolve("in/third.mp4"), 1);
        TranscodeReport[] report = new TranscodeReport[1];

        List<LogLine> lines = capture(() -> {
            try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
                report[0] = session.transcode(TranscodeRequest.builder().inputDirectory(dir.resolve("in"))
                        .outputDirectory(dir.resolve("out")).build());
            }
        });

        assertThat(report[0].succeeded()).isEqualTo(3);
        List<LogLine> ours = lines.stream().filter(l -> l.logger().startsWith("io.github.batchtranscode")).toList();
        assertThat(ours).as("the library's log lines").isNotEmpty()
                .allSatisfy(l -> assertThat(l.logger()).doesNotContain(".internal."));
        assertThat(ours).anySatisfy(l -> assertThat(l).isEqualTo(new LogLine("INFO", "io.github.batchtranscode.job",
                "[" + runId(ours) + "] run started on the local backend: 3 file(s)")));
        assertThat(ours).anySatisfy(l -> assertThat(l).extracting(LogLine::level, LogLine::logger)
                .containsExactly("INFO", "io.github.batchtranscode.local"));
        assertThat(ours).anySatisfy(l -> assertThat(l).isEqualTo(new LogLine("INFO", "io.github.batchtranscode.job",
                "[" + runId(ours) + "] 3 succeeded, 0 failed")));
        assertThat(ours).as("no INFO line per file").noneSatisfy(l -> assertThat(l.message())
                .containsAnyOf("first.mp4", "second.mp4", "third.mp4"));
    }

    /** The run id every line of the run starts with, from the first line that carries one. */
    private static String runId(List<LogLine> lines) {
        Matcher m = lines.stream().map(l -> Pattern.compile("^\\[(local-[^\\]]+)\\] ").matcher(l.message()))
                .filter(Matcher::find).findFirst().orElseThrow();
        return m.group(1);
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} while slf4j-simple's lines (it writes to the current System.err) are copied and parsed. */
    static List<LogLine> capture(Body body) throws Exception {
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
