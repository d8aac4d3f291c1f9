package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report as a user opens it: a real headless Chromium loads the file from disk, runs its script, and
 * takes a screenshot, left in {@code target/chromium-report/report.png} for a person to look at.
 */
class HtmlReportChromiumIT {
    private static final Path DIR = Path.of("target", "chromium-report").toAbsolutePath();
    private static final Pattern BAR = Pattern.compile("<rect [^>]*class=\"bar (ok|failed|stopped|running)\"");

    private static HeadlessChromium chromium;

    @BeforeAll
    static void chromium() throws Exception {
        Files.createDirectories(DIR);
        chromium = HeadlessChromium.require(DIR);
    }

    @Test
    void theReportLoadsWithoutScriptErrorsWithOneBarPerTaskAndTheHostileNameAsText() throws Exception {
        TranscodeReport report = SampleReports.azureRun();
        Path page = DIR.resolve("report.html");
        report.writeHtml(page);

        HeadlessChromium.Result r = chromium.dumpDom(page);

        assertThat(r.log()).as("console").doesNotContain("Uncaught").doesNotContain(":ERROR:CONSOLE");
        assertThat(r.dom()).as("the script ran to its end").contains("id=\"report-ready\"").contains("data-bars=\"11\"");
        assertThat(bars(r.dom())).isEqualTo(11);
        assertThat(r.dom()).contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'quotes'.mp4")
                .doesNotContain("<script>alert");
        assertThat(r.dom().split("<script", -1)).as("the page's own script only").hasSize(2);
    }

    @Test
    void aLocalRunWithManyWorkersHasOneBarPerFile() throws Exception {
        Path page = DIR.resolve("local-report.html");
        SampleReports.localRun(64, 8).writeHtml(page);

        HeadlessChromium.Result r = chromium.dumpDom(page);

        assertThat(r.log()).doesNotContain("Uncaught");
        assertThat(bars(r.dom())).isEqualTo(64);
        assertThat(r.dom()).contains("data-bars=\"64\"").contains("data-worker=\"local-8\"");
    }

    @Test
    void aScreenshotShowsTheTimelineInTheOutcomeColours() throws Exception {
        Path page = DIR.resolve("report.html");
        SampleReports.azureRun().writeHtml(page);
        Path png = DIR.resolve("report.png");

        chromium.screenshot(page, png, 1200, 800);

        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(800);
        Set<Integer> colours = new HashSet<>();
        boolean green = false;
        boolean red = false;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                green |= rgb == 0x2da44e;
                red |= rgb == 0xcf222e;
            }
        }
        assertThat(colours).as("distinct colours").hasSizeGreaterThan(50);
        assertThat(green).as("a succeeded bar (#2da44e) is on screen").isTrue();
        assertThat(red).as("a failed bar (#cf222e) is on screen").isTrue();
    }

    private static int bars(String dom) {
        Matcher m = BAR.matcher(dom);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
