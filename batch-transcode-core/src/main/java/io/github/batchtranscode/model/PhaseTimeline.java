package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run's time went when its activities overlap. On Azure, outputs are downloaded while other tasks still
 * run, and tasks start while later ones are still being added: {@link TranscodeReport#phaseSeconds()} gives each
 * stretch of wall time to the phase announced last, so it cannot say that. This timeline does:
 * <ul>
 *   <li>{@link #busySeconds()}: per phase, how long any activity of that phase was going on (the union of its
 *       intervals; overlapping downloads count once). A phase without activities of its own (staging, pool,
 *       cleanup) is busy while it is the announced phase. {@code running} is busy while any file's task runs.
 *       Busy times of different phases may overlap, so they can add up to more than the run's wall time.</li>
 *   <li>{@link #criticalPathSeconds()}: the wall time split between phases without overlap, adding up to the
 *       run's wall time: each moment goes to the earliest phase (in {@link Phase} order) busy at that moment, since
 *       later phases wait on earlier ones (a download overlapping running tasks is off the critical path); a moment
 *       where nothing is busy (waiting for a poll, for a node) goes to the phase announced at that moment.</li>
 *   <li>{@link #spans()}: the busy intervals themselves, by phase and start, for drawing ({@code report.html});
 *       at most a few hundred per phase, very short gaps being bridged on large runs.</li>
 * </ul>
 *
 * <pre>{@code
 * PhaseTimeline t = report.timeline();
 * double downloading = t.busySeconds().getOrDefault(Phase.DOWNLOADING.key(), 0.0);
 * double waitingOnDownloads = t.criticalPathSeconds().getOrDefault(Phase.DOWNLOADING.key(), 0.0);
 * }</pre>
 *
 * @param busySeconds         per phase key, seconds during which the phase had an activity going on
 * @param criticalPathSeconds per phase key, seconds of wall time attributed to the phase; the values add up to the
 *                            run's wall time
 * @param spans               the busy intervals, ordered by start
 */
@JsonPropertyOrder({"busySeconds", "criticalPathSeconds", "spans"})
public record PhaseTimeline(Map<String, Double> busySeconds, Map<String, Double> criticalPathSeconds,
        List<Span> spans) {
    /** A timeline with nothing in it (reports written before timelines existed read back with this). */
    public static final PhaseTimeline EMPTY = new PhaseTimeline(Map.of(), Map.of(), List.of());

    public PhaseTimeline {
        busySeconds = busySeconds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(busySeconds));
        criticalPathSeconds = criticalPathSeconds == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(criticalPathSeconds));
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    /**
     * One interval during which a phase was busy.
     *
     * @param phase the phase key ({@link Phase#key()})
     * @param start when it began
     * @param end   when it ended, not before {@code start}
     */
    @JsonPropertyOrder({"phase", "start", "end"})
    public record Span(String phase,
            @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
            Instant start,
            @JsonSerialize(using = IsoInstant.Serializer.class) @JsonDeserialize(using = IsoInstant.Deserializer.class)
            Instant end) {
        public Span {
            Objects.requireNonNull(phase, "phase == null");
            Objects.requireNonNull(start, "start == null");
            Objects.requireNonNull(end, "end == null");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("span of " + phase + " ends before it starts: " + start + " > " + end);
            }
        }

        /** Its length in seconds. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public double seconds() {
            return java.time.Duration.between(start, end).toMillis() / 1000.0;
        }
    }
}
