package io.github.batchtranscode.testkit.media;

import io.github.batchtranscode.model.FailureCode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One broken input made by {@link SampleMedia#badInputs(Path)}, with what transcoding it to audio should do.
 *
 * <pre>{@code
 * for (BadInput bad : media.badInputs(inputDir)) {
 *     FileResult row = report.file(bad.file().getFileName().toString());
 *     assertThat(row.failureCode()).isEqualTo(bad.kind().expectedFailureCode());
 * }
 * }</pre>
 *
 * @param file the file made
 * @param kind what is wrong with it, and the expected outcome
 */
public record BadInput(Path file, Kind kind) {
    public BadInput {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(kind, "kind == null");
    }

    /** What is wrong with a bad input, and what {@code ffmpeg -i FILE -vn out.mp3} does with it. */
    public enum Kind {
        /** An empty file: ffmpeg exits non-zero. */
        ZERO_BYTE("zero-byte.mp4", true),
        /** The first 200 bytes of a valid MP4, header incomplete: ffmpeg exits non-zero. */
        TRUNCATED_HEADER("truncated-header.mp4", true),
        /** 64 KiB of random bytes with an {@code .mp4} name: ffmpeg exits non-zero. */
        GARBAGE("garbage.mp4", true),
        /** A valid MP4 with no audio stream: ffmpeg exits non-zero ("does not contain any stream"). */
        VIDEO_ONLY("video-only.mp4", true),
        /** A line of text with an {@code .mp4} name: ffmpeg exits non-zero. */
        NOT_MEDIA("not-media.mp4", true),
        /**
         * A 10 s faststart MP4 cut to 40 % of its bytes. Its header still says 10 s, ffmpeg exits 0, and the
         * output holds only about 40 % of the audio (about 3.8 s): only verifying the output's duration catches it.
         */
        TRUNCATED_FASTSTART("truncated-faststart.mp4", false);

        private final String fileName;
        private final boolean ffmpegFails;

        Kind(String fileName, boolean ffmpegFails) {
            this.fileName = fileName;
            this.ffmpegFails = ffmpegFails;
        }

        /** The name {@link SampleMedia#badInputs(Path)} gives this kind's file. */
        public String fileName() {
            return fileName;
        }

        /**
         * Whether ffmpeg exits non-zero on it. The exact code depends on the build: ffmpeg 5 and older exit 1,
         * ffmpeg 6 exits with the error's code (e.g. 183 for invalid data, 234 for no stream to write).
         */
        public boolean ffmpegFails() {
            return ffmpegFails;
        }

        /** The report's {@code failureCode} a transcode of it should get: {@code FFMPEG_EXIT} or {@code VERIFICATION}. */
        public FailureCode expectedFailureCode() {
            return ffmpegFails ? FailureCode.FFMPEG_EXIT : FailureCode.VERIFICATION;
        }
    }
}
