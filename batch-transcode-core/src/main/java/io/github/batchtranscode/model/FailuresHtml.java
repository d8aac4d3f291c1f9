package io.github.batchtranscode.model;

import java.util.List;

/** The table of failed files with their reasons, and the run's warnings. */
final class FailuresHtml {
    private FailuresHtml() {
    }

    static String render(TranscodeReport r) {
        StringBuilder b = new StringBuilder();
        List<FileResult> failed = r.failedFiles();
        b.append("<h2 id=\"failures\">Failures (").append(failed.size()).append(")</h2>\n");
        if (failed.isEmpty()) {
            b.append("<p class=\"none\">No file failed.</p>\n");
        } else {
            b.append("<table class=\"failures\"><thead><tr><th>File</th><th>Code</th><th class=\"num\">Exit</th>")
                    .append("<th>Node / worker</th><th class=\"num\">Attempts</th><th>Reason</th></tr></thead><tbody>\n");
            for (FileResult f : failed) {
                row(b, f);
            }
            b.append("</tbody></table>\n");
        }
        if (!r.warnings().isEmpty()) {
            b.append("<h2>Warnings (").append(r.warnings().size()).append(")</h2>\n<ul class=\"warnings\">\n");
            for (String w : r.warnings()) {
                b.append("<li>").append(Html.text(w)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, FileResult f) {
        Outcome o = Outcome.of(f);
        b.append("<tr class=\"").append(o.cssClass()).append("\" data-task=\"").append(Html.text(f.taskId()))
                .append("\"><td class=\"file\">").append(Html.text(f.input())).append("</td><td><span class=\"code ")
                .append(o.cssClass()).append("\">").append(Html.text(f.failureCode() == null ? "–" : Outcome.code(f)))
                .append("</span></td><td class=\"num\">").append(f.exitCode() == null ? "–" : f.exitCode())
                .append("</td><td>").append(Html.text(f.worker() == null ? "–" : f.worker()))
                .append("</td><td class=\"num\">").append(f.attempts())
                .append(f.requeues() > 0 ? " (" + f.requeues() + " requeued)" : "")
                .append("</td><td><pre class=\"reason\">").append(Html.text(f.error())).append("</pre></td></tr>\n");
    }
}
