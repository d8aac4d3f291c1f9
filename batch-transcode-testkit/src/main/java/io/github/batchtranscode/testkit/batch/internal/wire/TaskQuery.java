package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a job's tasks a Task_List page has to look at. The two filters a monitor sends every poll are answered
 * from the job's indexes: {@code state eq '<state>'} from the tasks in that state, and {@code state eq 'completed'
 * and stateTransitionTime ge datetime'<t>'} from the tasks completed since {@code t}; any other filter scans the
 * job's tasks in order. Either way the full filter is applied to every candidate and the page holds the matching
 * tasks in insertion order from the skip token's position, so the answer is the same; only the work differs.
 */
final class TaskQuery {
    private static final Pattern STATE = Pattern.compile("(?i)\\s*state\\s+eq\\s+'([a-z]+)'\\s*");
    private static final Pattern COMPLETED_SINCE = Pattern.compile(
            "(?i)\\s*state\\s+eq\\s+'completed'\\s+and\\s+stateTransitionTime\\s+(?:ge|gt)\\s+datetime'([^']+)'\\s*");

    private TaskQuery() {
    }

    /** A page of the job's tasks matching {@code include}, from position {@code start}, at most {@code max}. */
    static Listing.Page<TaskRecord> page(JobRecord job, String filter, int start, int max,
                                         Predicate<TaskRecord> include) {
        Collection<TaskRecord> candidates = candidates(job, filter, start);
        if (candidates == null) {
            return Listing.page(job.order, start, max, include);
        }
        java.util.List<TaskRecord> items = new java.util.ArrayList<>();
        for (TaskRecord t : candidates) {
            if (items.size() == max) {
                return new Listing.Page<>(items, t.seq());
            }
            if (include.test(t)) {
                items.add(t);
            }
        }
        return new Listing.Page<>(items, -1);
    }

    /** The indexed tasks from {@code start} a filter can match, or null when the filter needs a scan. */
    static Collection<TaskRecord> candidates(JobRecord job, String filter, int start) {
        if (filter == null) {
            return null;
        }
        Matcher since = COMPLETED_SINCE.matcher(filter);
        if (since.matches()) {
            try {
                return job.completedSince(Instant.parse(since.group(1)), start);
            } catch (DateTimeParseException e) {
                return null; // the filter itself will say what is wrong with the literal
            }
        }
        Matcher state = STATE.matcher(filter);
        if (state.matches()) {
            for (TaskState s : TaskState.values()) {
                if (s.wire().equals(state.group(1).toLowerCase(Locale.ROOT))) {
                    return job.inState(s, start);
                }
            }
        }
        return null;
    }
}
