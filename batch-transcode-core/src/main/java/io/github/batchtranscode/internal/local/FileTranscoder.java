package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.internal.ffmpeg.StderrTail;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Transcodes one file: probe the input, run ffmpeg from an argument list into a temporary name, verify the
 * output, then rename it into place. Whatever happens, the result is a report row, never an exception.
 */
final class FileTranscoder {
    private final FfmpegTools tools;
    private final TranscodeRequest request;
    private final Path outputDir;
    private final Path scratch;
    private final Clock clock;
    private final MediaProbe probe;
    private final OutputVerifier verifier;
    private final Consumer<Process> register;
    private final Consumer<Process> unregister;
    private final BooleanSupplier cancelled;

    FileTranscoder(FfmpegTools tools, TranscodeRequest request, Path outputDir, Path scratch, Clock clock,
            Consumer<Process> register, Consumer<Process> unregister, BooleanSupplier cancelled) {
        this.tools = tools;
        this.request = request;
        this.outputDir = outputDir.toAbsolutePath().normalize();
        this.scratch = scratch;
        this.clock = clock;
        this.probe = new MediaProbe(tools.ffprobe());
        this.verifier = new OutputVerifier(probe);
        this.register = register;
        this.unregister = unregister;
        this.cancelled = cancelled;
    }

    FileResult transcode(PlannedFile file, String worker, Runnable onStart) {
        Instant start = clock.instant();
        if (cancelled.getAsBoolean()) {
            return row(file, FileStatus.FAILED, null, "cancelled before it started", "CANCELLED", null, null, null,
                    worker, start, 0);
        }
        Path target = outputDir.resolve(file.output());
        MediaProbe.Info in = probe.probe(file.inputPath());
        Double inSeconds = in.audioSeconds();
        if (request.overwrite() == OverwritePolicy.SKIP_EXISTING && request.outputBlobs() == null
                && Files.exists(target)) {
            OutputVerifier.Verdict v = verifier.verify(target, inSeconds);
            if (v.ok()) {
                return row(file, FileStatus.SUCCEEDED, null, null, null, inSeconds, v.outputSeconds(), size(target),
                        worker, start, 0);
            }
        }
        onStart.run();
        if (in.readable() && !in.hasAudio()) {
            return noAudio(file, in, worker, start);
        }
        // short and ASCII whatever the input's name, so it fits where the final name fits; same directory, so the
        // rename into place is atomic
        Path temp = target.resolveSibling("." + file.taskId() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL) + ".partial."
                + request.format().extension());
        Path stderr = scratch.resolve(file.taskId() + ".stderr.txt");
        try {
            Files.createDirectories(target.getParent());
            deleteStalePartials(target.getParent(), file.taskId());
            return run(file, worker, start, inSeconds, target, temp, stderr);
        } catch (IOException e) {
            return row(file, FileStatus.FAILED, null, "could not run ffmpeg: " + e.getMessage(), "IO", inSeconds, null,
                    null, worker, start, 1);
        } finally {
            deleteQuietly(temp);
            deleteQuietly(stderr);
        }
    }

    private FileResult run(PlannedFile file, String worker, Instant start, Double inSeconds, Path target, Path temp,
            Path stderr) throws IOException {
        List<String> argv = FfmpegCommand.argv(tools.ffmpeg().toString(), file.inputPath().toString(), temp.toString(),
                request.format());
        Process p = new ProcessBuilder(argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        register.accept(p);
        if (cancelled.getAsBoolean()) {
            ProcessKiller.kill(p); // cancel() ran between the check above and the registration: it missed this one
        }
        boolean finished;
        try {
            finished = p.waitFor(request.fileTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        } finally {
            if (p.isAlive()) {
                ProcessKiller.kill(p);
            }
            unregister.accept(p);
        }
        if (cancelled.getAsBoolean() && (!finished || p.exitValue() != 0)) {
            return row(file, FileStatus.FAILED, null, "cancelled while ffmpeg was running", "CANCELLED", inSeconds,
                    null, null, worker, start, 1);
        }
        if (!finished) {
            return row(file, FileStatus.FAILED, null, "ffmpeg did not finish within " + request.fileTimeout()
                    + " and was killed; raise the request's fileTimeout for long files", "TIMEOUT", inSeconds, null,
                    null, worker, start, 1);
        }
        int exit = p.exitValue();
        if (exit != 0) {
            String tail = StderrTail.of(stderr);
            return row(file, FileStatus.FAILED, exit, "ffmpeg exited with code " + exit
                    + (tail.isEmpty() ? "" : ": " + tail), "FFMPEG_EXIT", inSeconds, null, null, worker, start, 1);
        }
        OutputVerifier.Verdict v = request.verifyOutputs() ? verifier.verify(temp, inSeconds)
                : OutputVerifier.judge(null, null);
        if (v.ok() && !request.verifyOutputs() && (!Files.exists(temp) || Files.size(temp) == 0)) {
            v = new OutputVerifier.Verdict(false, null, "ffmpeg reported success but wrote no output");
        }
        if (!v.ok()) {
            String tail = StderrTail.of(stderr);
            return row(file, FileStatus.FAILED, exit, v.problem() + (tail.isEmpty() ? "" : "; ffmpeg said: " + tail),
                    "VERIFICATION", inSeconds, v.outputSeconds(), null, worker, start, 1);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return row(file, FileStatus.SUCCEEDED, exit, null, null, inSeconds, v.outputSeconds(), size(target), worker,
                start, 1);
    }

    private FileResult noAudio(PlannedFile file, MediaProbe.Info in, String worker, Instant start) {
        String found = in.streamTypes().isEmpty() ? "no streams" : String.join(", ", in.streamTypes());
        if (in.streamTypes().contains("video")) {
            return row(file, FileStatus.FAILED, null, "the input has no audio stream (it has: " + found + ")",
                    "NO_AUDIO", null, null, null, worker, start, 0);
        }
        return row(file, FileStatus.FAILED, null, "the input is not usable media, probably truncated or damaged:"
                + " it has no audio or video stream (found: " + found + ")", "INVALID_INPUT", null, null, null, worker,
                start, 0);
    }

    FileResult failure(PlannedFile file, String code, String error) {
        return row(file, FileStatus.FAILED, null, error, code, null, null, null, null, null, 0);
    }

    private FileResult row(PlannedFile file, FileStatus status, Integer exit, String error, String code, Double inSeconds,
            Double outSeconds, Long outBytes, String worker, Instant start, int attempts) {
        return new FileResult(file.input(), status == FileStatus.SUCCEEDED ? file.output() : null, status, exit, error,
                code, inSeconds, outSeconds, start, clock.instant(), attempts, 0, file.taskId(), worker,
                file.inputBytes(), outBytes, null);
    }

    private static Long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** Temporary files a crashed run left for this task are deleted once nobody has written them for this long. */
    static final java.time.Duration STALE_PARTIAL = java.time.Duration.ofMinutes(10);

    /**
     * Deletes this task's temporary outputs that a crashed earlier run left behind. A live ffmpeg keeps writing its
     * temporary file, so one untouched for {@link #STALE_PARTIAL} belongs to no running process.
     */
    private void deleteStalePartials(Path dir, String taskId) {
        java.time.Instant cutoff = clock.instant().minus(STALE_PARTIAL);
        try (java.nio.file.DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "." + taskId + "-*.partial.*")) {
            for (Path p : leftovers) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover never looks like a finished output
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temporary name never looks like a finished output
        }
    }
}
