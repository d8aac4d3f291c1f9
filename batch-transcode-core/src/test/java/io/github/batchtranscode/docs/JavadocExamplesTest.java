package io.github.batchtranscode.docs;

import io.github.batchtranscode.model.Backend;
import io.github.batchtranscode.model.BlobLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.PoolStartException;
import io.github.batchtranscode.StagingException;
import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.AwaitTimeoutException;
import io.github.batchtranscode.TranscodeTimeoutException;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TaskStarted;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The usage examples of the public javadoc and of README.md, compiled: each method holds one example as it
 * appears in the {@code <pre>{@code ...}}</pre>} block of the type named in the method's name, so an API change
 * that breaks an example breaks this build. The examples that need no ffmpeg or Azure also run.
 */
class JavadocExamplesTest {
    private static final Path IN = Path.of("InputFiles");
    private static final Path OUT = Path.of("output");

    // ---- io.github.batchtranscode ----

    static void transcodeSession() {
        try (TranscodeSession session = TranscodeSession.builder().parallelism(4).build()) {
            TranscodeReport report = session.transcode(TranscodeRequest.builder()
                    .inputDirectory(Path.of("InputFiles"))
                    .outputDirectory(Path.of("output"))
                    .build());
            System.out.println(report.succeeded() + " succeeded, " + report.failed() + " failed");
        }
    }

    static void transcodeJob(TranscodeSession session, TranscodeRequest request) {
        TranscodeJob job = session.submit(request);
        job.completion().thenAccept(r -> System.out.println(r.succeeded() + " files done"));
        TranscodeReport report = job.await(Duration.ofMinutes(30));
    }

    static void transcodeListener(TranscodeSession session, TranscodeRequest request) {
        TranscodeListener listener = new TranscodeListener() {
            public void onTaskFinished(FileResult r) { System.out.println(r.input() + " " + r.status()); }
        };
        session.submit(request, listener);
    }

    static void transcodeException(TranscodeSession session, TranscodeRequest request) {
        try {
            TranscodeReport report = session.transcode(request);
            report.failedFiles().forEach(f -> System.err.println(f.input() + ": " + f.error()));
        } catch (ConfigurationException e) {
            System.err.println("fix the setting, then run again: " + e.getMessage());
        } catch (TranscodeTimeoutException | TranscodeCancelledException e) {
            System.err.println(e.getMessage());          // the partial report is on the exception
        } catch (TranscodeException e) {
            System.err.println("the run failed: " + e.getMessage());
        }
    }

    static void configurationException(TranscodeRequest request) {
        try (TranscodeSession session = TranscodeSession.builder().ffmpeg(Path.of("/opt/ffmpeg/bin")).build()) {
            session.transcode(request);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());          // names the setting and how to fix it
        }
    }

    static void stagingException(TranscodeSession session, TranscodeRequest request) {
        try {
            session.transcode(request);
        } catch (StagingException e) {
            // storage refused or was unreachable after retries: check the account, the network, then run again
            System.err.println(e.getMessage());
        }
    }

    static void poolStartException(TranscodeSession session, TranscodeRequest request) {
        try {
            session.transcode(request);
        } catch (PoolStartException e) {
            // core quota, a resize error, or the start task failing on every node (its stderr is in the message)
            System.err.println(e.getMessage());
        }
    }

    static void backendException(TranscodeSession session, TranscodeRequest request) {
        try {
            session.transcode(request);
        } catch (BackendException e) {
            System.err.println(e.getMessage() + " caused by " + e.getCause());
        }
    }

    static void transcodeTimeoutException(TranscodeJob job) {
        TranscodeReport report;
        try {
            report = job.await();
        } catch (TranscodeTimeoutException e) {
            System.err.println("stopped by " + e.limit() + " after " + e.runTimeout() + "; rerun with"
                    + " OverwritePolicy.SKIP_EXISTING for the " + e.partialReport().failed() + " unfinished files");
        }
    }

    static TranscodeReport awaitTimeoutException(TranscodeJob job) {
        TranscodeReport report;
        try {
            report = job.await(Duration.ofMinutes(10));
        } catch (AwaitTimeoutException e) {
            System.out.println(e.partialReport().succeeded() + " done so far; still running: " + e.jobId());
            report = job.await();                          // or job.cancel()
        }
        return report;
    }

    static void transcodeCancelledException(TranscodeJob job) throws IOException {
        job.cancel();
        try {
            job.await();
        } catch (TranscodeCancelledException e) {
            e.partialReport().writeJson(Path.of("output/report.json"));
        }
    }

    // ---- io.github.batchtranscode.model ----

    static TranscodeRequest transcodeRequest() {
        TranscodeRequest request = TranscodeRequest.builder()
                .inputDirectory(Path.of("InputFiles"))       // every **/*.mp4 below it
                .formats(OutputFormat.of(Preset.MP3))
                .outputDirectory(Path.of("output"))          // a/x.mp4 -> output/a/x.mp3
                .build();
        return request;
    }

    static void transcodeReport(TranscodeJob job) throws IOException {
        TranscodeReport report = job.await(Duration.ofMinutes(30));
        report.failedFiles().forEach(f -> System.err.println(f.input() + ": " + f.error()));
        report.writeJson(Path.of("output/report.json"));
        report.writeHtml(Path.of("output/report.html"));   // open it in a browser: timeline per node, failures
    }

    static AzureOptions azureOptions() {
        AzureOptions azure = AzureOptions.builder()
                .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", System.getenv("AZURE_BATCH_ACCESS_KEY"))
                .storageConnectionString(System.getenv("AZURE_STORAGE_CONNECTION_STRING"))
                .pool(PoolSpec.builder().spotNodes(5).build())
                .build();
        return azure;
    }

    static PoolSpec poolSpec() {
        PoolSpec pool = PoolSpec.builder().id("transcode-pool").spotNodes(5).vmSize("standard_d2s_v5").build();
        return pool;
    }

    static AzureOptions cleanupPolicy(AzureOptions azure) {
        AzureOptions options = azure.toBuilder()
                .cleanup(CleanupPolicy.deleteAll())          // or new CleanupPolicy(true, true, false)
                .build();
        return options;
    }

    static List<OutputFormat> outputFormat() {
        OutputFormat mp3 = OutputFormat.of(Preset.MP3);
        OutputFormat flac = OutputFormat.custom("flac", List.of("-c:a", "flac", "-ar", "48000"));
        return List.of(mp3, flac);
    }

    static TranscodeRequest preset() {
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(IN).outputDirectory(OUT)
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL))
                .build();
        List<Preset> fromText = Preset.parseList("h264-ladder,hls,thumbnail");  // CLI names or constant names
        return request;
    }

    static void transcodeRequestBuilderFormats(TranscodeRequest.Builder b) {
        b
        .formats(OutputFormat.of(Preset.MP3))
        .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL))
        .formats(OutputFormat.custom("flac", List.of("-c:a", "flac")));
    }

    static TranscodeRequest overwritePolicy() {
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(IN).outputDirectory(OUT)
                .overwrite(OverwritePolicy.SKIP_EXISTING)    // a rerun transcodes only what is missing
                .build();
        return request;
    }

    static void fileResult(TranscodeReport report) {
        for (FileResult f : report.files()) {
            System.out.println(f.input() + " " + f.status() + " on " + f.worker() + " in " + f.elapsedSeconds() + " s");
        }
        FileResult row = FileResult.builder().input("a/clip.mp4").status(FileStatus.PENDING).taskId("t-1").build();
    }

    static void outputResult(FileResult row) {
        for (OutputResult o : row.outputs()) {
            System.out.println(o.path() + " " + o.status() + " " + o.width() + "x" + o.height() + " " + o.videoCodec());
        }
    }

    static void failureCode(TranscodeReport report, List<String> retryLater, List<String> quarantine) {
        for (FileResult f : report.failedFiles()) {
            switch (f.failureCode()) {
                case TIMEOUT -> retryLater.add(f.input());          // raise fileTimeout, runTimeout or jobMaxRunTime
                case FFMPEG_EXIT, INVALID_INPUT, NO_AUDIO, NO_VIDEO, VERIFICATION -> quarantine.add(f.input());
                case SERVICE -> System.err.println(f.input() + ": Batch said " + f.serviceCode());
                default -> System.err.println(f.input() + ": " + f.failureCode() + " " + f.error());
            }
        }
    }

    static void backend(TranscodeReport report) {
        if (report.backend() == Backend.AZURE) {
            System.out.println("pool time: " + report.phaseSeconds().get("pool") + " s");
        }
    }

    static long fileStatus(TranscodeJob job) {
        long running = job.report().files().stream().filter(f -> f.status() == FileStatus.RUNNING).count();
        return running;
    }

    static double phase(TranscodeReport report) {
        double poolSeconds = report.phaseSeconds().getOrDefault(Phase.POOL.key(), 0.0);
        return poolSeconds;
    }

    static TranscodeListener phaseEvent() {
        TranscodeListener story = new TranscodeListener() {
            @Override
            public void onPhase(PhaseEvent e) {
                System.out.println(e.time() + " [" + e.phase() + "] " + e.message());
            }
        };
        return story;
    }

    static TranscodeListener progressSnapshot() {
        TranscodeListener progress = new TranscodeListener() {
            @Override
            public void onProgress(ProgressSnapshot p) {   // at most every 200 ms, at least every second while files run
                System.out.println(p.done() + "/" + p.total() + " done, " + p.failed() + " failed, "
                        + p.running() + " running, ETA " + p.eta());
            }
        };
        return progress;
    }

    static TranscodeListener taskStarted() {
        TranscodeListener starts = new TranscodeListener() {
            @Override
            public void onTaskStarted(TaskStarted t) {
                System.out.println(t.input() + " started on " + t.worker());
            }
        };
        return starts;
    }

    // ---- README.md ----

    static void readmeProgress(TranscodeSession session, TranscodeRequest request) throws IOException {
        TranscodeJob job = session.submit(request, new TranscodeListener() {
            @Override
            public void onProgress(ProgressSnapshot p) {
                System.out.println(p.done() + "/" + p.total() + " done, " + p.failed() + " failed, ETA " + p.eta());
            }
        });
        TranscodeReport report = job.await(Duration.ofHours(1));
        report.writeHtml(Path.of("output/report.html"));   // or report.toHtml() for the page as a String
    }

    static void readmeSharedKey() {
        AzureOptions azure = AzureOptions.builder()
                .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", System.getenv("AZURE_BATCH_ACCESS_KEY"))
                .storageConnectionString(System.getenv("AZURE_STORAGE_CONNECTION_STRING"))
                // or .storageAccount("mystorage", System.getenv("AZURE_STORAGE_KEY"), null)
                .pool(PoolSpec.builder().id("transcode-pool").spotNodes(5).build())
                .cleanup(CleanupPolicy.stagedInputsOnly())      // delete this run's staged inputs, keep job and pool
                .build();

        try (TranscodeSession session = TranscodeSession.builder().azure(azure).build()) {
            TranscodeReport report = session.transcode(TranscodeRequest.builder()
                    .inputDirectory(Path.of("InputFiles"))
                    .outputDirectory(Path.of("output"))          // outputs are downloaded here
                    .build());
        }
    }

    static AzureOptions readmeEntraId() {
        TokenCredential credential = new DefaultAzureCredentialBuilder().build();   // com.azure:azure-identity
        AzureOptions azure = AzureOptions.builder()
                .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", credential)
                .storageCredential("https://mystorage.blob.core.windows.net", credential)
                .build();
        return azure;
    }

    static void readmeQuickStart() throws IOException {
        try (TranscodeSession session = TranscodeSession.builder().parallelism(4).build()) {
            TranscodeJob job = session.submit(TranscodeRequest.builder()
                    .inputDirectory(Path.of("InputFiles"))      // every **/*.mp4 below it
                    .formats(OutputFormat.of(Preset.MP3))       // or AAC (.m4a), OPUS, OutputFormat.custom("flac", List.of("-c:a", "flac"))
                    .outputDirectory(Path.of("output"))         // a/x.mp4 -> output/a/x.mp3
                    .build());
            TranscodeReport report = job.await(Duration.ofMinutes(30));   // or job.completion(): CompletableFuture
            report.failedFiles().forEach(f -> System.err.println(f.input() + ": " + f.error()));
            report.writeJson(Path.of("output/report.json"));
            report.writeHtml(Path.of("output/report.html"));
        }
    }

    static void readmeVideo(TranscodeSession session) {
        TranscodeReport report = session.transcode(TranscodeRequest.builder()
                .inputDirectory(Path.of("videos")).outputDirectory(Path.of("out"))
                .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL))
                .build());
        report.files().forEach(f -> f.outputs().forEach(o -> System.out.println(o.path() + " " + o.height() + "p " + o.status())));
    }

    static TranscodeRequest readmeBlobs() {
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of("media", "raw/2024"))   // media/raw/2024/**/*.mp4; globs apply below the prefix
                .outputBlobs(BlobLocation.of("media", "mp3/2024"))  // raw/2024/a/x.mp4 -> mp3/2024/a/x.mp3
                .build();
        return request;
    }

    static TranscodeReport readmeTimeLimits(TranscodeJob job) {
        TranscodeReport report;
        try {
            report = job.await(Duration.ofMinutes(10));
        } catch (AwaitTimeoutException e) {          // only the waiting ended
            report = job.await();                    // or job.cancel()
        } catch (TranscodeTimeoutException e) {      // runTimeout or jobMaxRunTime passed: the run ended (e.limit())
            report = e.partialReport();
        }
        return report;
    }

    static void readmeReport(TranscodeReport report, List<String> retryLater) {
        for (FileResult f : report.failedFiles()) {
            switch (f.failureCode()) {
                case TIMEOUT -> retryLater.add(f.input());
                case SERVICE -> System.err.println(f.input() + ": Batch said " + f.serviceCode());
                default -> System.err.println(f.input() + ": " + f.failureCode() + " " + f.error());
            }
        }
    }

    // ---- the examples that need neither ffmpeg nor Azure run, too ----

    @Test
    void theValueExamplesBuildWhatTheySay() {
        assertThat(transcodeRequest().formats().get(0)).isEqualTo(OutputFormat.of(Preset.MP3));
        assertThat(preset().formats()).extracting(OutputFormat::preset)
                .containsExactly(Preset.H264_LADDER, Preset.HLS, Preset.THUMBNAIL);
        assertThat(overwritePolicy().overwrite()).isEqualTo(OverwritePolicy.SKIP_EXISTING);
        assertThat(poolSpec().spotNodes()).isEqualTo(5);
        assertThat(outputFormat()).extracting(OutputFormat::extension).containsExactly("mp3", "flac");
        AzureOptions azure = AzureOptions.builder()
                .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", "a2V5")
                .storageAccount("mystorage", "a2V5", null)
                .build();
        assertThat(cleanupPolicy(azure).cleanup()).isEqualTo(CleanupPolicy.deleteAll());
    }

    @Test
    void theListenerExamplesAcceptEvents() {
        java.time.Instant now = java.time.Instant.now();
        phaseEvent().onPhase(new PhaseEvent(Phase.POOL, "Creating pool", now));
        progressSnapshot().onProgress(new ProgressSnapshot(5, 2, 1, 1, 1, Duration.ofSeconds(3), 1.0, Duration.ofSeconds(2)));
        taskStarted().onTaskStarted(new TaskStarted("a.mp4", "a-1", "local-1", now));
        TranscodeReport report = TranscodeReport.builder().jobId("r").backend(Backend.LOCAL).complete(true)
                .files(List.of()).startTime(now).endTime(now).phaseSeconds(java.util.Map.of("pool", 4.5)).retries(0)
                .warnings(List.of()).build();
        assertThat(phase(report)).isEqualTo(4.5);
    }
}
