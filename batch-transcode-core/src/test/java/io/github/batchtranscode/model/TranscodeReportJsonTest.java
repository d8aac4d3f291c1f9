package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscodeReportJsonTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-22T10:00:02.500Z");

    private static final FileResult OK = FileResult.builder().input("sub/b clip.mp4").output("sub/b clip.mp3")
            .status(FileStatus.SUCCEEDED).exitCode(0).inputDurationSeconds(10.0).outputDurationSeconds(10.03)
            .startTime(T0).endTime(T1).attempts(1).taskId("b_clip_mp4-0123456789abcdef").worker("local-1")
            .inputBytes(1234).outputBytes(567L).build();
    private static final FileResult BAD = FileResult.builder().input("a.mp4").status(FileStatus.FAILED).exitCode(1)
            .error("ffmpeg exited with code 1:" + " a.mp4: Invalid data found when processing input")
            .failureCode(FailureCode.FFMPEG_EXIT).startTime(T0).endTime(T1).attempts(1).taskId("a_mp4-fedcba9876543210")
            .worker("local-2").inputBytes(20).build();

    private final TranscodeReport report = TranscodeReport.builder().jobId("local-20261122-100000-abcd")
            .backend(Backend.LOCAL).complete(true).files(List.of(OK, BAD)).startTime(T0).endTime(T1)
            .phaseSeconds(Map.of("running", 2.5)).retries(0).warnings(List.of()).build();

    @Test
    void hasTheDocumentedFieldsReadableByAPlainObjectMapper() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.get("succeeded").asInt()).isEqualTo(1);
        assertThat(json.get("failed").asInt()).isEqualTo(1);
        JsonNode files = json.get("files");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("input").asText()).isEqualTo("a.mp4");
        assertThat(files.get(1).get("input").asText()).isEqualTo("sub/b clip.mp4");
        JsonNode bad = files.get(0);
        assertThat(bad.get("output").isNull()).isTrue();
        assertThat(bad.get("status").asText()).isEqualTo("FAILED");
        assertThat(bad.get("exitCode").asInt()).isEqualTo(1);
        assertThat(bad.get("error").asText()).contains("Invalid data");
        assertThat(bad.get("inputDurationSeconds").isNull()).isTrue();
        JsonNode ok = files.get(1);
        assertThat(ok.get("output").asText()).isEqualTo("sub/b clip.mp3");
        assertThat(ok.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ok.get("error").isNull()).isTrue();
        assertThat(ok.get("inputDurationSeconds").asDouble()).isEqualTo(10.0);
        assertThat(ok.get("outputDurationSeconds").asDouble()).isEqualTo(10.03);
        assertThat(ok.get("startTime").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(ok.get("endTime").asText()).isEqualTo("2026-11-22T10:00:02.500Z");
        assertThat(json.get("startTime").asText()).isEqualTo("2026-11-22T10:00:00Z");
    }

    @Test
    void videoRowsListEveryOutputAndRoundTrip() throws IOException {
        OutputResult hd = OutputResult.builder().path("v.720p.mp4").preset("h264-ladder").status(FileStatus.SUCCEEDED)
                .width(1280).height(720).videoCodec("h264").audioCodec("aac").durationSeconds(2.0).bytes(9000L)
                .encoder("libopenh264").build();
        OutputResult sd = OutputResult.builder().path("v.360p.mp4").preset("h264-ladder").status(FileStatus.FAILED)
                .error("output is 1.00 s long").durationSeconds(1.0).encoder("libopenh264").build();
        FileResult row = FileResult.builder().input("v.mp4").status(FileStatus.FAILED).exitCode(0)
                .error("v.360p.mp4: output is 1.00 s long").failureCode(FailureCode.VERIFICATION)
                .inputDurationSeconds(2.0).outputDurationSeconds(2.0).startTime(T0).endTime(T1).attempts(1)
                .taskId("v_mp4-0123456789abcdef").worker("local-1").inputBytes(99).outputs(List.of(hd, sd)).build();
        TranscodeReport r = TranscodeReport.builder().jobId("run").backend(Backend.LOCAL).complete(true)
                .files(List.of(row)).startTime(T0).endTime(T1).phaseSeconds(Map.of()).retries(0).warnings(List.of())
                .build();

        JsonNode outputs = new ObjectMapper().readTree(r.toJson()).get("files").get(0).get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).fieldNames()).toIterable().startsWith("path", "preset", "status", "error", "width",
                "height", "videoCodec", "audioCodec", "durationSeconds", "bytes", "encoder", "blob");
        assertThat(outputs.get(0).get("height").asInt()).isEqualTo(720);
        assertThat(outputs.get(1).get("status").asText()).isEqualTo("FAILED");
        assertThat(TranscodeReport.fromJson(r.toJson()).files().get(0).outputs()).containsExactly(hd, sd);
        assertThat(new ObjectMapper().readTree(report.toJson()).get("files").get(0).get("outputs")).isEmpty();
    }

    @Test
    void roundTripsThroughOurOwnAndAPlainObjectMapper() throws IOException {
        String json = report.toJson();

        assertThat(TranscodeReport.fromJson(json)).isEqualTo(report);
        assertThat(new ObjectMapper().readValue(json, TranscodeReport.class)).isEqualTo(report);
        assertThat(TranscodeReport.fromJson(new ObjectMapper().writeValueAsString(report))).isEqualTo(report);
    }

    @Test
    void rowsAreSortedByInput() {
        assertThat(report.files()).extracting(FileResult::input).containsExactly("a.mp4", "sub/b clip.mp4");
        assertThat(report.failedFiles()).containsExactly(BAD);
        assertThat(report.allSucceeded()).isFalse();
    }

    @Test
    void writesAFileThatReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/nested/report.json");

        report.writeJson(file);
        report.writeJson(file);

        assertThat(TranscodeReport.fromJson(Files.readString(file))).isEqualTo(report);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void totalsWrittenInTheJsonMustMatchTheRows() {
        String tampered = report.toJson().replace("\"succeeded\" : 1", "\"succeeded\" : 2");

        assertThatThrownBy(() -> TranscodeReport.fromJson(tampered)).hasMessageContaining("totals 2/1");
    }

    @Test
    void rowsAreValidated() {
        assertThatThrownBy(() -> FileResult.builder().input("x.mp4").status(FileStatus.FAILED).error(" ")
                .failureCode(FailureCode.FFMPEG_EXIT).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("x.mp4");
        assertThatThrownBy(() -> FileResult.builder().input("x.mp4").status(FileStatus.FAILED).error("boom").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failureCode");
        assertThatThrownBy(() -> FileResult.builder().input("x.mp4").output("x.mp3").status(FileStatus.SUCCEEDED)
                .error("oops").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FileResult.builder().attempts(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempts");
        assertThatThrownBy(() -> FileResult.builder().status(FileStatus.PENDING).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("input");
        assertThatThrownBy(() -> TranscodeReport.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backend");
    }

    @Test
    void garbageIsNotAReport() {
        assertThatThrownBy(() -> TranscodeReport.fromJson("{not json")).hasMessageContaining("not a transcode report");
    }
}
