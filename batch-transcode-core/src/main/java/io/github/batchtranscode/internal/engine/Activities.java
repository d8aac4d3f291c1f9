package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intervals of work a run reported, merged per phase as they arrive, and the {@link PhaseTimeline} made from
 * them: busy time per phase, the critical path, the spans. Thread-safe. Memory stays bounded by the number of
 * disjoint intervals (overlapping ones merge on arrival), and the spans drawn per phase are capped.
 */
final class Activities {
    /** Spans per phase in a report; more are bridged across their shortest gaps. */
    static final int MAX_SPANS_PER_PHASE = 300;
    private final Map<Phase, TreeMap<Long, Long>> reported = new EnumMap<>(Phase.class);

    /** Records that work of {@code phase} ran from {@code start} to {@code end}. */
    synchronized void add(Phase phase, Instant start, Instant end) {
        merge(reported.computeIfAbsent(phase, p -> new TreeMap<>()), start.toEpochMilli(), end.toEpochMilli());
    }

    /**
     * @param announced the phases in the order they were announced, with when (a phase lasts until the next one)
     * @param rows      the files' rows: each one's task time is {@code running} work
     * @param runStart  the run's start; nothing is counted before it
     * @param runEnd    the run's end (or now, for a partial report); nothing is counted after it
     */
    synchronized PhaseTimeline timeline(Map<Phase, Instant> announced, Collection<FileResult> rows, Instant runStart,
            Instant runEnd) {
        long from = runStart.toEpochMilli();
        long to = Math.max(from, runEnd.toEpochMilli());
        List<Map.Entry<Phase, Instant>> order = new ArrayList<>(announced.entrySet());
        order.sort(Map.Entry.comparingByValue());
        long[] marks = new long[order.size()];
        Phase[] marked = new Phase[order.size()];
        Map<Phase, TreeMap<Long, Long>> busy = new EnumMap<>(Phase.class);
        for (int i = 0; i < order.size(); i++) {
            marked[i] = order.get(i).getKey();
            marks[i] = clip(order.get(i).getValue().toEpochMilli(), from, to);
        }
        reported.forEach((phase, spans) -> spans.forEach((s, e) -> mergeClipped(busy, phase, s, e, from, to)));
        for (FileResult r : rows) {
            if (r.startTime() != null) {
                long end = r.endTime() != null ? r.endTime().toEpochMilli() : to;
                mergeClipped(busy, Phase.RUNNING, r.startTime().toEpochMilli(), end, from, to);
            }
        }
        for (int i = 0; i < marked.length; i++) {
            if (!busy.containsKey(marked[i]) && marked[i] != Phase.DONE) { // no activities of its own: its turn
                mergeClipped(busy, marked[i], marks[i], i + 1 < marks.length ? marks[i + 1] : to, from, to);
            }
        }
        Map<String, Double> busySeconds = new LinkedHashMap<>();
        busy.forEach((phase, spans) -> busySeconds.put(phase.key(), seconds(spans.entrySet().stream()
                .mapToLong(e -> e.getValue() - e.getKey()).sum())));
        return new PhaseTimeline(busySeconds, critical(busy, marks, marked, from, to), spans(busy));
    }

    /**
     * Splits [from, to) between phases: each moment goes to the earliest phase busy then, or, when none is, to the
     * phase announced then (the first one before any announcement).
     */
    private static Map<String, Double> critical(Map<Phase, TreeMap<Long, Long>> busy, long[] marks, Phase[] marked,
            long from, long to) {
        List<long[]> edges = new ArrayList<>(); // time, phase ordinal, +1 / -1
        busy.forEach((phase, spans) -> spans.forEach((s, e) -> {
            edges.add(new long[] {s, phase.ordinal(), 1});
            edges.add(new long[] {e, phase.ordinal(), -1});
        }));
        for (long m : marks) {
            edges.add(new long[] {m, -1, 0});
        }
        edges.add(new long[] {to, -1, 0});
        edges.sort(Comparator.comparingLong(e -> e[0]));
        int[] active = new int[Phase.values().length];
        long[] millis = new long[Phase.values().length];
        long at = from;
        int mark = -1;
        for (long[] edge : edges) {
            if (edge[0] > at) {
                Phase owner = owner(active, mark >= 0 ? marked[mark] : marked.length > 0 ? marked[0] : null);
                if (owner != null) {
                    millis[owner.ordinal()] += edge[0] - at;
                }
                at = edge[0];
            }
            if (edge[1] >= 0) {
                active[(int) edge[1]] += (int) edge[2];
            }
            while (mark + 1 < marks.length && marks[mark + 1] <= at) {
                mark++;
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (millis[p.ordinal()] > 0) {
                result.put(p.key(), seconds(millis[p.ordinal()]));
            }
        }
        return result;
    }

    private static Phase owner(int[] active, Phase announcedNow) {
        for (Phase p : Phase.values()) {
            if (active[p.ordinal()] > 0) {
                return p;
            }
        }
        return announcedNow;
    }

    private static List<PhaseTimeline.Span> spans(Map<Phase, TreeMap<Long, Long>> busy) {
        List<PhaseTimeline.Span> all = new ArrayList<>();
        busy.forEach((phase, spans) -> {
            TreeMap<Long, Long> drawn = bridged(spans);
            drawn.forEach((s, e) -> all.add(new PhaseTimeline.Span(phase.key(), Instant.ofEpochMilli(s),
                    Instant.ofEpochMilli(e))));
        });
        all.sort(Comparator.comparing(PhaseTimeline.Span::start));
        return all;
    }

    /** The spans, with the shortest gaps closed until at most {@link #MAX_SPANS_PER_PHASE} remain. */
    static TreeMap<Long, Long> bridged(TreeMap<Long, Long> spans) {
        if (spans.size() <= MAX_SPANS_PER_PHASE) {
            return spans;
        }
        List<Map.Entry<Long, Long>> list = new ArrayList<>(spans.entrySet());
        long[] gaps = new long[list.size() - 1];
        for (int i = 0; i + 1 < list.size(); i++) {
            gaps[i] = list.get(i + 1).getKey() - list.get(i).getValue();
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        long threshold = sorted[list.size() - MAX_SPANS_PER_PHASE - 1]; // closing these leaves at most MAX spans
        TreeMap<Long, Long> out = new TreeMap<>();
        long s = list.get(0).getKey();
        long e = list.get(0).getValue();
        int closable = list.size() - MAX_SPANS_PER_PHASE;
        for (int i = 0; i + 1 < list.size(); i++) {
            if (gaps[i] <= threshold && closable > 0) {
                closable--;
                e = list.get(i + 1).getValue();
            } else {
                out.put(s, e);
                s = list.get(i + 1).getKey();
                e = list.get(i + 1).getValue();
            }
        }
        out.put(s, e);
        return out;
    }

    private static void mergeClipped(Map<Phase, TreeMap<Long, Long>> into, Phase phase, long s, long e, long from,
            long to) {
        long cs = clip(s, from, to);
        long ce = clip(e, from, to);
        if (ce > cs) {
            merge(into.computeIfAbsent(phase, p -> new TreeMap<>()), cs, ce);
        }
    }

    /** Adds [s, e] to disjoint, sorted intervals, merging the ones it touches. */
    static void merge(TreeMap<Long, Long> spans, long s, long e) {
        if (e < s) {
            return;
        }
        Map.Entry<Long, Long> before = spans.floorEntry(s);
        if (before != null && before.getValue() >= s) {
            s = before.getKey();
            e = Math.max(e, before.getValue());
            spans.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = spans.ceilingEntry(s); next != null && next.getKey() <= e;
                next = spans.ceilingEntry(s)) {
            e = Math.max(e, next.getValue());
            spans.remove(next.getKey());
        }
        spans.put(s, e);
    }

    private static long clip(long t, long from, long to) {
        return Math.max(from, Math.min(to, t));
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
