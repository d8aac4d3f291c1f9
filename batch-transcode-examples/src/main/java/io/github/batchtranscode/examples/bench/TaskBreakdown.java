package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.testkit.batch.TaskSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * B6's per-task breakdown: where each emulated task's slot time goes, from the emulator's {@link TaskSpan}s and,
 * inside the node script, the times an ffmpeg wrapper on the nodes' PATH logs around the real ffmpeg (one extra
 * bash start per task, counted in "node script before ffmpeg"). Rows are seconds per slot (the sum over tasks ÷
 * slots) and milliseconds per task, medians over the repetitions.
 */
final class TaskBreakdown {
    static final String TIMES_FILE = "b6-ffmpeg-times.txt";
    /** Rows in the order a task meets them; the ones marked below do not hold a slot. */
    private static final String HANDOFF = "scheduler to node (slot taken → runner thread)";
    private static final String BEFORE = "node script before ffmpeg (bash, args, wrapper)";
    private static final String FFMPEG = "ffmpeg";
    private static final String AFTER = "node script after ffmpeg (report, verification)";
    private static final String NOTICED = "completed → seen by the monitor (slot already free)";
    private static final String LAST_NOTICED = "last task completed → seen by the monitor (once per run, s)";
    private static final String SLOT_BUSY = "**slot busy, total**";
    private static final String OUTSIDE = "**slot busy outside ffmpeg**";

    private final List<Map<String, Double>> perSlot = new ArrayList<>();
    private final List<Map<String, Double>> perTaskMs = new ArrayList<>();
    private final int slots;

    TaskBreakdown(int slots) {
        this.slots = slots;
    }

    /** A directory with an {@code ffmpeg} that logs its start and end around the real one, and the real ffprobe. */
    static Path tools(Path dir, Path ffmpeg, Path ffprobe) throws IOException {
        Files.createDirectories(dir);
        Path wrapper = dir.resolve("ffmpeg");
        Files.writeString(wrapper, "#!/bin/bash\nt0=$EPOCHREALTIME\n'" + ffmpeg.toRealPath() + "' \"$@\"\nrc=$?\n"
                + "printf '%s %s %s %s\\n' \"$AZ_BATCH_JOB_ID\" \"$AZ_BATCH_TASK_ID\" \"$t0\" \"$EPOCHREALTIME\" >> "
                + "\"$AZ_BATCH_NODE_SHARED_DIR/" + TIMES_FILE + "\"\nexit $rc\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = dir.resolve("ffprobe");
        Files.deleteIfExists(probe);
        Files.createSymbolicLink(probe, ffprobe.toRealPath());
        return dir;
    }

    /** Adds one run: its job's spans and the ffmpeg times the nodes under {@code workDir} logged for it. */
    void add(String jobId, List<TaskSpan> all, Path workDir) throws IOException {
        Map<String, Instant[]> ffmpeg = ffmpegTimes(jobId, workDir);
        Map<String, List<TaskSpan>> byTask = new LinkedHashMap<>();
        all.stream().filter(s -> s.jobId().equals(jobId))
                .forEach(s -> byTask.computeIfAbsent(s.taskId(), k -> new ArrayList<>()).add(s));
        Map<String, Double> sums = new LinkedHashMap<>();
        Instant lastComplete = Instant.MIN;
        Instant lastNoticed = Instant.MIN;
        for (Map.Entry<String, List<TaskSpan>> e : byTask.entrySet()) {
            Instant slotTaken = null;
            Instant processStart = null;
            Instant processEnd = null;
            for (TaskSpan s : e.getValue()) {
                switch (s.step()) {
                    case TaskSpan.SLOT_WAIT -> {
                        slotTaken = s.end();
                        add(sums, s.step(), s.duration());
                    }
                    case TaskSpan.PREPARATION_WAIT -> { // the handoff to the node starts once it ended
                        slotTaken = s.end();
                        add(sums, s.step(), s.duration());
                    }
                    case TaskSpan.TASK_DIRECTORY -> {
                        if (slotTaken != null) {
                            add(sums, HANDOFF, Duration.between(slotTaken, s.start()));
                        }
                        add(sums, s.step(), s.duration());
                    }
                    case TaskSpan.PROCESS -> {
                        processStart = s.start();
                        processEnd = s.end();
                    }
                    case TaskSpan.NOTICED -> {
                        add(sums, NOTICED, s.duration());
                        if (s.end().isAfter(lastNoticed)) {
                            lastNoticed = s.end();
                        }
                    }
                    default -> add(sums, s.step(), s.duration());
                }
                if (s.step().equals(TaskSpan.COMPLETE) && s.end().isAfter(lastComplete)) {
                    lastComplete = s.end();
                }
            }
            Instant[] f = ffmpeg.get(e.getKey());
            if (processStart != null && f != null) {
                add(sums, BEFORE, Duration.between(processStart, f[0]));
                add(sums, FFMPEG, Duration.between(f[0], f[1]));
                add(sums, AFTER, Duration.between(f[1], processEnd));
            } else if (processStart != null) {
                add(sums, TaskSpan.PROCESS, Duration.between(processStart, processEnd));
            }
        }
        int tasks = byTask.size();
        Map<String, Double> slot = new LinkedHashMap<>();
        Map<String, Double> task = new LinkedHashMap<>();
        double busy = 0;
        for (Map.Entry<String, Double> s : sums.entrySet()) {
            slot.put(s.getKey(), s.getValue() / slots);
            task.put(s.getKey(), 1000 * s.getValue() / tasks);
            if (!s.getKey().equals(TaskSpan.SLOT_WAIT) && !s.getKey().equals(NOTICED)) {
                busy += s.getValue();
            }
        }
        slot.put(SLOT_BUSY, busy / slots);
        slot.put(OUTSIDE, (busy - sums.getOrDefault(FFMPEG, 0.0)) / slots);
        task.put(SLOT_BUSY, 1000 * busy / tasks);
        task.put(OUTSIDE, 1000 * (busy - sums.getOrDefault(FFMPEG, 0.0)) / tasks);
        if (!lastNoticed.equals(Instant.MIN)) {
            slot.put(LAST_NOTICED, Duration.between(lastComplete, lastNoticed).toNanos() / 1e9);
        }
        perSlot.add(slot);
        perTaskMs.add(task);
    }

    private static void add(Map<String, Double> sums, String step, Duration d) {
        sums.merge(step, d.toNanos() / 1e9, Double::sum);
    }

    private static Map<String, Instant[]> ffmpegTimes(String jobId, Path workDir) throws IOException {
        Map<String, Instant[]> times = new LinkedHashMap<>();
        List<Path> files;
        // <workDir>/nodes/<node>/shared/: only there, as a deleted job's directories vanish while one looks
        try (Stream<Path> nodes = Files.list(workDir.resolve("nodes"))) {
            files = nodes.map(n -> n.resolve("shared").resolve(TIMES_FILE)).filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String[] p = line.trim().split(" ");
                if (p.length == 4 && p[0].equals(jobId)) {
                    Instant t0 = epoch(p[2]);
                    Instant t1 = epoch(p[3]);
                    times.merge(p[1], new Instant[] {t0, t1}, (a, b) -> new Instant[] {a[0], b[1]});
                }
            }
        }
        return times;
    }

    private static Instant epoch(String seconds) {
        String[] p = seconds.split("[.,]");
        long micros = p.length > 1 ? Long.parseLong((p[1] + "000000").substring(0, 6)) : 0;
        return Instant.ofEpochSecond(Long.parseLong(p[0]), micros * 1000);
    }

    boolean isEmpty() {
        return perSlot.isEmpty();
    }

    /** The table: per step, seconds per slot and milliseconds per task, medians [min–max] over the runs. */
    List<String> table() {
        List<String> rows = new ArrayList<>();
        rows.add("| step (emulator's clock) | per slot (s) | per task (ms) |");
        rows.add("|---|---|---|");
        List<String> keys = new ArrayList<>();
        perSlot.forEach(m -> m.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        for (String k : keys) {
            List<Double> s = perSlot.stream().filter(m -> m.containsKey(k)).map(m -> m.get(k)).toList();
            List<Double> t = perTaskMs.stream().filter(m -> m.containsKey(k)).map(m -> m.get(k)).toList();
            String label = k.equals(TaskSpan.SLOT_WAIT) ? "slot wait (queued behind other tasks; not slot time)" : k;
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s |", label, Samples.of(s).format(3),
                    t.isEmpty() ? "—" : Samples.of(t).format(1)));
        }
        return rows;
    }
}
