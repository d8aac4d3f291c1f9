package io.github.batchtranscode.model;

import java.util.LinkedHashSet;
import java.util.Set;

/** The report's head: totals as cards, then the time each phase took, was busy, and held the critical path. */
final class SummaryHtml {
    private SummaryHtml() {
    }

    static String render(TranscodeReport r) {
        StringBuilder b = new StringBuilder("<section class=\"summary\" aria-label=\"Summary\">\n");
        card(b, "files", "Files", String.valueOf(r.total()));
        card(b, "succeeded", "Succeeded", String.valueOf(r.succeeded()));
        card(b, "failed" + (r.failed() > 0 ? " bad" : ""), "Failed", String.valueOf(r.failed()));
        card(b, "wall", "Wall time", Html.seconds(r.wallSeconds()));
        card(b, "workers", "Nodes / workers", String.valueOf(TimelineSvg.lanes(r).size()));
        if (r.retries() > 0) {
            card(b, "retries", "Retried requests", String.valueOf(r.retries()));
        }
        b.append("</section>\n");
        phases(b, r);
        return b.toString();
    }

    private static void card(StringBuilder b, String cls, String label, String value) {
        b.append("<div class=\"card ").append(cls).append("\"><div class=\"value\" id=\"sum-")
                .append(cls.split(" ")[0]).append("\">").append(Html.text(value)).append("</div><div class=\"label\">")
                .append(label).append("</div></div>\n");
    }

    private static void phases(StringBuilder b, TranscodeReport r) {
        if (r.phaseSeconds().isEmpty()) {
            return;
        }
        double total = Math.max(0.001, r.phaseSeconds().values().stream().mapToDouble(Double::doubleValue).sum());
        PhaseTimeline t = r.timeline();
        boolean timed = !t.busySeconds().isEmpty();
        b.append("<h2>Phases</h2>\n<table class=\"phases\"><thead><tr><th>Phase</th><th class=\"num\">Time</th>")
                .append(timed ? "<th class=\"num\" title=\"while any of its work ran, overlaps included\">Busy</th>"
                        + "<th class=\"num\" title=\"wall time the run waited on it; adds up to the wall time\">"
                        + "Critical path</th>" : "")
                .append("<th class=\"share\">Share of the run</th></tr></thead><tbody>\n");
        Set<String> keys = new LinkedHashSet<>(r.phaseSeconds().keySet());
        keys.addAll(t.busySeconds().keySet());
        int i = 0;
        for (String key : keys) {
            double time = r.phaseSeconds().getOrDefault(key, 0.0);
            double pct = (timed ? t.criticalPathSeconds().getOrDefault(key, 0.0) : time) / Math.max(0.001,
                    timed ? r.wallSeconds() : total) * 100;
            b.append("<tr data-phase=\"").append(Html.text(key)).append("\"><td>").append(Html.text(key))
                    .append("</td><td class=\"num\">").append(Html.seconds(time)).append("</td>");
            if (timed) {
                b.append("<td class=\"num busy\">").append(Html.seconds(t.busySeconds().getOrDefault(key, 0.0)))
                        .append("</td><td class=\"num critical\">")
                        .append(Html.seconds(t.criticalPathSeconds().getOrDefault(key, 0.0))).append("</td>");
            }
            b.append("<td class=\"share\"><span class=\"meter p").append(i++ % 8).append("\" style=\"width:")
                    .append(Html.num(Math.max(0.5, Math.min(100, pct)))).append("%\"></span></td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }
}
