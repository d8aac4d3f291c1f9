package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.batch.BatchFaults;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No secret reaches a user's eyes: every log line (at trace level, see the module's Failsafe settings), every
 * exception, the options' and the report's text, on a good run with retries and on runs that fail.
 */
@ExtendWith(AzuriteExtension.class)
class AzureSecretsIT {
    private static final Pattern UNREDACTED_SIG = Pattern.compile("(?i)sig=(?!REDACTED)[^&\\s\"']+");
    private static final Pattern UNREDACTED_SHARED_KEY = Pattern.compile("SharedKey [^:\\s]+:(?!REDACTED)\\S+");
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private final StringBuilder seen = new StringBuilder();

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void noKeyOrSignatureAppearsInLogsMessagesOptionsOrReports(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.faults(BatchFaults.create().seed(7).errorRate(0.3)
                .errorStatuses(500, 503).errorOperations(Set.of("Job_GetTaskCounts", "Task_List", "Pool_Get"))));
        Path in = tmp.resolve("in");
        SampleMedia.create().tutorialClips(in, 2);
        Files.write(in.resolve("garbage.mp4"), new byte[] {1, 2, 3, 4});
        TranscodeRequest request = AzureHarness.request(in, tmp.resolve("out")).build();
        String wrongKey = BatchEmulator.randomKey();
        String azuriteKey = azurite.accountKey();

        ByteArrayOutputStream log = captureStderr(() -> {
            AzureOptions good = azure.options().build();
            seen.append(good).append('\n');
            TranscodeReport report = collect(azure.session(good).submit(request, new AzureHarness.Phases()));
            assertThat(report.files()).extracting(FileResult::status).hasSize(3);
            assertThat(report.retries()).as("the injected errors were retried").isPositive();

            AzureOptions badBatchKey = azure.options().batchAccount(azure.emulator.endpoint(), AzureHarness.ACCOUNT,
                    wrongKey).build();
            seen.append(badBatchKey).append('\n');
            collect(azure.session(badBatchKey).submit(request));

            AzureOptions badStorageKey = azure.options().storageConnectionString(azurite.connectionString()
                    .replace(azuriteKey, wrongKey)).build();
            seen.append(badStorageKey).append('\n');
            collect(azure.session(badStorageKey).submit(request));
        });
        String text = log.toString(StandardCharsets.UTF_8) + "\n" + seen;

        assertThat(LoggerFactory.getLogger(AzureRun.class).isTraceEnabled()).as("logging at trace").isTrue();
        assertThat(text).contains("AuthenticationFailed", "Uploading file", "retry");
        assertThat(text).doesNotContain(azure.key).doesNotContain(wrongKey).doesNotContain(azuriteKey)
                .doesNotContain(azure.key.substring(0, 20)).doesNotContain(azuriteKey.substring(0, 20));
        assertThat(UNREDACTED_SIG.matcher(text).results().map(r -> r.group()).toList()).isEmpty();
        assertThat(UNREDACTED_SHARED_KEY.matcher(text).results().map(r -> r.group()).toList()).isEmpty();
    }

    /** Waits for the job and notes its report (or its exception, with every cause and stack trace) as seen. */
    private TranscodeReport collect(TranscodeJob job) {
        Throwable failure = catchThrowable(() -> job.await(AzureHarness.WAIT));
        if (failure == null) {
            TranscodeReport report = job.await(AzureHarness.WAIT);
            seen.append(report.toJson()).append('\n').append(report).append('\n');
            return report;
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        seen.append(trace).append('\n');
        seen.append(job.report().toJson()).append('\n');
        return null;
    }

    private static ByteArrayOutputStream captureStderr(ThrowingRunnable body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
