package io.github.batchtranscode.model;

import java.util.Set;

/** How a task's bar and row are coloured: what the user should make of the file's result. */
enum Outcome {
    /** Transcoded and verified. */
    OK("ok", "Succeeded"),
    /** Failed on its own account: bad input, ffmpeg error, verification, a missing blob... */
    FAILED("failed", "Failed"),
    /** Stopped from outside: cancelled, the job's timeout, the run failing, or lost by the backend. */
    STOPPED("stopped", "Stopped"),
    /** Still running or pending (partial reports only). */
    UNFINISHED("running", "Running");

    private static final Set<FailureCode> STOP_CODES = Set.of(FailureCode.CANCELLED, FailureCode.TIMEOUT,
            FailureCode.RUN_FAILED, FailureCode.LOST);

    private final String cssClass;
    private final String title;

    Outcome(String cssClass, String title) {
        this.cssClass = cssClass;
        this.title = title;
    }

    static Outcome of(FileResult f) {
        return switch (f.status()) {
            case SUCCEEDED -> OK;
            case FAILED -> f.failureCode() != null && STOP_CODES.contains(f.failureCode()) ? STOPPED : FAILED;
            case RUNNING, PENDING -> UNFINISHED;
        };
    }

    String cssClass() {
        return cssClass;
    }

    String title() {
        return title;
    }

    /** The status and failure code for a tooltip, escaped: {@code Failed (FFMPEG_EXIT)}. */
    String label(FileResult f) {
        return f.failureCode() == null ? title : title + " (" + Html.text(code(f)) + ")";
    }

    /** The failure code as {@code report.json} spells it (the service's own for SERVICE), or {@code null}. */
    static String code(FileResult f) {
        return f.failureCode() == null ? null
                : f.failureCode() == FailureCode.SERVICE ? f.serviceCode() : f.failureCode().name();
    }
}
