package io.github.batchtranscode.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.ProgressSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressConsoleTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void inATerminalTheLineIsRedrawnInPlaceAndStoryLinesPrintAboveIt() {
        ProgressConsole console = new ProgressConsole(out, true, 100, nanos::get);
        console.println("Creating pool...");
        console.progress(snapshot(1, 2));
        console.progress(snapshot(2, 1));
        console.println("  a.mp4 -> a.mp3");
        console.clear();
        console.println("Success!");

        String c = ProgressConsole.CLEAR;
        assertThat(text()).isEqualTo("Creating pool...\n"
                + c + ProgressLine.live(snapshot(1, 2), 99)
                + c + ProgressLine.live(snapshot(2, 1), 99)
                + c + "  a.mp4 -> a.mp3\n" + ProgressLine.live(snapshot(2, 1), 99)
                + c + "Success!\n");
    }

    @Test
    void elsewhereProgressIsAnOccasionalPlainLineWithoutControlCharacters() {
        ProgressConsole console = new ProgressConsole(out, false, 100, nanos::get);
        console.progress(snapshot(1, 2));                 // too soon after the start
        tick(ProgressConsole.PLAIN_INTERVAL_NANOS);
        console.progress(snapshot(1, 2));                 // logged
        console.println("  b.mp4 -> b.mp3");
        tick(ProgressConsole.PLAIN_INTERVAL_NANOS);
        console.progress(snapshot(1, 2));                 // nothing changed: not logged again
        console.progress(snapshot(2, 1));                 // changed and due: logged
        tick(ProgressConsole.PLAIN_INTERVAL_NANOS / 2);
        console.progress(snapshot(3, 0));                 // changed, not due
        tick(ProgressConsole.PLAIN_INTERVAL_NANOS);
        console.progress(snapshot(5, 0));                 // the run is over: the summary says the rest
        console.clear();

        assertThat(text()).isEqualTo(ProgressLine.plain(snapshot(1, 2)) + "\n  b.mp4 -> b.mp3\n"
                + ProgressLine.plain(snapshot(2, 1)) + "\n");
        assertThat(text()).doesNotContain("\r").doesNotContain("\033");
    }

    @Test
    void theLiveLineFitsTheTerminalSoRedrawingNeverWraps() {
        ProgressConsole console = new ProgressConsole(out, true, 40, nanos::get);
        console.progress(snapshot(1, 2));
        assertThat(text().substring(ProgressConsole.CLEAR.length())).hasSizeLessThan(40);
    }

    private static ProgressSnapshot snapshot(int done, int running) {
        return new ProgressSnapshot(5, done, 0, running, 5 - done - running, Duration.ofSeconds(done), done / 2.0,
                done == 0 ? null : Duration.ofSeconds(5 - done));
    }

    private void tick(long n) {
        nanos.addAndGet(n);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
