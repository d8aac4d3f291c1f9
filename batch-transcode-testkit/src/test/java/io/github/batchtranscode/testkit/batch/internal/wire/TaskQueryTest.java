package io.github.batchtranscode.testkit.batch.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The monitor's two per-poll listings ({@code state eq 'running'}, and completed since a time) look only at the
 * tasks they can return, however many the job holds, and every filter still gives what a scan of all tasks gives,
 * page by page, also after tasks leave a state (a requeue) or are deleted.
 */
class TaskQueryTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final int TASKS = 5_000;

    @Test
    void monitorListingsLookOnlyAtWhatTheyReturnAndAgreeWithAScan() {
        JobRecord job = job();
        String running = "state eq 'running'";
        String recent = "state eq 'completed' and stateTransitionTime ge datetime'2026-12-03T10:04:50.000Z'";

        assertThat(TaskQuery.candidates(job, running, 0)).as("tasks looked at for the running listing").hasSize(100);
        // completions 1 s apart from T0: those at 10:04:50 (the 290th) and later
        assertThat(TaskQuery.candidates(job, recent, 0)).as("tasks looked at for the recent completions")
                .hasSize(4_000 - 290);
        String tail = "state eq 'completed' and stateTransitionTime ge datetime'2026-12-03T11:05:40.000Z'";
        assertThat(TaskQuery.candidates(job, tail, 0)).hasSize(4_000 - 3_940);

        for (String f : List.of(running, recent, tail, "state eq 'active'", "state eq 'preparing'",
                "state eq 'completed' and executionInfo/exitCode eq 0", "id eq 'task-00042' or state eq 'running'",
                "state eq 'completed' and stateTransitionTime gt datetime'2026-12-03T10:00:07.000Z'")) {
            assertThat(ids(job, f, 0)).as(f).isEqualTo(scan(job, f));
        }
    }

    @Test
    void indexesFollowTasksThatLeaveAStateOrAreDeleted() {
        JobRecord job = job();
        TaskRecord done = job.order.get(10); // completed at T0 + 10 s
        TaskRecord run = job.order.get(4_000); // running
        Instant later = T0.plusSeconds(100_000);
        done.setState(TaskState.ACTIVE, later); // requeued
        run.setState(TaskState.COMPLETED, later);
        job.removeTask(job.order.get(11));

        String since = "state eq 'completed' and stateTransitionTime ge datetime'2026-12-03T10:00:00.000Z'";
        assertThat(ids(job, since, 0)).doesNotContain(done.id, job.order.get(11).id).contains(run.id)
                .isEqualTo(scan(job, since));
        assertThat(ids(job, "state eq 'running'", 0)).hasSize(99).doesNotContain(run.id);
        assertThat(ids(job, "state eq 'active'", 0)).contains(done.id).isEqualTo(scan(job, "state eq 'active'"));
    }

    /** 4,000 completed one second apart, 100 running, the rest active. */
    private static JobRecord job() {
        JobRecord job = new JobRecord("job", BatchJson.object(), T0);
        for (int i = 0; i < TASKS; i++) {
            TaskRecord t = new TaskRecord(String.format("task-%05d", i), job,
                    BatchJson.object().put("commandLine", "x"), T0, 1);
            job.addTask(t);
            if (i < 4_100) {
                t.setState(TaskState.RUNNING, T0);
            }
            if (i < 4_000) {
                t.exitCode = i % 7 == 0 ? 1 : 0;
                t.result = t.exitCode == 0 ? "success" : "failure";
                t.setState(TaskState.COMPLETED, T0.plusSeconds(i));
            }
        }
        return job;
    }

    /** Every page, following the next positions, as a client walking odata.nextLink would. */
    private static List<String> ids(JobRecord job, String filter, int start) {
        List<String> ids = new ArrayList<>();
        int next = start;
        while (next >= 0) {
            Listing.Page<TaskRecord> page = TaskQuery.page(job, filter, next, Listing.MAX_RESULTS, predicate(filter));
            page.items().forEach(t -> ids.add(t.id));
            next = page.next();
        }
        return ids;
    }

    private static List<String> scan(JobRecord job, String filter) {
        Predicate<TaskRecord> p = predicate(filter);
        return job.order.stream().filter(p).map(t -> t.id).toList();
    }

    private static Predicate<TaskRecord> predicate(String filter) {
        ODataFilter parsed = ODataFilter.parse(filter, TaskService.FILTERABLE);
        return t -> !t.deleted && parsed.test(p -> TaskService.property(t, p));
    }
}
