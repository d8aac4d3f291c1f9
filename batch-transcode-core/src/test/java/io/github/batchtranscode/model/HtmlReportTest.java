package io.github.batchtranscode.model;

import io.github.batchtranscode.model.Backend;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private final TranscodeReport report = SampleReports.azureRun();
    private final String html = report.toHtml();

    @Test
    void everyUserTextIsEscapedSoAHostileFileNameRendersAsText() {
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;.mp4");
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<never started>").doesNotContain("<exit 1>")
                .doesNotContain("job-<b>");
        assertThat(count(html, "<script")).as("only the page's own script").isEqualTo(1);
    }

    @Test
    void oneBarPerTaskThatStartedInOneLanePerNodeInNaturalOrder() {
        assertThat(count(html, "<rect class=\"bar ")).isEqualTo(11);
        assertThat(html).contains("<body data-tasks=\"11\"").contains("1 file never started and has no bar.");
        List<String> lanes = all(html, "<g class=\"lane\" data-worker=\"([^\"]*)\"");
        assertThat(lanes).containsExactly("tvmps_node-1_d", "tvmps_node-2_d", "tvmps_node-10_d");
    }

    @Test
    void barsAreColouredByOutcomeAndNameTheirFileOnHover() {
        assertThat(count(html, "class=\"bar ok\"")).isEqualTo(8);
        assertThat(count(html, "class=\"bar failed\"")).isEqualTo(2);
        assertThat(count(html, "class=\"bar stopped\"")).isEqualTo(1);
        assertThat(html).contains("<title>clips/video-0.mp4\nSucceeded · 20.0 s · tvmps_node-10_d</title>");
        assertThat(html).contains("Failed (FFMPEG_EXIT) · 14.0 s");
    }

    @Test
    void aBarNamesEveryBlobItsOutputsWereWrittenTo() {
        FileResult row = SampleReports.succeeded("a.mp4", "local-1", 0, 50, 1).toBuilder().outputs(List.of(
                OutputResult.builder().path("a.mp3").blob("out/a.mp3").preset("mp3").status(FileStatus.SUCCEEDED)
                        .build(),
                OutputResult.builder().path("a.hls/master.m3u8").blob("out/a <&>.hls/master.m3u8").preset("hls")
                        .status(FileStatus.SUCCEEDED).build(),
                OutputResult.builder().path("a.jpg").preset("thumbnail").status(FileStatus.FAILED).error("no frame")
                        .build())).build();
        String page = TranscodeReport.builder().jobId("r").backend(Backend.LOCAL).complete(true).files(List.of(row))
                .startTime(SampleReports.T0).endTime(SampleReports.T0.plusSeconds(50)).phaseSeconds(Map.of())
                .retries(0).warnings(List.of()).build().toHtml();

        assertThat(page).contains("· local-1\n→ out/a.mp3\n→ out/a &lt;&amp;&gt;.hls/master.m3u8</title>");
        assertThat(html).as("rows without blobs name none").doesNotContain("\n→ ");
    }

    @Test
    void aBarSpansItsTaskFromStartToEndOnTheRunsTimeScale() {
        TranscodeReport two = TranscodeReport.builder().jobId("r").backend(Backend.LOCAL).complete(true)
                .files(List.of(SampleReports.succeeded("a.mp4", "local-1", 0, 50, 1), SampleReports.succeeded("b.mp4", "local-2", 50, 100, 2)))
                .startTime(SampleReports.T0).endTime(SampleReports.T0.plusSeconds(100)).phaseSeconds(Map.of())
                .retries(0).warnings(List.of()).build();
        String page = two.toHtml();
        // chart from x=180 to x=1180 for 100 s
        assertThat(page).containsPattern("data-task=\"task-1\" x=\"180\" y=\"[0-9.]+\" width=\"500\"");
        assertThat(page).containsPattern("data-task=\"task-2\" x=\"680\" y=\"[0-9.]+\" width=\"500\"");
    }

    @Test
    void summaryShowsTotalsWallTimePhasesFailuresAndWarnings() {
        assertThat(html).contains("id=\"sum-files\">12<", "id=\"sum-succeeded\">8<", "id=\"sum-failed\">4<",
                "id=\"sum-wall\">3 min 26 s<", "id=\"sum-workers\">3<", "id=\"sum-retries\">3<");
        assertThat(html).contains("<td>pool</td><td class=\"num\">40.0 s</td>", "<td>running</td><td class=\"num\">2 min 20 s</td>");
        assertThat(html).contains("Failures (4)", "moov atom not found", "BlobNotFound", "(1 requeued)");
        assertThat(html).contains("Warnings (1)", "start task failed &lt;exit 1&gt; &amp; was taken out");
        assertThat(html).doesNotContain("Partial report");
    }

    @Test
    void thePageNeedsNoNetwork() {
        assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain(" src=")
                .doesNotContain("<link").doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void aPartialReportSaysSoAndDrawsRunningTasksUpToItsEnd() {
        FileResult running = FileResult.builder().input("a.mp4")
                .status(io.github.batchtranscode.model.FileStatus.RUNNING).startTime(SampleReports.T0).attempts(1)
                .taskId("task-1").worker("local-1").inputBytes(10).build();
        TranscodeReport partial = TranscodeReport.builder().jobId("r").backend(Backend.LOCAL).complete(false)
                .files(List.of(running)).startTime(SampleReports.T0).endTime(SampleReports.T0.plusSeconds(10))
                .phaseSeconds(Map.of()).retries(0).warnings(List.of()).build();
        String page = partial.toHtml();
        assertThat(page).contains("Partial report").contains("class=\"bar running\"").contains("No file failed.");
        assertThat(page).containsPattern("data-task=\"task-1\" x=\"180\" y=\"[0-9.]+\" width=\"1000\"");
    }

    @Test
    void anEmptyRunStillRenders() {
        TranscodeReport empty = TranscodeReport.builder().jobId("r").backend(Backend.LOCAL).complete(true)
                .files(List.of()).startTime(Instant.EPOCH).endTime(Instant.EPOCH).phaseSeconds(Map.of()).retries(0)
                .warnings(List.of()).build();
        assertThat(empty.toHtml()).contains("No task started.").contains("id=\"sum-files\">0<");
    }

    @Test
    void writeHtmlCreatesDirectoriesAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/sub/report.html");
        report.writeHtml(file);
        assertThat(Files.readString(file)).isEqualTo(html);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> all(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
