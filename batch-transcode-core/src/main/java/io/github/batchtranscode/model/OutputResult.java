package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;

/**
 * One output of one input in a {@link FileResult}: a rendition, an HLS folder, a thumbnail or an audio file.
 * Immutable and thread-safe, built by {@link #builder()}; its JSON form has one field per accessor.
 *
 * <pre>{@code
 * for (OutputResult o : row.outputs()) {
 *     System.out.println(o.path() + " " + o.status() + " " + o.width() + "x" + o.height() + " " + o.videoCodec());
 * }
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"path", "preset", "status", "error", "width", "height", "videoCodec", "audioCodec",
    "durationSeconds", "bytes", "encoder", "blob"})
@JsonDeserialize(builder = OutputResult.Builder.class)
public final class OutputResult {
    private final String path;
    private final String blob;
    private final String preset;
    private final FileStatus status;
    private final String error;
    private final Integer width;
    private final Integer height;
    private final String videoCodec;
    private final String audioCodec;
    private final Double durationSeconds;
    private final Long bytes;
    private final String encoder;

    private OutputResult(Builder b) {
        path = b.path;
        blob = b.blob;
        preset = b.preset;
        status = b.status;
        error = b.error;
        width = b.width;
        height = b.height;
        videoCodec = b.videoCodec;
        audioCodec = b.audioCodec;
        durationSeconds = b.durationSeconds;
        bytes = b.bytes;
        encoder = b.encoder;
    }

    /** A builder with no fields set; {@code path}, {@code preset} and {@code status} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this output's values. */
    public Builder toBuilder() {
        return new Builder().path(path).blob(blob).preset(preset).status(status).error(error).width(width)
                .height(height).videoCodec(videoCodec).audioCodec(audioCodec).durationSeconds(durationSeconds).bytes(bytes)
                .encoder(encoder);
    }

    /** Relative to the output directory, {@code /}-separated; for HLS the master playlist. */
    @JsonProperty
    public String path() {
        return path;
    }

    /**
     * The name of the blob this output was written to, in the output container: the request's
     * {@link TranscodeRequest#outputBlobs()} container (its name is {@code <prefix>/}{@link #path()}), or on Azure
     * without a blob destination {@link AzureOptions#outputContainer()}. For HLS the master playlist's blob; the
     * folder's other files are beside it. {@code null} when the output was not written to a blob (the local backend
     * without a blob destination), or when it failed before being written.
     */
    @JsonProperty
    public String blob() {
        return blob;
    }

    /** The preset's CLI name ({@code h264-ladder}, {@code hls}, ...) or the custom format's key. */
    @JsonProperty
    public String preset() {
        return preset;
    }

    /** {@link FileStatus#SUCCEEDED} or {@link FileStatus#FAILED}. */
    @JsonProperty
    public FileStatus status() {
        return status;
    }

    /** Why it failed, or {@code null}. */
    @JsonProperty
    public String error() {
        return error;
    }

    /** The video width as verified, or {@code null} (audio, or not verified). */
    @JsonProperty
    public Integer width() {
        return width;
    }

    /** The video height as verified, or {@code null}. */
    @JsonProperty
    public Integer height() {
        return height;
    }

    /** The verified video codec ({@code h264}, {@code vp9}, {@code mjpeg}), or {@code null}. */
    @JsonProperty
    public String videoCodec() {
        return videoCodec;
    }

    /** The verified audio codec, or {@code null} when it has no audio. */
    @JsonProperty
    public String audioCodec() {
        return audioCodec;
    }

    /** The verified duration, or {@code null} (thumbnails). */
    @JsonProperty
    public Double durationSeconds() {
        return durationSeconds;
    }

    /** The size on disk (an HLS folder: all its files), or {@code null}. */
    @JsonProperty
    public Long bytes() {
        return bytes;
    }

    /** The ffmpeg encoder that made the video ({@code libx264}, {@code libopenh264}, ...), or {@code null}. */
    @JsonProperty
    public String encoder() {
        return encoder;
    }

    /** Whether this output succeeded. */
    public boolean succeeded() {
        return status == FileStatus.SUCCEEDED;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof OutputResult r && path.equals(r.path) && Objects.equals(blob, r.blob)
                && preset.equals(r.preset)
                && status == r.status && Objects.equals(error, r.error) && Objects.equals(width, r.width)
                && Objects.equals(height, r.height) && Objects.equals(videoCodec, r.videoCodec)
                && Objects.equals(audioCodec, r.audioCodec) && Objects.equals(durationSeconds, r.durationSeconds)
                && Objects.equals(bytes, r.bytes) && Objects.equals(encoder, r.encoder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, blob, preset, status, error, width, height, videoCodec, audioCodec, durationSeconds,
                bytes, encoder);
    }

    @Override
    public String toString() {
        return "OutputResult[path=" + path + (blob == null ? "" : ", blob=" + blob) + ", preset=" + preset
                + ", status=" + status
                + (width == null ? "" : ", " + width + "x" + height) + (videoCodec == null ? "" : ", " + videoCodec)
                + (audioCodec == null ? "" : ", " + audioCodec) + (error == null ? "" : ", error=" + error) + "]";
    }

    /** Builds an {@link OutputResult}; not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String path;
        private String blob;
        private String preset;
        private FileStatus status;
        private String error;
        private Integer width;
        private Integer height;
        private String videoCodec;
        private String audioCodec;
        private Double durationSeconds;
        private Long bytes;
        private String encoder;

        private Builder() {
        }

        /** See {@link OutputResult#path()}; required. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path == null");
            return this;
        }

        /** See {@link OutputResult#blob()}; {@code null} when it was not written to a blob. */
        public Builder blob(String blob) {
            if (blob != null && blob.isBlank()) {
                throw new IllegalArgumentException("blob is blank: use null when the output was not written to a blob");
            }
            this.blob = blob;
            return this;
        }

        /** See {@link OutputResult#preset()}; required. */
        public Builder preset(String preset) {
            this.preset = Objects.requireNonNull(preset, "preset == null");
            return this;
        }

        /** See {@link OutputResult#status()}; required. */
        public Builder status(FileStatus status) {
            this.status = Objects.requireNonNull(status, "status == null");
            return this;
        }

        /** See {@link OutputResult#error()}. */
        public Builder error(String error) {
            this.error = error;
            return this;
        }

        /** See {@link OutputResult#width()}. */
        public Builder width(Integer width) {
            this.width = positive(width, "width");
            return this;
        }

        /** See {@link OutputResult#height()}. */
        public Builder height(Integer height) {
            this.height = positive(height, "height");
            return this;
        }

        /** See {@link OutputResult#videoCodec()}. */
        public Builder videoCodec(String videoCodec) {
            this.videoCodec = videoCodec;
            return this;
        }

        /** See {@link OutputResult#audioCodec()}. */
        public Builder audioCodec(String audioCodec) {
            this.audioCodec = audioCodec;
            return this;
        }

        /** See {@link OutputResult#durationSeconds()}. */
        public Builder durationSeconds(Double durationSeconds) {
            this.durationSeconds = durationSeconds;
            return this;
        }

        /** See {@link OutputResult#bytes()}. */
        public Builder bytes(Long bytes) {
            this.bytes = bytes;
            return this;
        }

        /** See {@link OutputResult#encoder()}. */
        public Builder encoder(String encoder) {
            this.encoder = encoder;
            return this;
        }

        /**
         * The output.
         *
         * @throws IllegalStateException if path, preset or status is missing, or a FAILED output has no error
         */
        public OutputResult build() {
            if (path == null || preset == null || status == null) {
                throw new IllegalStateException("an OutputResult needs path, preset and status (path=" + path + ")");
            }
            if (status == FileStatus.FAILED && (error == null || error.isBlank())) {
                throw new IllegalStateException("a FAILED output needs an error: " + path);
            }
            return new OutputResult(this);
        }

        private static Integer positive(Integer n, String name) {
            if (n != null && n < 0) {
                throw new IllegalArgumentException(name + " must be >= 0: " + n);
            }
            return n;
        }
    }
}
