package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import io.github.batchtranscode.testkit.batch.OperationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job's control-plane cost does not grow with its size: 400 and 1,600 files already in Blob Storage (so nothing
 * is staged), run as simulated tasks without output uploads at the same completion rate (32 slots, 500 ms a
 * task), are added with at most one {@code Task_AddCollection} per 100 tasks (+1), and while they run each poll
 * costs the same number of requests and about the same bytes. Counts, not times.
 */
@ExtendWith(AzuriteExtension.class)
class ScaleIT {
    /** What the client's monitor asks the service while tasks run; fan-out, reconcile and cleanup are outside. */
    private static final List<String> MONITORING = List.of("Job_GetTaskCounts", "Task_List", "Job_Get",
            "Pool_Get", "ComputeNode_List");

    /** Per-poll figures of one run: requests and response bytes of the monitoring operations per poll. */
    private record Run(int tasks, long adds, long polls, double requestsPerPoll, double bytesPerPoll) {
    }

    @Test
    void pollsCostTheSameAtSixteenHundredTasksAsAtFourHundredAndFanOutStaysChunked(Azurite azurite) throws Exception {
        Run small = run(azurite, 400);
        Run large = run(azurite, 1_600);

        for (Run r : List.of(small, large)) {
            assertThat(r.adds()).as("Task_AddCollection requests for %d tasks", r.tasks())
                    .isLessThanOrEqualTo((r.tasks() + 99) / 100 + 1);
            assertThat(r.polls()).as("polls while %d tasks ran", r.tasks()).isGreaterThanOrEqualTo(8);
        }
        assertThat(large.requestsPerPoll()).as("requests per poll at %d tasks: %s", large.tasks(), large)
                .isLessThanOrEqualTo(3.5);
        assertThat(large.requestsPerPoll()).as("requests per poll, 1,600 vs 400 tasks: %s, %s", large, small)
                .isLessThanOrEqualTo(small.requestsPerPoll() * 1.25);
        assertThat(large.bytesPerPoll()).as("bytes per poll, 1,600 vs 400 tasks (a full listing: 4×): %s, %s", large,
                        small)
                .isLessThanOrEqualTo(small.bytesPerPoll() * 2); // the short job's ramp polls list fewer tasks
    }

    private Run run(Azurite azurite, int tasks) throws Exception {
        try (AzureHarness azure = AzureHarness.start(azurite, b -> b.simulate(true).simulatedUploads(false)
                .simulatedTaskTime(Duration.ofMillis(500))).poolSize(4, 8)) {
            String source = "src-" + azure.poolId();
            placeholderBlobs(azure.container(source), tasks);
            AtomicReference<BatchEmulatorStats> atRunning = new AtomicReference<>();
            TranscodeListener listener = new TranscodeListener() {
                @Override
                public void onPhase(PhaseEvent event) {
                    if (event.phase() == Phase.RUNNING && atRunning.get() == null) {
                        atRunning.set(azure.emulator.stats());
                    }
                }
            };
            TranscodeRequest request = TranscodeRequest.builder().inputBlobs(BlobLocation.of(source, "media"))
                    .formats(OutputFormat.of(Preset.MP3)).verifyOutputs(false).build();
            TranscodeReport report = azure.session().submit(request, listener).await(Duration.ofMinutes(5));
            BatchEmulatorStats end = azure.emulator.stats();

            assertThat(report.files()).hasSize(tasks).allSatisfy(r -> assertThat(r.status())
                    .as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED));
            assertThat(azure.userBlobs(azure.outputContainer())).as("simulated tasks wrote no outputs").isEmpty();
            BatchEmulatorStats start = atRunning.get();
            assertThat(start).as("a RUNNING event").isNotNull();
            long polls = delta(start, end, "Job_GetTaskCounts", false);
            long requests = 0;
            long bytes = 0;
            for (String op : MONITORING) {
                requests += delta(start, end, op, false);
                bytes += delta(start, end, op, true);
            }
            return new Run(tasks, end.operation("Task_AddCollection").requests(), polls,
                    polls == 0 ? 0 : (double) requests / polls, polls == 0 ? 0 : (double) bytes / polls);
        }
    }

    /** Tiny placeholder media already in Blob Storage, so the run stages nothing (nothing decodes them). */
    private static void placeholderBlobs(BlobContainerClient container, int count) throws Exception {
        container.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = String.format(Locale.ROOT, "media/d%02d/f-%05d.mp4", i / 100, i);
                uploads.add(pool.submit(() -> container.getBlobClient(name)
                        .upload(BinaryData.fromString("placeholder " + name), true)));
            }
            for (Future<?> f : uploads) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long delta(BatchEmulatorStats from, BatchEmulatorStats to, String op, boolean bytes) {
        OperationStats a = from.operation(op);
        OperationStats b = to.operation(op);
        return bytes ? b.responseBytes() - a.responseBytes() : b.requests() - a.requests();
    }
}
