package io.github.batchtranscode.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.ProgressSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final ProgressSnapshot MIDWAY = new ProgressSnapshot(12, 6, 1, 3, 2, Duration.ofSeconds(9), 0.8,
            Duration.ofMillis(6200));

    @Test
    void theLiveLineShowsABarDoneOverTotalFailedRunningThroughputAndEta() {
        assertThat(ProgressLine.live(MIDWAY, 100))
                .isEqualTo("[=====>    ] 7/12 files, 1 failed, 3 running, 48.0 files/min, ETA 0:07");
    }

    @Test
    void aNarrowTerminalLosesTheBarFirstThenTheLineIsCut() {
        assertThat(ProgressLine.live(MIDWAY, 60)).isEqualTo("7/12 files, 1 failed, 3 running, 48.0 files/min, ETA 0:07");
        assertThat(ProgressLine.live(MIDWAY, 20)).hasSize(20).isEqualTo("7/12 files, 1 fai...");
    }

    @Test
    void beforeAnyFileFinishedThereIsNoRateOrEta() {
        ProgressSnapshot start = new ProgressSnapshot(5, 0, 0, 2, 3, Duration.ofSeconds(1), 0, null);
        assertThat(ProgressLine.live(start, 100))
                .isEqualTo("[>         ] 0/5 files, 0 failed, 2 running, -- files/s, ETA --");
    }

    @Test
    void aFinishedRunFillsTheBar() {
        ProgressSnapshot done = new ProgressSnapshot(5, 4, 1, 0, 0, Duration.ofSeconds(3), 2.5, Duration.ZERO);
        assertThat(ProgressLine.live(done, 100))
                .isEqualTo("[==========] 5/5 files, 1 failed, 0 running, 2.5 files/s, ETA 0:00");
    }

    @Test
    void aRunOfHundredsOfFilesFitsAnEightyColumnTerminalWithItsBar() {
        ProgressSnapshot wide = new ProgressSnapshot(500, 300, 40, 20, 140, Duration.ofMinutes(20), 13.9,
                Duration.ofSeconds(3723));
        assertThat(ProgressLine.live(wide, 79)).startsWith("[").hasSizeLessThanOrEqualTo(79);
    }

    @Test
    void thePlainLineIsForLogs() {
        assertThat(ProgressLine.plain(MIDWAY))
                .isEqualTo("Progress: 7/12 files, 1 failed, 3 running, 48.0 files/min, ETA 0:07");
    }

    @Test
    void longEtasShowHours() {
        assertThat(ProgressLine.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(ProgressLine.clock(Duration.ofSeconds(750))).isEqualTo("12:30");
    }
}
