package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer writes exactly what data binding writes from the model's annotations, so the contract holds. */
class ReportWriterTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123456789Z");

    @Test
    void writesTheSameTextAsDataBindingForEveryKindOfRow() {
        OutputResult video = new OutputResult("a.720p.mp4", "h264-720p", FileStatus.SUCCEEDED, null, 1280, 720, "h264",
                "aac", 4.0, 12_345L, "libopenh264");
        FileResult ok = new FileResult("a.mp4", "a.720p.mp4", FileStatus.SUCCEEDED, 0, null, null, 4.0, 4.01, T0,
                T0.plusSeconds(3), 1, 0, "t-a", "tvmps_1", 100L, 12_345L, "outputs/k/a.720p.mp4", List.of(video));
        FileResult bad = new FileResult("b \"<x>\".mp4", null, FileStatus.FAILED, null, "ffmpeg said: \"é\"\n| x",
                "VERIFICATION", null, null, null, T0, 0, 2, "t-b", null, 0L, null, null);
        PhaseTimeline timeline = new PhaseTimeline(Map.of("running", 3.0), Map.of("running", 2.5, "cleanup", 0.5),
                List.of(new PhaseTimeline.Span("running", T0, T0.plusMillis(2500))));
        TranscodeReport report = TranscodeReport.of("job-1", "azure", true, List.of(ok, bad), T0, T0.plusSeconds(3),
                Map.of("running", 3.0), 2, List.of("a node's start task failed"), timeline);
        TranscodeReport empty = TranscodeReport.of("r", "local", false, List.of(), null, null, null, 0, null);

        for (TranscodeReport r : List.of(report, empty, SampleReports.azureRun(), SampleReports.localRun(9, 3))) {
            assertThat(ReportJson.write(r)).isEqualTo(ReportJson.writeBound(r));
            assertThat(TranscodeReport.fromJson(ReportJson.write(r))).isEqualTo(r);
        }
    }
}
