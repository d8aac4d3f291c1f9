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
        OutputResult video = OutputResult.builder().path("a.720p.mp4").preset("h264-720p")
                .status(FileStatus.SUCCEEDED).width(1280).height(720).videoCodec("h264").audioCodec("aac")
                .durationSeconds(4.0).bytes(12_345L).encoder("libopenh264").build();
        FileResult ok = FileResult.builder().input("a.mp4").output("a.720p.mp4").status(FileStatus.SUCCEEDED)
                .exitCode(0).inputDurationSeconds(4.0).outputDurationSeconds(4.01).startTime(T0)
                .endTime(T0.plusSeconds(3)).attempts(1).taskId("t-a").worker("tvmps_1").inputBytes(100)
                .outputBytes(12_345L).outputBlob("outputs/k/a.720p.mp4").outputs(List.of(video)).build();
        FileResult bad = FileResult.builder().input("b \"<x>\".mp4").status(FileStatus.FAILED)
                .error("ffmpeg said: \"é\"\n| x").failureCode(FailureCode.VERIFICATION).endTime(T0).requeues(2)
                .taskId("t-b").build();
        FileResult service = FileResult.builder().input("c.mp4").status(FileStatus.FAILED).error("the service said")
                .failureCode(FailureCode.SERVICE).serviceCode("TaskFailedToStart").endTime(T0).taskId("t-c").build();
        PhaseTimeline timeline = new PhaseTimeline(Map.of("running", 3.0), Map.of("running", 2.5, "cleanup", 0.5),
                List.of(new PhaseTimeline.Span("running", T0, T0.plusMillis(2500))));
        TranscodeReport report = TranscodeReport.builder().jobId("job-1").backend(Backend.AZURE).complete(true)
                .files(List.of(ok, bad, service)).startTime(T0).endTime(T0.plusSeconds(3))
                .phaseSeconds(Map.of("running", 3.0)).retries(2).warnings(List.of("a node's start task failed"))
                .timeline(timeline).build();
        TranscodeReport empty = TranscodeReport.builder().jobId("r").backend(Backend.LOCAL).build();

        for (TranscodeReport r : List.of(report, empty, SampleReports.azureRun(), SampleReports.localRun(9, 3))) {
            assertThat(ReportJson.write(r)).isEqualTo(ReportJson.writeBound(r));
            assertThat(TranscodeReport.fromJson(ReportJson.write(r))).isEqualTo(r);
        }
    }
}
