package io.github.batchtranscode.testkit.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of one task's life on the emulator, timed by the emulator's own clock: what a node agent and the
 * service did between the task being added and a client seeing it completed. Steps, in order:
 * <ul>
 *   <li>{@value #SLOT_WAIT}: added (or requeued) until a node slot took it;</li>
 *   <li>{@value #PREPARATION_WAIT}: in a slot, {@code preparing}: waiting for the job's Job Preparation task on
 *       the node (its first tasks there only);</li>
 *   <li>{@value #TASK_DIRECTORY}: the task directory and environment laid out on the node;</li>
 *   <li>{@value #RESOURCE_FILE_PREFIX}{@code <filePath>}: one ResourceFile downloaded;</li>
 *   <li>{@value #LAUNCH}: the command line resolved and its process (sandbox entry included) started;</li>
 *   <li>{@value #PROCESS}: the process running, until it exited (each attempt);</li>
 *   <li>{@value #UPLOAD_PREFIX}{@code <file name>}: one file an OutputFile rule uploaded;</li>
 *   <li>{@value #COMPLETE}: the uploads done until the task was {@code completed} on the service;</li>
 *   <li>{@value #NOTICED}: {@code completed} until a Task_Get or Task_List response first showed it so.</li>
 * </ul>
 *
 * @param jobId  the task's job
 * @param taskId the task
 * @param nodeId the node that ran the step, or null before one took the task
 * @param step   what happened (see above)
 * @param start  when it began
 * @param end    when it ended, not before {@code start}
 */
public record TaskSpan(String jobId, String taskId, String nodeId, String step, Instant start, Instant end) {
    /** Waiting for a free slot. */
    public static final String SLOT_WAIT = "slot wait";
    /** Holding a slot while the job's Job Preparation task runs on the node. */
    public static final String PREPARATION_WAIT = "job preparation wait";
    /** Laying out the task directory. */
    public static final String TASK_DIRECTORY = "task directory";
    /** Prefix of a ResourceFile download's step; the file path follows. */
    public static final String RESOURCE_FILE_PREFIX = "resource file ";
    /** Starting the process. */
    public static final String LAUNCH = "launch";
    /** The process running. */
    public static final String PROCESS = "process";
    /** Prefix of an OutputFile upload's step; the uploaded file's name follows. */
    public static final String UPLOAD_PREFIX = "upload ";
    /** Uploads done until the task is completed on the service. */
    public static final String COMPLETE = "complete";
    /** Completed until a client's request first saw it completed. */
    public static final String NOTICED = "noticed";

    public TaskSpan {
        Objects.requireNonNull(jobId, "jobId == null");
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(step, "step == null");
        Objects.requireNonNull(start, "start == null");
        Objects.requireNonNull(end, "end == null");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("span " + step + " of task " + taskId + " ends before it starts");
        }
    }

    /** How long the step took. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** The step with its file name left off: {@code resource file}, {@code upload}, or the step itself. */
    public String kind() {
        if (step.startsWith(RESOURCE_FILE_PREFIX)) {
            return RESOURCE_FILE_PREFIX.trim();
        }
        return step.startsWith(UPLOAD_PREFIX) ? UPLOAD_PREFIX.trim() : step;
    }
}
