package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.internal.ffmpeg.ProcessRunner;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Transcodes one file into every format of the request: probe the input, run ffmpeg from an argument list into
 * temporary names, verify each output, then rename it into place. Whatever happens, the result is a report row
 * (one per input, with one entry per output), never an exception.
 */
final class FileTranscoder {
    private final FfmpegTools tools;
    private final TranscodeRequest request;
    private final Path outputDir;
    private final Path scratch;
    private final Clock clock;
    private final MediaProbe probe;
    private final OutputVerifier verifier;
    private final BooleanSupplier cancelled;
    private final FfmpegRun runner;
    private final VideoOutputs video;
    private final AudioOutputs audio;
    private final boolean anyVideo;
    private volatile KeptBlobs kept;

    /** {@code outputDir} is the request's output directory, or a temporary one when outputs go only to blobs. */
    FileTranscoder(FfmpegTools tools, TranscodeRequest request, Path outputDir, Path scratch, Clock clock,
            Consumer<Process> register, Consumer<Process> unregister, BooleanSupplier cancelled) {
        this.tools = tools;
        this.request = request;
        this.outputDir = outputDir.toAbsolutePath().normalize();
        this.scratch = scratch;
        this.clock = clock;
        ProcessRunner processes = new ProcessRunner(new ProcessRunner.Children() {
            @Override
            public void started(Process p) {
                register.accept(p);
            }

            @Override
            public void ended(Process p) {
                unregister.accept(p);
            }
        }, cancelled);
        this.probe = new MediaProbe(tools.ffprobe(), processes);
        this.verifier = new OutputVerifier(probe);
        this.cancelled = cancelled;
        this.runner = new FfmpegRun(processes);
        this.anyVideo = request.formats().stream().anyMatch(OutputFormat::isVideo);
        this.audio = new AudioOutputs(tools.ffmpeg(), request, runner, verifier);
        this.video = anyVideo ? new VideoOutputs(request, this.outputDir, tools.ffmpeg(), scratch, probe, verifier,
                runner, Encoders.of(tools.ffmpeg())) : null;
    }

    /** With a blob destination under SKIP_EXISTING: the outputs whose blobs exist are kept, output by output. */
    FileTranscoder keepingBlobs(KeptBlobs blobs) {
        this.kept = blobs;
        if (video != null) {
            video.keepingBlobs(blobs);
        }
        return this;
    }

    FileResult transcode(PlannedFile file, String worker, Runnable onStart) {
        Instant start = clock.instant();
        if (cancelled.getAsBoolean()) {
            return row(file, FileStatus.FAILED, null, "cancelled before it started", FailureCode.CANCELLED, null, null, null,
                    worker, start, 0, List.of());
        }
        InputFacts facts = new InputFacts(probe, file.inputPath());
        String name = file.inputPath().toString();
        if (anyVideo || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            facts.probed(); // a video plan needs it first; a name with a line break could mislead ffmpeg's report
        }
        boolean started = false;
        List<Piece> pieces = new ArrayList<>();
        for (OutputFormat f : request.formats()) {
            Piece skipped = f.isVideo() ? null : skipExisting(file, f, facts);
            if (skipped != null) {
                pieces.add(skipped);
                continue;
            }
            if (!started) {
                onStart.run();
                started = true;
            }
            pieces.add(cancelled.getAsBoolean() ? Piece.failed(List.of(name(file, f)), f.key(), FailureCode.CANCELLED,
                    "cancelled before it started", null, 0) : stoppedByCancel(f, f.isVideo()
                    ? videoPiece(file, f.preset(), facts.probed()) : audioPiece(file, f, facts)));
        }
        return combine(file, pieces, facts.orUnknown(), worker, start);
    }

    /**
     * ffmpeg stopped by a cancel ends gracefully on SIGTERM and may exit 0 with a truncated output: a format that
     * failed so (verification or ffmpeg's exit) while the run was being cancelled is CANCELLED, not bad media.
     */
    private Piece stoppedByCancel(OutputFormat f, Piece p) {
        boolean killable = FailureCode.VERIFICATION.equals(p.code()) || FailureCode.FFMPEG_EXIT.equals(p.code());
        if (p.ok() || !killable || !cancelled.getAsBoolean()) {
            return p;
        }
        return Piece.failed(p.outputs().stream().map(OutputResult::path).toList(), f.key(), FailureCode.CANCELLED,
                "cancelled while ffmpeg was running", p.exit(), p.attempts());
    }

    private FileResult combine(PlannedFile file, List<Piece> pieces, MediaProbe.Info in, String worker, Instant start) {
        boolean video = request.formats().stream().anyMatch(OutputFormat::isVideo);
        Double inSeconds = video ? in.mediaSeconds() : in.audioSeconds();
        List<OutputResult> outputs = pieces.stream().flatMap(p -> p.outputs().stream()).toList();
        int attempts = pieces.stream().mapToInt(Piece::attempts).sum();
        Integer exit = pieces.stream().map(Piece::exit).filter(java.util.Objects::nonNull).reduce((a, b) -> b)
                .orElse(null);
        List<Piece> bad = pieces.stream().filter(p -> !p.ok()).toList();
        if (bad.isEmpty()) {
            long bytes = pieces.stream().mapToLong(Piece::bytes).sum();
            return row(file, FileStatus.SUCCEEDED, exit, null, null, inSeconds, pieces.get(0).seconds(), bytes, worker,
                    start, attempts, outputs);
        }
        Piece first = bad.get(0);
        String error = first.error();
        if (pieces.size() > 1 || outputs.size() > 1) {
            String which = first.outputs().stream().filter(o -> !o.succeeded()).map(OutputResult::path).findFirst()
                    .orElse(file.output());
            long more = outputs.stream().filter(o -> !o.succeeded()).count() - 1;
            error = which + ": " + error + (more > 0 ? " (and " + more + " more output(s) failed)" : "");
        }
        boolean noInput = FailureCode.NO_AUDIO.equals(first.code()) || FailureCode.INVALID_INPUT.equals(first.code());
        return row(file, FileStatus.FAILED, first.exit(), error, first.code(), noInput && !video ? null : inSeconds,
                first.seconds(), null, worker, start, attempts, outputs);
    }

    private static String name(PlannedFile file, OutputFormat f) {
        return f.isVideo() ? io.github.batchtranscode.internal.plan.OutputNames.primary(file.stem(), f)
                : audioName(file, f);
    }

    /** The planner made the stem so that {@code <stem>.<ext>} is this format's unique output name. */
    private static String audioName(PlannedFile file, OutputFormat f) {
        return file.stem() + "." + f.extension();
    }

    private Piece skipExisting(PlannedFile file, OutputFormat f, InputFacts facts) {
        if (request.overwrite() != OverwritePolicy.SKIP_EXISTING) {
            return null;
        }
        if (request.outputBlobs() != null) { // the destination blob decides (see KeptBlobs)
            OutputResult blob = kept == null ? null : kept.kept(audioName(file, f), f.key());
            return blob == null ? null : new Piece(List.of(blob), null, null, null, 0, null);
        }
        String out = audioName(file, f);
        Path target = outputDir.resolve(out);
        if (!Files.exists(target)) {
            return null;
        }
        OutputVerifier.Verdict v = verifier.verify(target, facts.probed().audioSeconds());
        return v.ok() ? new Piece(List.of(AudioOutputs.result(out, f, v.outputSeconds(), Trees.size(target))), null, null,
                null, 0, v.outputSeconds()) : null;
    }

    private Piece videoPiece(PlannedFile file, Preset preset, MediaProbe.Info in) {
        List<String> names = VideoOutputs.names(file.stem(), preset,
                VideoPlan.rungs(preset, in.video() != null ? in.video().height() : 360));
        if (!in.readable()) {
            return Piece.failed(names, preset.toString(), FailureCode.INVALID_INPUT, "the input is not usable media, probably"
                    + " truncated or damaged: " + in.error(), null, 0);
        }
        if (in.video() == null) {
            String found = in.streamTypes().isEmpty() ? "no streams" : String.join(", ", in.streamTypes());
            return in.hasAudio()
                    ? Piece.failed(names, preset.toString(), FailureCode.NO_VIDEO, "the input has no video stream (it has: "
                            + found + "): use an audio preset for it", null, 0)
                    : Piece.failed(names, preset.toString(), FailureCode.INVALID_INPUT, "the input is not usable media, probably"
                            + " truncated or damaged: it has no audio or video stream (found: " + found + ")", null, 0);
        }
        Path parent = outputDir.resolve(file.stem()).getParent();
        if (Files.isDirectory(parent)) {
            deleteStalePartials(parent, file.taskId()); // also an HLS temporary folder a crashed run left
        }
        return video.make(file, preset, in);
    }

    private Piece audioPiece(PlannedFile file, OutputFormat f, InputFacts facts) {
        String out = audioName(file, f);
        Piece none = AudioOutputs.noAudio(facts.known(), out, f);
        if (none != null) {
            return none;
        }
        Path target = outputDir.resolve(out);
        // short and ASCII whatever the input's name, so it fits where the final name fits; same directory, so the
        // rename into place is atomic
        Path temp = target.resolveSibling("." + file.taskId() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL) + ".partial." + f.extension());
        Path stderr = scratch.resolve(file.taskId() + "." + f.key() + ".stderr.txt");
        try {
            Files.createDirectories(target.getParent());
            deleteStalePartials(target.getParent(), file.taskId());
            return audio.run(file, f, out, facts, target, temp, stderr);
        } catch (IOException e) {
            return Piece.failed(List.of(out), f.key(), FailureCode.IO, "could not run ffmpeg: " + e.getMessage(), null, 1);
        } finally {
            Trees.deleteQuietly(temp);
            Trees.deleteQuietly(stderr);
        }
    }

    FileResult failure(PlannedFile file, FailureCode code, String error) {
        return row(file, FileStatus.FAILED, null, error, code, null, null, null, null, null, 0, List.of());
    }

    private FileResult row(PlannedFile file, FileStatus status, Integer exit, String error, FailureCode code,
            Double inSeconds, Double outSeconds, Long outBytes, String worker, Instant start, int attempts,
            List<OutputResult> outputs) {
        String first = outputs.isEmpty() ? file.output() : outputs.get(0).path();
        return FileResult.builder().input(file.input()).output(status == FileStatus.SUCCEEDED ? first : null)
                .status(status).exitCode(exit).error(error).failureCode(code).inputDurationSeconds(inSeconds)
                .outputDurationSeconds(outSeconds).startTime(start).endTime(clock.instant()).attempts(attempts)
                .taskId(file.taskId()).worker(worker).inputBytes(file.inputBytes()).outputBytes(outBytes)
                .outputs(outputs).build();
    }

    /** Temporary files a crashed run left for this task are deleted once nobody has written them for this long. */
    static final java.time.Duration STALE_PARTIAL = java.time.Duration.ofMinutes(10);

    /**
     * Deletes this task's temporary outputs that a crashed earlier run left behind. A live ffmpeg keeps writing its
     * temporary file, so one untouched for {@link #STALE_PARTIAL} belongs to no running process.
     */
    private void deleteStalePartials(Path dir, String taskId) {
        Instant cutoff = clock.instant().minus(STALE_PARTIAL);
        try (java.nio.file.DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "." + taskId + "-*.partial.*")) {
            for (Path p : leftovers) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Trees.deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover never looks like a finished output
        }
    }
}
