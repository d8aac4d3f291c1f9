package io.github.batchtranscode.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseTimeline;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ActivitiesTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static FileResult task(String id, double start, double end) {
        return FileResult.builder().input(id + ".mp4").output(id + ".mp3").status(FileStatus.SUCCEEDED).exitCode(0)
                .startTime(at(start)).endTime(at(end)).attempts(1).taskId(id).worker("node-1").build();
    }

    /** The Azure run of the issue: downloads overlap running tasks, and the last download ends the run. */
    @Test
    void downloadsThatOverlapRunningTasksAreBusyTimeNotTheCriticalPath() {
        Map<Phase, Instant> announced = new LinkedHashMap<>();
        announced.put(Phase.PLANNING, at(0));
        announced.put(Phase.STAGING, at(1));
        announced.put(Phase.SUBMITTING, at(3));
        announced.put(Phase.RUNNING, at(4));
        announced.put(Phase.DOWNLOADING, at(20));
        announced.put(Phase.CLEANUP, at(21));
        Activities a = new Activities();
        // ten downloads of 0.1 s while tasks run, two of them overlapping; one at the end
        for (int i = 0; i < 10; i++) {
            a.add(Phase.DOWNLOADING, at(6 + i), at(6.1 + i));
        }
        a.add(Phase.DOWNLOADING, at(6.05), at(6.15));
        a.add(Phase.DOWNLOADING, at(20), at(20.5));
        List<FileResult> rows = List.of(task("a", 5, 12), task("b", 5, 19.5), task("c", 12, 19));

        PhaseTimeline t = a.timeline(announced, rows, at(0), at(22));

        assertThat(t.busySeconds().get("downloading")).isEqualTo(0.9 + 0.15 + 0.5, org.assertj.core.data.Offset
                .offset(1e-9));
        assertThat(t.busySeconds().get("running")).isEqualTo(14.5);
        assertThat(t.busySeconds().get("staging")).isEqualTo(2.0);
        assertThat(t.criticalPathSeconds().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(22.0);
        assertThat(t.criticalPathSeconds()).containsEntry("planning", 1.0).containsEntry("staging", 2.0)
                .containsEntry("submitting", 1.0)
                // 4–5 waiting for a node, 5–19.5 tasks, 19.5–20 waiting for the poll: all running
                .containsEntry("running", 16.0)
                .containsEntry("downloading", 1.0) // 20–20.5 the download, 20.5–21 announced
                .containsEntry("cleanup", 1.0);
        assertThat(t.spans()).filteredOn(s -> s.phase().equals("downloading")).hasSize(11);
        assertThat(t.spans()).filteredOn(s -> s.phase().equals("running")).singleElement()
                .satisfies(s -> assertThat(s.seconds()).isEqualTo(14.5));
    }

    @Test
    void tasksThatStartWhileOthersAreStillAddedKeepTheCriticalPathOnSubmitting() {
        Map<Phase, Instant> announced = new LinkedHashMap<>();
        announced.put(Phase.PLANNING, at(0));
        announced.put(Phase.SUBMITTING, at(1));
        announced.put(Phase.RUNNING, at(5));
        PhaseTimeline t = new Activities().timeline(announced, List.of(task("a", 2, 8)), at(0), at(8));

        assertThat(t.busySeconds()).containsEntry("submitting", 4.0).containsEntry("running", 6.0);
        assertThat(t.criticalPathSeconds()).containsEntry("planning", 1.0).containsEntry("submitting", 4.0)
                .containsEntry("running", 3.0);
    }

    @Test
    void aPartialReportCountsRunningTasksUpToNowAndNothingBeforeTheRun() {
        Map<Phase, Instant> announced = new LinkedHashMap<>();
        announced.put(Phase.RUNNING, at(0));
        FileResult attachedEarlier = task("old", -30, 2);
        FileResult running = FileResult.builder().input("r.mp4").status(FileStatus.RUNNING).startTime(at(1))
                .attempts(1).taskId("r").worker("node-1").build();
        PhaseTimeline t = new Activities().timeline(announced, List.of(attachedEarlier, running), at(0), at(4));

        assertThat(t.busySeconds()).containsEntry("running", 4.0);
        assertThat(t.criticalPathSeconds()).containsExactly(Map.entry("running", 4.0));
    }

    @Test
    void manySpansAreBridgedAcrossTheirShortestGapsButBusyTimeStaysExact() {
        TreeMap<Long, Long> spans = new TreeMap<>();
        long at = 0;
        long beforeLongGap = -1;
        for (int i = 0; i < 1000; i++) {
            Activities.merge(spans, at, at + 10);
            if (i == 500) {
                beforeLongGap = at + 10;
            }
            at += 10 + (i == 500 ? 10_000 : 5 + i % 7);
        }
        TreeMap<Long, Long> drawn = Activities.bridged(spans);

        assertThat(spans).hasSize(1000);
        assertThat(drawn).hasSizeLessThanOrEqualTo(Activities.MAX_SPANS_PER_PHASE);
        assertThat(drawn.firstKey()).isZero();
        assertThat(drawn.lastEntry().getValue()).isEqualTo(spans.lastEntry().getValue());
        assertThat(drawn.values()).as("the long gap stays open").contains(beforeLongGap);
    }

    @Test
    void overlappingAndTouchingIntervalsMerge() {
        TreeMap<Long, Long> spans = new TreeMap<>();
        Activities.merge(spans, 10, 20);
        Activities.merge(spans, 30, 40);
        Activities.merge(spans, 50, 60);
        Activities.merge(spans, 15, 50);
        Activities.merge(spans, 70, 70);

        assertThat(spans).containsExactly(Map.entry(10L, 60L), Map.entry(70L, 70L));
    }
}
