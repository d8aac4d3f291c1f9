package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code report.json} is a contract: {@code report-contract.json} was written by the 0.x records (before the
 * builders) and the builder-made report must write it byte for byte, and read it back to an equal report. Fields are
 * only ever added: {@code timeline} (empty here) and each output's {@code blob} came later, and JSON written without
 * them still reads back.
 */
class ReportJsonContractTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-22T10:00:02.500Z");

    static TranscodeReport sample() {
        OutputResult hd = OutputResult.builder().path("v/v.720p.mp4").blob("out/v/v.720p.mp4").preset("h264-ladder").status(FileStatus.SUCCEEDED)
                .width(1280).height(720).videoCodec("h264").audioCodec("aac").durationSeconds(2.0).bytes(9000L)
                .encoder("libopenh264").build();
        OutputResult sd = OutputResult.builder().path("v/v.360p.mp4").preset("h264-ladder").status(FileStatus.FAILED)
                .error("output is 1.00 s long").width(640).height(360).videoCodec("h264").durationSeconds(1.0)
                .encoder("libopenh264").build();
        FileResult ok = FileResult.builder().input("a.mp4").output("a.mp3").status(FileStatus.SUCCEEDED).exitCode(0)
                .inputDurationSeconds(10.0).outputDurationSeconds(10.03).startTime(T0).endTime(T1).attempts(1)
                .taskId("a_mp4-0123456789abcdef").worker("tvm-1_1").inputBytes(1234).outputBytes(567L)
                .outputBlob("outputs/abc/a.mp3").build();
        FileResult service = FileResult.builder().input("b.mp4").status(FileStatus.FAILED)
                .error("the input blob is missing").serviceCode("BlobNotFound").endTime(T1).requeues(2)
                .taskId("b_mp4-1").inputBytes(20).build();
        FileResult timeout = FileResult.builder().input("c.mp4").status(FileStatus.FAILED)
                .error("ffmpeg did not finish within PT1S").failureCode(FailureCode.TIMEOUT).inputDurationSeconds(3.5)
                .startTime(T0).endTime(T1).attempts(3).taskId("c_mp4-2").worker("local-2").inputBytes(30).build();
        FileResult video = FileResult.builder().input("v.mp4").status(FileStatus.FAILED).exitCode(0)
                .error("v.360p.mp4: output is 1.00 s long").failureCode(FailureCode.VERIFICATION)
                .inputDurationSeconds(2.0).outputDurationSeconds(2.0).startTime(T0).endTime(T1).attempts(1)
                .taskId("v_mp4-3").worker("local-1").inputBytes(99).outputBytes(9000L).outputs(List.of(hd, sd)).build();
        FileResult pending = FileResult.builder().input("w.mp4").status(FileStatus.PENDING).taskId("w_mp4-4")
                .inputBytes(5).build();
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("staging", 1.25);
        phases.put("pool", 30.0);
        phases.put("running", 2.5);
        return TranscodeReport.builder().jobId("job-1").backend(Backend.AZURE).complete(false)
                .files(List.of(video, timeout, ok, service, pending)).startTime(T0).endTime(T1).phaseSeconds(phases)
                .retries(3).addWarning("node tvm-2: start task failed").build();
    }

    private static String golden() throws IOException {
        try (InputStream in = ReportJsonContractTest.class.getResourceAsStream("report-contract.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesTheSameJsonAsBefore() throws IOException {
        assertThat(sample().toJson()).isEqualTo(golden());
        assertThat(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(sample())))
                .isEqualTo(new ObjectMapper().readTree(golden()));
    }

    @Test
    void readsJsonWrittenBeforeTheTimelineWithAnEmptyOne() throws IOException {
        String before = golden().replaceFirst("(?s)  \"timeline\" : \\{.*?\n  },\n", "");

        assertThat(before).doesNotContain("timeline").contains("\"retries\" : 3");
        assertThat(TranscodeReport.fromJson(before)).isEqualTo(sample());
        assertThat(TranscodeReport.fromJson(before).timeline()).isEqualTo(PhaseTimeline.EMPTY);
    }

    @Test
    void readsJsonWrittenBeforeOutputBlobsWithNullBlobs() throws IOException {
        String before = golden().replaceAll(",\n *\"blob\" : [^\n]*", "");

        assertThat(before).doesNotContain("\"blob\"").contains("\"outputBlob\"");
        TranscodeReport read = TranscodeReport.fromJson(before);
        assertThat(video(read).outputs()).extracting(OutputResult::blob).containsExactly(null, null);
        assertThat(video(read).outputs().get(0).toBuilder().blob("out/v/v.720p.mp4").build())
                .isEqualTo(video(sample()).outputs().get(0));
    }

    @Test
    void anOutputsBlobIsWrittenAndReadBackAndNamedInToString() throws IOException {
        OutputResult hd = video(TranscodeReport.fromJson(golden())).outputs().get(0);

        assertThat(hd.blob()).isEqualTo("out/v/v.720p.mp4");
        assertThat(hd.toString()).contains("blob=out/v/v.720p.mp4");
        assertThat(hd.toBuilder().blob(null).build()).isNotEqualTo(hd);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> OutputResult.builder().blob(" ")).withMessageContaining("blob is blank");
    }

    private static FileResult video(TranscodeReport r) {
        return r.files().stream().filter(f -> f.input().equals("v.mp4")).findFirst().orElseThrow();
    }

    @Test
    void readsTheOldJsonBackToAnEqualReport() throws IOException {
        TranscodeReport read = TranscodeReport.fromJson(golden());

        assertThat(read).isEqualTo(sample()).hasSameHashCodeAs(sample());
        assertThat(new ObjectMapper().readValue(golden(), TranscodeReport.class)).isEqualTo(sample());
        FileResult service = read.files().get(1);
        assertThat(service.failureCode()).isEqualTo(FailureCode.SERVICE);
        assertThat(service.serviceCode()).isEqualTo("BlobNotFound");
        assertThat(read.files().get(2).failureCode()).isEqualTo(FailureCode.TIMEOUT);
        assertThat(read.files().get(2).serviceCode()).isNull();
        assertThat(read.backend()).isEqualTo(Backend.AZURE);
        assertThat(read.succeeded()).isEqualTo(1);
        assertThat(read.failed()).isEqualTo(3);
    }

    @Test
    void toBuilderMakesAnEqualValueAndChangesOnlyWhatIsSet() {
        TranscodeReport report = sample();
        FileResult row = report.files().get(1);

        assertThat(report.toBuilder().build()).isEqualTo(report);
        assertThat(row.toBuilder().build()).isEqualTo(row).hasSameHashCodeAs(row);
        FileResult changed = row.toBuilder().failureCode(FailureCode.CANCELLED).build();
        assertThat(changed.failureCode()).isEqualTo(FailureCode.CANCELLED);
        assertThat(changed.serviceCode()).isNull();
        assertThat(changed).isNotEqualTo(row);
        assertThat(report.toBuilder().addWarning("w").build().warnings()).hasSize(2);
        assertThat(report.toString()).contains("job-1", "azure", "failed=3");
        assertThat(row.toString()).contains("b.mp4", "BlobNotFound");
    }

    @Test
    void everyFailureCodeRoundTripsByName() {
        for (FailureCode code : FailureCode.values()) {
            if (code != FailureCode.SERVICE) {
                assertThat(FailureCode.fromJson(code.name())).isEqualTo(code);
            }
        }
        assertThat(FailureCode.fromJson("ResourceFileDownloadFailed")).isEqualTo(FailureCode.SERVICE);
        assertThat(Backend.fromJson("local")).isEqualTo(Backend.LOCAL);
        assertThat(Backend.AZURE.json()).isEqualTo("azure");
    }
}
