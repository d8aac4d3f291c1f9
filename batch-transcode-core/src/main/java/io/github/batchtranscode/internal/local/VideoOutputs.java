package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.internal.ffmpeg.StderrTail;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes one video preset's outputs of one input: one ffmpeg process writes every rendition into temporary names
 * (an HLS folder into a temporary folder), each is verified, and the good ones are renamed into place.
 */
final class VideoOutputs {
    private final TranscodeRequest request;
    private final Path ffmpeg;
    private final Path outputDir;
    private final Path scratch;
    private final OutputVerifier verifier;
    private final FfmpegRun runner;
    private final Encoders encoders;
    private final MediaProbe probe;
    private volatile KeptBlobs kept;

    /** {@code outputDir} is the request's output directory, or a temporary one when outputs go only to blobs. */
    VideoOutputs(TranscodeRequest request, Path outputDir, Path ffmpeg, Path scratch, MediaProbe probe,
            OutputVerifier verifier, FfmpegRun runner, Encoders encoders) {
        this.probe = probe;
        this.request = request;
        this.ffmpeg = ffmpeg;
        this.outputDir = outputDir.toAbsolutePath().normalize();
        this.scratch = scratch;
        this.verifier = verifier;
        this.runner = runner;
        this.encoders = encoders;
    }

    /** With a blob destination under SKIP_EXISTING: the outputs whose blobs exist are kept, output by output. */
    void keepingBlobs(KeptBlobs blobs) {
        this.kept = blobs;
    }

    /** The final relative names for these rungs. */
    static List<String> names(String stem, Preset preset, List<int[]> rungs) {
        return OutputNames.video(stem, preset, rungs);
    }

    Piece make(PlannedFile file, Preset preset, MediaProbe.Info in) {
        String key = preset.toString();
        List<int[]> rungs = VideoPlan.rungs(preset, in.video().height());
        List<String> finals = names(file.stem(), preset, rungs);
        String encoder = encoders.videoEncoder(preset);
        Double seconds = preset == Preset.THUMBNAIL ? null : in.mediaSeconds();
        KeptBlobs blobs = request.overwrite() == OverwritePolicy.SKIP_EXISTING ? this.kept : null;
        List<OutputResult> have = blobs == null ? null : finals.stream().map(n -> blobs.kept(n, key)).toList();
        if (have != null && have.stream().allMatch(java.util.Objects::nonNull)) {
            return new Piece(have, null, null, null, 0, null);
        }
        if (request.overwrite() == OverwritePolicy.SKIP_EXISTING) {
            List<OutputResult> kept = verifyAll(preset, rungs, finals, finals.stream().map(outputDir::resolve).toList(),
                    in, seconds, encoder);
            if (kept.stream().allMatch(OutputResult::succeeded)) {
                return new Piece(kept, null, null, null, 0, kept.get(0).durationSeconds());
            }
        }
        Path first = outputDir.resolve(finals.get(0));
        Path parent = preset == Preset.HLS ? first.getParent().getParent() : first.getParent();
        String tag = "." + file.taskId() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL)
                + ".partial.";
        Path stderr = scratch.resolve(file.taskId() + "." + key + ".stderr.txt");
        List<Path> temps = new ArrayList<>();
        Path hlsDir = preset == Preset.HLS ? parent.resolve(tag + "hls") : null;
        try {
            Files.createDirectories(parent);
            List<String> targets = new ArrayList<>();
            for (int[] r : rungs) {
                if (hlsDir != null) {
                    Files.createDirectories(hlsDir.resolve(r[1] + "p"));
                    targets.add(r[1] + "p");
                } else {
                    Path t = parent.resolve(tag + r[1] + "p." + preset.extension());
                    temps.add(t);
                    targets.add(t.toString());
                }
            }
            VideoPlan plan = VideoPlan.of(preset, file.inputPath().toAbsolutePath().toString(), in.video(),
                    in.hasAudio() && preset != Preset.THUMBNAIL, encoder, targets);
            FfmpegRun.Ended end = runner.run(plan.argv(ffmpeg.toString()), hlsDir, stderr, request.fileTimeout());
            Piece failed = failure(end, finals, key, stderr);
            if (failed != null) {
                return failed;
            }
            if (hlsDir != null) {
                io.github.batchtranscode.internal.ffmpeg.HlsMaster.write(hlsDir, rungs, in.video(), probe);
                temps.add(hlsDir.resolve("master.m3u8"));
            }
            List<OutputResult> outs = verifyAll(preset, rungs, finals, temps, in, seconds, encoder);
            return place(outs, have, temps, hlsDir, end.exit(), stderr);
        } catch (IOException e) {
            return Piece.failed(finals, key, FailureCode.IO, "could not run ffmpeg: " + e.getMessage(), null, 1);
        } finally {
            temps.forEach(Trees::deleteQuietly);
            if (hlsDir != null) {
                Trees.deleteQuietly(hlsDir);
            }
            Trees.deleteQuietly(stderr);
        }
    }

    private Piece failure(FfmpegRun.Ended end, List<String> finals, String key, Path stderr) {
        if (end.cancelled()) {
            return Piece.failed(finals, key, FailureCode.CANCELLED, "cancelled while ffmpeg was running", null, 1);
        }
        if (!end.finished()) {
            return Piece.failed(finals, key, FailureCode.TIMEOUT, "ffmpeg did not finish within " + request.fileTimeout()
                    + " and was killed; raise the request's fileTimeout for long files", null, 1);
        }
        if (end.exit() != 0) {
            String tail = StderrTail.of(stderr);
            return Piece.failed(finals, key, FailureCode.FFMPEG_EXIT, "ffmpeg exited with code " + end.exit()
                    + (tail.isEmpty() ? "" : ": " + tail), end.exit(), 1);
        }
        return null;
    }

    private List<OutputResult> verifyAll(Preset preset, List<int[]> rungs, List<String> finals, List<Path> files,
            MediaProbe.Info in, Double seconds, String encoder) {
        String videoCodec = switch (preset) {
            case WEBM_720P -> "vp9";
            case THUMBNAIL -> "mjpeg";
            default -> "h264";
        };
        String audioCodec = !in.hasAudio() || preset == Preset.THUMBNAIL ? null
                : preset == Preset.WEBM_720P ? "opus" : "aac";
        List<OutputResult> outs = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            int height = preset == Preset.HLS ? rungs.get(0)[0] : rungs.get(i)[0];
            OutputVerifier.Expect e = new OutputVerifier.Expect(videoCodec, height, audioCodec, seconds);
            Path f = files.get(i);
            OutputVerifier.Media m = !Files.exists(f) ? new OutputVerifier.Media(false,
                    "ffmpeg reported success but wrote no output", null, null, null, null, null)
                    : !request.verifyOutputs() ? new OutputVerifier.Media(true, null, null, null, null, null, null)
                    : preset == Preset.HLS ? verifier.verifyHls(f, e) : verifier.verifyVideo(f, e);
            Path measured = preset == Preset.HLS ? f.getParent() : f;
            outs.add(OutputResult.builder().path(finals.get(i)).preset(preset.toString())
                    .status(m.ok() ? FileStatus.SUCCEEDED : FileStatus.FAILED).error(m.problem()).width(m.width())
                    .height(m.height()).videoCodec(m.videoCodec()).audioCodec(m.audioCodec())
                    .durationSeconds(m.seconds()).bytes(m.ok() ? Trees.size(measured) : null).encoder(encoder).build());
        }
        return outs;
    }

    /** Renames the good outputs into place; one in {@code have} (its blob kept) stays as it is instead. */
    private Piece place(List<OutputResult> outs, List<OutputResult> have, List<Path> temps, Path hlsDir, Integer exit,
            Path stderr) throws IOException {
        String tail = null;
        OutputResult bad = null;
        List<OutputResult> placed = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            OutputResult o = outs.get(i);
            if (have != null && have.get(i) != null) {
                o = have.get(i); // made again by the same ffmpeg run, but the existing blob is kept
            } else if (!o.succeeded()) {
                tail = tail != null ? tail : StderrTail.of(stderr);
                String error = o.error() + (tail.isEmpty() ? "" : "; ffmpeg said: " + tail);
                o = OutputResult.builder().path(o.path()).preset(o.preset()).status(FileStatus.FAILED).error(error)
                        .width(o.width()).height(o.height()).videoCodec(o.videoCodec()).audioCodec(o.audioCodec())
                        .durationSeconds(o.durationSeconds()).encoder(o.encoder()).build();
                bad = bad != null ? bad : o;
            } else if (hlsDir != null) {
                Path target = outputDir.resolve(o.path()).getParent();
                Trees.deleteQuietly(target);
                Files.move(hlsDir, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temps.get(i), outputDir.resolve(o.path()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            placed.add(o);
        }
        return new Piece(placed, bad == null ? null : FailureCode.VERIFICATION, bad == null ? null : bad.error(), exit, 1,
                placed.get(0).durationSeconds());
    }
}
