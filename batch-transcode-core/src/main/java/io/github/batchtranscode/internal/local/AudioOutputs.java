package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.internal.ffmpeg.FfmpegReport;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.internal.ffmpeg.StderrTail;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Makes one audio output and verifies it from the transcoding run itself: ffmpeg describes its input on stderr and
 * reports the output's duration through {@code -progress}, so a good file costs no ffprobe process. The output must
 * exist, be non-empty and last as long as the input within {@link OutputVerifier}'s tolerance. Only when it falls
 * short of the container's duration is the input probed, to judge against its audio stream's own duration (a video
 * whose audio ends early is fine; a truncated faststart MP4 that ffmpeg exits 0 on is not); only when ffmpeg gave no
 * progress report is the output probed, as before.
 */
final class AudioOutputs {
    private static final int HEAD_BYTES = 64 * 1024;
    private final Path ffmpeg;
    private final TranscodeRequest request;
    private final FfmpegRun runner;
    private final OutputVerifier verifier;

    AudioOutputs(Path ffmpeg, TranscodeRequest request, FfmpegRun runner, OutputVerifier verifier) {
        this.ffmpeg = ffmpeg;
        this.request = request;
        this.runner = runner;
        this.verifier = verifier;
    }

    /** The failure for an input known to have no audio, or null. */
    static Piece noAudio(MediaProbe.Info in, String out, OutputFormat f) {
        if (in == null || !in.readable() || in.hasAudio()) {
            return null;
        }
        String found = in.streamTypes().isEmpty() ? "no streams" : String.join(", ", in.streamTypes());
        return in.streamTypes().contains("video")
                ? Piece.failed(List.of(out), f.key(), FailureCode.NO_AUDIO, "the input has no audio stream (it has: "
                        + found + ")", null, 0)
                : Piece.failed(List.of(out), f.key(), FailureCode.INVALID_INPUT, "the input is not usable media, probably"
                        + " truncated or damaged: it has no audio or video stream (found: " + found + ")", null, 0);
    }

    Piece run(PlannedFile file, OutputFormat f, String out, InputFacts facts, Path target, Path temp, Path stderr)
            throws IOException {
        List<String> argv = FfmpegCommand.reportingArgv(ffmpeg.toString(), file.inputPath().toString(),
                temp.toString(), f);
        FfmpegRun.Ended end = runner.run(argv, null, stderr, request.fileTimeout());
        String key = f.key();
        if (end.cancelled()) {
            return Piece.failed(List.of(out), key, FailureCode.CANCELLED, "cancelled while ffmpeg was running", null, 1);
        }
        if (!end.finished()) {
            return Piece.failed(List.of(out), key, FailureCode.TIMEOUT, "ffmpeg did not finish within " + request.fileTimeout()
                    + " and was killed; raise the request's fileTimeout for long files", null, 1);
        }
        FfmpegReport.Input said = FfmpegReport.input(head(stderr));
        facts.learn(said.asInfo());
        int exit = end.exit();
        if (exit != 0) {
            Piece none = noAudio(facts.known(), out, f);
            if (none != null) {
                return none;
            }
            String tail = StderrTail.ofInfo(stderr);
            return Piece.failed(List.of(out), key, FailureCode.FFMPEG_EXIT, "ffmpeg exited with code " + exit
                    + (tail.isEmpty() ? "" : ": " + tail), exit, 1);
        }
        OutputVerifier.Verdict v = verify(file, temp, facts, said, FfmpegReport.outputSeconds(end.stdout()));
        if (!v.ok()) {
            String tail = StderrTail.ofInfo(stderr);
            String error = v.problem() + (tail.isEmpty() ? "" : "; ffmpeg said: " + tail);
            return new Piece(List.of(OutputResult.builder().path(out).preset(key).status(FileStatus.FAILED).error(error)
                    .durationSeconds(v.outputSeconds())
                    .build()), FailureCode.VERIFICATION, error, exit, 1, v.outputSeconds());
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Piece(List.of(result(out, f, v.outputSeconds(), Trees.size(target))), null, null, exit, 1,
                v.outputSeconds());
    }

    private OutputVerifier.Verdict verify(PlannedFile file, Path temp, InputFacts facts, FfmpegReport.Input said,
            Double outSeconds) throws IOException {
        if (!Files.exists(temp) || Files.size(temp) == 0) {
            return new OutputVerifier.Verdict(false, null, !Files.exists(temp)
                    ? "ffmpeg reported success but wrote no output" : "the output is empty (0 bytes)");
        }
        if (!request.verifyOutputs()) {
            return OutputVerifier.judge(null, null);
        }
        if (outSeconds == null) { // no progress report: read the output itself
            return verifier.verify(temp, expected(facts, said));
        }
        OutputVerifier.Verdict v = OutputVerifier.judge(expected(facts, said), outSeconds);
        if (!v.ok() && !facts.isProbed()) { // short of the container: judge by the audio stream's own duration
            v = OutputVerifier.judge(facts.probed().audioSeconds(), outSeconds);
        }
        return v;
    }

    private static Double expected(InputFacts facts, FfmpegReport.Input said) {
        return facts.isProbed() ? facts.known().audioSeconds() : said.containerSeconds();
    }

    static OutputResult result(String out, OutputFormat f, Double seconds, Long bytes) {
        String codec = f.preset() == null ? null : switch (f.preset()) {
            case MP3 -> "mp3";
            case AAC -> "aac";
            case OPUS -> "opus";
            default -> null;
        };
        return OutputResult.builder().path(out).preset(f.key()).status(FileStatus.SUCCEEDED).audioCodec(codec)
                .durationSeconds(seconds).bytes(bytes).build();
    }

    private static String head(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
        }
    }
}
