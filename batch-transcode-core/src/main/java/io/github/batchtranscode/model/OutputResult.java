package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One output of one input in a {@link FileResult}: a rendition, an HLS folder, a thumbnail or an audio file.
 *
 * <pre>{@code
 * for (OutputResult o : row.outputs()) {
 *     System.out.println(o.path() + " " + o.status() + " " + o.width() + "x" + o.height() + " " + o.videoCodec());
 * }
 * }</pre>
 *
 * @param path            relative to the output directory, {@code /}-separated; for HLS the master playlist
 * @param preset          the preset's CLI name ({@code h264-ladder}, {@code hls}, ...) or the custom format's key
 * @param status          {@link FileStatus#SUCCEEDED} or {@link FileStatus#FAILED}
 * @param error           why it failed, or {@code null}
 * @param width           the video width as verified, or {@code null} (audio, or not verified)
 * @param height          the video height as verified, or {@code null}
 * @param videoCodec      the verified video codec ({@code h264}, {@code vp9}, {@code mjpeg}), or {@code null}
 * @param audioCodec      the verified audio codec, or {@code null} when it has no audio
 * @param durationSeconds the verified duration, or {@code null} (thumbnails)
 * @param bytes           the size on disk (an HLS folder: all its files), or {@code null}
 * @param encoder         the ffmpeg encoder that made the video ({@code libx264}, {@code libopenh264}, ...), or
 *                        {@code null} for audio
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"path", "preset", "status", "error", "width", "height", "videoCodec", "audioCodec",
    "durationSeconds", "bytes", "encoder"})
public record OutputResult(String path, String preset, FileStatus status, String error, Integer width, Integer height,
        String videoCodec, String audioCodec, Double durationSeconds, Long bytes, String encoder) {

    public OutputResult {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(preset, "preset == null");
        Objects.requireNonNull(status, "status == null");
        if (status == FileStatus.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a FAILED output needs an error: " + path);
        }
    }

    /** Whether this output succeeded. */
    public boolean succeeded() {
        return status == FileStatus.SUCCEEDED;
    }
}
