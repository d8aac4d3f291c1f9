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

    private static final FileResult OK = new FileResult("sub/b clip.mp4", "sub/b clip.mp3", FileStatus.SUCCEEDED, 0, null,
            null, 10.0, 10.03, T0, T1, 1, 0, "b_clip_mp4-0123456789abcdef", "local-1", 1234, 567L, null);
    private static final FileResult BAD = new FileResult("a.mp4", null, FileStatus.FAILED, 1, "ffmpeg exited with code 1:"
            + " a.mp4: Invalid data found when processing input", "FFMPEG_EXIT", null, null, T0, T1, 1, 0,
            "a_mp4-fedcba9876543210", "local-2", 20, null, null);

    private final TranscodeReport report = TranscodeReport.of("local-20261122-100000-abcd", "local", true,
            List.of(OK, BAD), T0, T1, Map.of("running", 2.5), 0, List.of());

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
        OutputResult hd = new OutputResult("v.720p.mp4", "h264-ladder", FileStatus.SUCCEEDED, null, 1280, 720, "h264",
                "aac", 2.0, 9000L, "libopenh264");
        OutputResult sd = new OutputResult("v.360p.mp4", "h264-ladder", FileStatus.FAILED, "output is 1.00 s long",
                null, null, null, null, 1.0, null, "libopenh264");
        FileResult row = new FileResult("v.mp4", null, FileStatus.FAILED, 0, "v.360p.mp4: output is 1.00 s long",
                "VERIFICATION", 2.0, 2.0, T0, T1, 1, 0, "v_mp4-0123456789abcdef", "local-1", 99, null, null,
                List.of(hd, sd));
        TranscodeReport r = TranscodeReport.of("run", "local", true, List.of(row), T0, T1, Map.of(), 0, List.of());

        JsonNode outputs = new ObjectMapper().readTree(r.toJson()).get("files").get(0).get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).fieldNames()).toIterable().startsWith("path", "preset", "status", "error", "width",
                "height", "videoCodec", "audioCodec", "durationSeconds", "bytes");
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
    void totalsMustMatchTheRows() {
        assertThatThrownBy(() -> new TranscodeReport("j", "local", true, 2, 0, List.of(OK, BAD), T0, T1, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsAreValidated() {
        assertThatThrownBy(() -> new FileResult("x.mp4", null, FileStatus.FAILED, 1, " ", null, null, null, null, null,
                1, 0, "id", null, 0, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.mp4");
        assertThatThrownBy(() -> new FileResult("x.mp4", "x.mp3", FileStatus.SUCCEEDED, 0, "oops", null, null, null, null,
                null, 1, 0, "id", null, 0, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageIsNotAReport() {
        assertThatThrownBy(() -> TranscodeReport.fromJson("{not json")).hasMessageContaining("not a transcode report");
    }
}
