package io.github.batchtranscode.model;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run as an inline SVG: a strip with the phases on top (each from its announcement to the next), then one lane
 * per phase with the intervals it was busy ({@link io.github.batchtranscode.model.PhaseTimeline}: downloads that
 * overlap running tasks show as such), then one lane per node or local worker with one bar per task from its start
 * to its end, coloured by outcome, the file name in the bar's {@code <title>}. Tasks that never started have no bar.
 */
final class TimelineSvg {
    static final String NO_NODE = "(no node)";
    private static final double LABEL = 170;
    private static final double CHART = 1000;
    private static final double PAD = 10;
    private static final double TOP = 48;
    private static final double LANE = 24;
    private static final double BAR = 16;
    private static final int LABEL_CHARS = 24;

    private final TranscodeReport report;
    private final Instant origin;
    private final double span;
    private final Instant now;

    TimelineSvg(TranscodeReport report) {
        this.report = report;
        Instant first = report.startTime();
        Instant last = report.endTime();
        for (FileResult f : report.files()) {
            if (f.startTime() != null && (first == null || f.startTime().isBefore(first))) {
                first = f.startTime();
            }
            if (f.endTime() != null && (last == null || f.endTime().isAfter(last))) {
                last = f.endTime();
            }
        }
        this.origin = first != null ? first : Instant.EPOCH;
        this.now = last != null ? last : origin;
        this.span = Math.max(0.001, seconds(now));
    }

    /** The files that get a bar: those that started. */
    static List<FileResult> barFiles(TranscodeReport report) {
        return report.files().stream().filter(f -> f.startTime() != null).toList();
    }

    /** The lanes, by worker name in natural order ({@code local-2} before {@code local-10}). */
    static Map<String, List<FileResult>> lanes(TranscodeReport report) {
        Map<String, List<FileResult>> lanes = new TreeMap<>(NaturalOrder.INSTANCE);
        for (FileResult f : barFiles(report)) {
            lanes.computeIfAbsent(f.worker() == null ? NO_NODE : f.worker(), k -> new ArrayList<>()).add(f);
        }
        return lanes;
    }

    /** The busy spans by phase key, in the timeline's order of phases. */
    static Map<String, List<PhaseTimeline.Span>> activityLanes(TranscodeReport report) {
        Map<String, List<PhaseTimeline.Span>> lanes = new LinkedHashMap<>();
        report.timeline().busySeconds().keySet().forEach(k -> lanes.put(k, new ArrayList<>()));
        for (PhaseTimeline.Span s : report.timeline().spans()) {
            lanes.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
        }
        lanes.values().removeIf(List::isEmpty);
        return lanes;
    }

    String render() {
        Map<String, List<FileResult>> lanes = lanes(report);
        Map<String, List<PhaseTimeline.Span>> activities = activityLanes(report);
        double top = TOP + activities.size() * LANE;
        double height = top + Math.max(1, lanes.size()) * LANE + PAD;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" viewBox=\"0 0 ")
                .append(Html.num(LABEL + CHART + 2 * PAD)).append(' ').append(Html.num(height))
                .append("\" role=\"img\" aria-label=\"Timeline: one lane per node, one bar per task\">\n");
        phases(b);
        axis(b, height);
        int a = 0;
        for (Map.Entry<String, List<PhaseTimeline.Span>> lane : activities.entrySet()) {
            activity(b, TOP + a++ * LANE, lane.getKey(), lane.getValue());
        }
        int i = 0;
        for (Map.Entry<String, List<FileResult>> lane : lanes.entrySet()) {
            lane(b, top, i++, lane.getKey(), lane.getValue());
        }
        if (lanes.isEmpty()) {
            b.append("<text class=\"empty\" x=\"").append(Html.num(x(0) + 8)).append("\" y=\"")
                    .append(Html.num(top + LANE * 0.65)).append("\">No task started.</text>\n");
        }
        return b.append("</svg>\n").toString();
    }

    private void phases(StringBuilder b) {
        double at = report.startTime() == null ? 0 : seconds(report.startTime());
        int i = 0;
        b.append("<g class=\"phases\">\n");
        for (Map.Entry<String, Double> p : report.phaseSeconds().entrySet()) {
            double w = p.getValue() / span * CHART;
            b.append("<rect class=\"phase p").append(i++ % 8).append("\" x=\"").append(Html.num(x(at)))
                    .append("\" y=\"4\" width=\"").append(Html.num(Math.max(0.5, w))).append("\" height=\"16\"><title>")
                    .append(Html.text(p.getKey())).append(": ").append(Html.seconds(p.getValue())).append("</title></rect>");
            if (w > 60) {
                b.append("<text class=\"phase-label\" x=\"").append(Html.num(x(at) + 4)).append("\" y=\"16\">")
                        .append(Html.text(p.getKey())).append("</text>");
            }
            b.append('\n');
            at += p.getValue();
        }
        b.append("</g>\n");
    }

    private void axis(StringBuilder b, double height) {
        double step = Ticks.step(span);
        b.append("<g class=\"axis\">\n");
        for (double t = 0; t <= span + 1e-9; t += step) {
            b.append("<line x1=\"").append(Html.num(x(t))).append("\" x2=\"").append(Html.num(x(t)))
                    .append("\" y1=\"").append(Html.num(TOP - 6)).append("\" y2=\"").append(Html.num(height - PAD))
                    .append("\"/><text x=\"").append(Html.num(x(t))).append("\" y=\"").append(Html.num(TOP - 10))
                    .append("\">").append(Ticks.label(t, step)).append("</text>\n");
        }
        b.append("</g>\n");
    }

    /** One lane of a phase's busy intervals, labelled with its busy and critical-path seconds. */
    private void activity(StringBuilder b, double y, String phase, List<PhaseTimeline.Span> spans) {
        double busy = report.timeline().busySeconds().getOrDefault(phase, 0.0);
        double critical = report.timeline().criticalPathSeconds().getOrDefault(phase, 0.0);
        String colour = "p" + colour(phase);
        b.append("<g class=\"activity\" data-phase=\"").append(Html.text(phase)).append("\">\n<text class=\"lane-label\"")
                .append(" x=\"").append(Html.num(PAD + 4)).append("\" y=\"").append(Html.num(y + LANE * 0.65))
                .append("\"><title>").append(Html.text(phase)).append(": busy ").append(Html.seconds(busy))
                .append(", on the critical path ").append(Html.seconds(critical)).append("</title>")
                .append(Html.text(shorten(phase + " (busy)"))).append("</text>\n");
        for (PhaseTimeline.Span s : spans) {
            double start = seconds(s.start());
            double end = seconds(s.end());
            b.append("<rect class=\"span ").append(colour).append("\" x=\"").append(Html.num(x(start)))
                    .append("\" y=\"").append(Html.num(y + (LANE - BAR) / 2)).append("\" width=\"")
                    .append(Html.num(Math.max(1, (end - start) / span * CHART))).append("\" height=\"")
                    .append(Html.num(BAR)).append("\"><title>").append(Html.text(phase)).append(" · ")
                    .append(Html.seconds(Math.max(0, end - start))).append("</title></rect>\n");
        }
        b.append("</g>\n");
    }

    /** The colour index of a phase: its place in the phase strip, as in the phases table. */
    private int colour(String phase) {
        int i = 0;
        for (String k : report.phaseSeconds().keySet()) {
            if (k.equals(phase)) {
                return i % 8;
            }
            i++;
        }
        return (i + phase.hashCode() % 8 + 8) % 8;
    }

    private void lane(StringBuilder b, double top, int index, String worker, List<FileResult> files) {
        double y = top + index * LANE;
        b.append("<g class=\"lane\" data-worker=\"").append(Html.text(worker)).append("\">\n<rect class=\"lane-bg\" x=\"")
                .append(Html.num(PAD)).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                .append(Html.num(LABEL + CHART)).append("\" height=\"").append(Html.num(LANE)).append("\"/>")
                .append("<text class=\"lane-label\" x=\"").append(Html.num(PAD + 4)).append("\" y=\"")
                .append(Html.num(y + LANE * 0.65)).append("\"><title>").append(Html.text(worker)).append(" (")
                .append(files.size()).append(files.size() == 1 ? " task" : " tasks").append(")</title>")
                .append(Html.text(shorten(worker))).append("</text>\n");
        for (FileResult f : files) {
            double start = seconds(f.startTime());
            double end = seconds(f.endTime() != null ? f.endTime() : now);
            b.append("<rect class=\"bar ").append(Outcome.of(f).cssClass()).append("\" data-task=\"")
                    .append(Html.text(f.taskId())).append("\" x=\"").append(Html.num(x(start))).append("\" y=\"")
                    .append(Html.num(y + (LANE - BAR) / 2)).append("\" width=\"")
                    .append(Html.num(Math.max(1.5, (end - start) / span * CHART))).append("\" height=\"")
                    .append(Html.num(BAR)).append("\" rx=\"2\"><title>").append(Html.text(f.input())).append('\n')
                    .append(Outcome.of(f).label(f)).append(" · ").append(Html.seconds(Math.max(0, end - start)))
                    .append(" · ").append(Html.text(worker));
            for (OutputResult o : f.outputs()) {
                if (o.blob() != null) {
                    b.append("\n→ ").append(Html.text(o.blob()));
                }
            }
            b.append("</title></rect>\n");
        }
        b.append("</g>\n");
    }

    private static String shorten(String s) {
        return s.length() <= LABEL_CHARS ? s : s.substring(0, LABEL_CHARS - 1) + "…";
    }

    private double seconds(Instant t) {
        return Duration.between(origin, t).toMillis() / 1000.0;
    }

    private double x(double secondsFromOrigin) {
        return PAD + LABEL + Math.max(0, Math.min(span, secondsFromOrigin)) / span * CHART;
    }
}
