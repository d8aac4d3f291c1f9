package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import java.util.List;

/**
 * What one format made of one input: its outputs (several for the ladder), and on failure the code and reason.
 *
 * @param outputs  every output of the format, succeeded or not
 * @param code     the failure code, or null when every output succeeded
 * @param error    the failure reason, or null
 * @param exit     ffmpeg's exit code, or null when it never ran or was killed
 * @param attempts how many times ffmpeg was started
 * @param seconds  the first output's duration, or null
 */
record Piece(List<OutputResult> outputs, FailureCode code, String error, Integer exit, int attempts,
        Double seconds) {
    Piece {
        outputs = List.copyOf(outputs);
    }

    boolean ok() {
        return code == null;
    }

    /** A failure before or instead of any output; {@code paths} are the outputs it would have written. */
    static Piece failed(List<String> paths, String preset, FailureCode code, String error, Integer exit, int attempts) {
        List<OutputResult> outs = paths.stream().map(p -> OutputResult.builder().path(p).preset(preset)
                .status(FileStatus.FAILED).error(error).build()).toList();
        return new Piece(outs, code, error, exit, attempts, null);
    }

    long bytes() {
        return outputs.stream().mapToLong(o -> o.bytes() == null ? 0 : o.bytes()).sum();
    }
}
