package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseTimeline;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.faults.FaultyProxy;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On Azure, outputs are downloaded while other tasks still run. The report must say so: downloading's busy time is
 * what the downloads took, not the stretch from the first download to the end of the run, and the critical path
 * splits the run's wall time between phases without overlap. The client's requests to Blob Storage are timed
 * independently of the client, by a recording proxy in front of Azurite.
 */
class PhaseTimelineIT extends AzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    /** What a fetch may cost the client besides its requests' time at the proxy: SDK, connection, writing the file. */
    private static final double CLIENT_WORK_PER_FILE = 0.25;
    private FaultyProxy proxy;

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void downloadsOverlappingTasksAreBusyTimeAndTheCriticalPathAddsUpToTheWallTime(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite);
        proxy = FaultyProxy.builder().upstream(URI.create(azurite.blobEndpoint())).start().recordExchanges(true);
        String viaProxy = azurite.connectionString().replace(azurite.blobEndpoint(),
                proxy.endpoint() + "/" + Azurite.ACCOUNT_NAME);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        int files = 10;
        MEDIA.tutorialClips(in, files, Duration.ofSeconds(6));

        TranscodeReport report = azure.session(azure.options().storageConnectionString(viaProxy).build())
                .submit(AzureHarness.request(in, out).build()).await(AzureHarness.WAIT);

        assertThat(report.allSucceeded()).as(report.failedFiles().toString()).isTrue();
        PhaseTimeline t = report.timeline();
        assertThat(t.criticalPathSeconds().values().stream().mapToDouble(Double::doubleValue).sum())
                .as("the critical path splits the wall time").isCloseTo(report.wallSeconds(), within(0.005));

        List<FaultyProxy.Exchange> clientGets = proxy.exchanges().stream()
                .filter(e -> e.method().equals("GET") && String.valueOf(e.userAgent()).contains("azsdk-java"))
                .toList();
        List<FaultyProxy.Exchange> outputGets = clientGets.stream().filter(e -> path(e).contains("/outputs/"))
                .toList();
        assertThat(outputGets).as("one GET per output").hasSize(files);
        List<FaultyProxy.Exchange> fetches = clientGets.stream()
                .filter(e -> path(e).contains("/outputs/") || path(e).endsWith("/stdout.txt")).toList();
        double getSeconds = fetches.stream().mapToDouble(e -> e.duration().toMillis() / 1000.0).sum();
        double downloading = t.busySeconds().getOrDefault(Phase.DOWNLOADING.key(), 0.0);
        assertThat(downloading).as("busy downloading: bounded by the GETs' own time (%.3f s at the proxy) and the"
                + " client's work per file", getSeconds).isPositive()
                .isLessThanOrEqualTo(getSeconds + files * CLIENT_WORK_PER_FILE);

        Instant lastTaskEnd = report.files().stream().map(FileResult::endTime).max(Comparator.naturalOrder())
                .orElseThrow();
        double afterLastTask = Duration.between(lastTaskEnd, report.endTime()).toMillis() / 1000.0;
        assertThat(report.phaseSeconds().getOrDefault(Phase.DOWNLOADING.key(), 0.0))
                .as("the announced downloading phase starts once every task has ended, not at the first download")
                .isLessThanOrEqualTo(afterLastTask);
        assertThat(t.busySeconds().get(Phase.RUNNING.key())).as("running: while any task ran")
                .isCloseTo(unionOfTasks(report, report.startTime()), within(0.002));
        assertThat(t.criticalPathSeconds().get(Phase.RUNNING.key()))
                .isGreaterThan(t.criticalPathSeconds().getOrDefault(Phase.DOWNLOADING.key(), 0.0));
        assertThat(t.spans()).extracting(PhaseTimeline.Span::phase).contains("staging", "running", "downloading");

        TranscodeReport read = TranscodeReport.fromJson(report.toJson());
        assertThat(read.timeline()).isEqualTo(t);
        assertThat(report.toHtml()).contains("<g class=\"activity\" data-phase=\"downloading\"")
                .contains("Critical path");
    }

    private static String path(FaultyProxy.Exchange e) {
        return java.net.URLDecoder.decode(e.path(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Seconds during which at least one task ran, from the rows' own times, from {@code from} on. */
    private static double unionOfTasks(TranscodeReport report, Instant from) {
        TreeMap<Long, Long> spans = new TreeMap<>();
        report.files().stream().sorted(Comparator.comparing(FileResult::startTime)).forEach(f -> {
            long s = Math.max(from.toEpochMilli(), f.startTime().toEpochMilli());
            long e = f.endTime().toEpochMilli();
            var last = spans.lastEntry();
            if (last != null && last.getValue() >= s) {
                spans.put(last.getKey(), Math.max(last.getValue(), e));
            } else {
                spans.put(s, e);
            }
        });
        return spans.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum() / 1000.0;
    }
}
