package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TaskStarted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Real ffmpeg for integration tests (the bundled build on the test classpath) and helpers around it. */
final class TestMedia {
    static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());

    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private TestMedia() {
    }

    static Path clip(Path file, double seconds) throws IOException {
        return MEDIA.clip(file, seconds, 440);
    }

    /** The audio duration of a file as ffprobe sees it. */
    static double seconds(Path file) {
        MediaProbe.Info info = PROBE.probe(file);
        assertThat(info.hasAudio()).as("%s has audio", file).isTrue();
        return info.audioSeconds();
    }

    /** Every regular file below {@code dir}, relative and {@code /}-separated, hidden ones included. */
    static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** ffmpeg (not ffprobe) processes started by this JVM that are still alive. */
    static List<ProcessHandle> liveFfmpegChildren() {
        long me = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(h -> isDescendantOf(h, me))
                .filter(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals("ffmpeg"))
                        .orElse(false))
                .toList();
    }

    private static boolean isDescendantOf(ProcessHandle h, long pid) {
        for (ProcessHandle p = h.parent().orElse(null); p != null; p = p.parent().orElse(null)) {
            if (p.pid() == pid) {
                return true;
            }
        }
        return false;
    }

    /** Polls until the condition holds; fails after the deadline. */
    static void awaitTrue(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + " waiting for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** A listener that records what it is told. */
    static final class Recorder implements TranscodeListener {
        final List<PhaseEvent> phases = new CopyOnWriteArrayList<>();
        final List<TaskStarted> started = new CopyOnWriteArrayList<>();
        final List<FileResult> finished = new CopyOnWriteArrayList<>();
        final List<ProgressSnapshot> progress = new CopyOnWriteArrayList<>();

        @Override
        public void onPhase(PhaseEvent event) {
            phases.add(event);
        }

        @Override
        public void onTaskStarted(TaskStarted event) {
            started.add(event);
        }

        @Override
        public void onTaskFinished(FileResult result) {
            finished.add(result);
        }

        @Override
        public void onProgress(ProgressSnapshot p) {
            progress.add(p);
        }
    }
}
