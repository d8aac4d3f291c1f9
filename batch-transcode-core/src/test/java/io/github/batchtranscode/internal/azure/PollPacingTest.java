package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPacingTest {
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final long S = 1_000_000_000L;
    private static final Duration FAST = INTERVAL.dividedBy(PollPacing.TAIL_DIVISOR);

    /** Two tasks that ran 2 s each; one still running, first seen at t = 10 s. */
    private static PollPacing lastTaskSeenAtTen() {
        PollPacing p = new PollPacing(INTERVAL);
        p.running("a", 0);
        p.completed("a", Duration.ofSeconds(2));
        p.running("b", 0);
        p.completed("b", Duration.ofSeconds(2));
        p.running("c", 10 * S);
        return p;
    }

    @Test
    void waitsTheIntervalWhileTasksStillQueueOrBeforeAnyCompleted() {
        PollPacing p = lastTaskSeenAtTen();
        assertThat(p.next(12 * S, false)).isEqualTo(INTERVAL);
        PollPacing fresh = new PollPacing(INTERVAL);
        fresh.running("a", 0);
        assertThat(fresh.next(S, true)).as("no run time to expect yet").isEqualTo(INTERVAL);
    }

    @Test
    void pollsFasterOnlyAroundTheLastTasksExpectedEnd() {
        PollPacing p = lastTaskSeenAtTen();
        assertThat(p.next(10 * S, true)).as("far from the end").isEqualTo(INTERVAL);
        assertThat(p.next(11 * S + S / 4, true)).as("sleeps up to the window's opening at 11.5 s")
                .isEqualTo(Duration.ofMillis(250));
        assertThat(p.next(11 * S + S * 6 / 10, true)).isEqualTo(FAST);
        assertThat(p.next(12 * S, true)).isEqualTo(FAST);
        assertThat(p.next(12 * S + S * 4 / 10, true)).isEqualTo(FAST);
        assertThat(p.next(12 * S + S * 6 / 10, true)).as("a task running long: back to the interval")
                .isEqualTo(INTERVAL);
    }

    @Test
    void aCompletedTaskNoLongerOpensAWindow() {
        PollPacing p = lastTaskSeenAtTen();
        p.completed("c", null);
        assertThat(p.next(12 * S, true)).isEqualTo(INTERVAL);
    }

    @Test
    void theMedianComesFromTheMostRecentRunTimes() {
        PollPacing p = new PollPacing(INTERVAL);
        for (int i = 0; i < PollPacing.SAMPLES; i++) {
            p.completed("old" + i, Duration.ofSeconds(100));
        }
        for (int i = 0; i < PollPacing.SAMPLES; i++) {
            p.completed("new" + i, Duration.ofSeconds(2));
        }
        p.running("last", 0);
        assertThat(p.next(2 * S, true)).isEqualTo(FAST);
    }
}
