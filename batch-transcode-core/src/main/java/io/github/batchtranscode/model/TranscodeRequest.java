package io.github.batchtranscode.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to transcode: which files, into what, and where the outputs go. Immutable and thread-safe.
 *
 * <pre>{@code
 * TranscodeRequest request = TranscodeRequest.builder()
 *         .inputDirectory(Path.of("InputFiles"))       // every **\/*.mp4 below it
 *         .formats(OutputFormat.of(Preset.MP3))        // the default; several formats make several outputs
 *         .outputDirectory(Path.of("output"))          // a/x.mp4 -> output/a/x.mp3
 *         .build();
 * }</pre>
 *
 * <p>Media already in Blob Storage stays there: the source may be a {@link BlobLocation} instead of a directory,
 * and the destination a blob location, a directory, or both.
 * <pre>{@code
 * TranscodeRequest request = TranscodeRequest.builder()
 *         .inputBlobs(BlobLocation.of("media", "raw"))          // media/raw/a/x.mp4 ...
 *         .outputBlobs(BlobLocation.of("media", "mp3"))         // ... -> media/mp3/a/x.mp3
 *         .build();
 * }</pre>
 *
 * <p>Defaults: includes {@code **}{@code /*.mp4}, format {@link Preset#MP3}, {@link OverwritePolicy#OVERWRITE},
 * a per-file timeout of 1 hour, output verification on.
 */
public final class TranscodeRequest {
    /** The default include pattern: every MP4 file at any depth. */
    public static final String DEFAULT_INCLUDE = "**/*.mp4";

    private final Path inputDirectory;
    private final BlobLocation inputBlobs;
    private final BlobLocation outputBlobs;
    private final List<String> includes;
    private final List<String> excludes;
    private final List<OutputFormat> formats;
    private final Path outputDirectory;
    private final OverwritePolicy overwrite;
    private final Duration fileTimeout;
    private final boolean verifyOutputs;

    private TranscodeRequest(Builder b) {
        this.inputDirectory = b.inputDirectory;
        this.inputBlobs = b.inputBlobs;
        this.outputBlobs = b.outputBlobs;
        this.includes = List.copyOf(b.includes.isEmpty() ? List.of(DEFAULT_INCLUDE) : b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.formats = b.formats.isEmpty() ? List.of(OutputFormat.of(Preset.MP3)) : List.copyOf(b.formats);
        this.outputDirectory = b.outputDirectory;
        this.overwrite = b.overwrite;
        this.fileTimeout = b.fileTimeout;
        this.verifyOutputs = b.verifyOutputs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's settings; {@link Builder#formats(OutputFormat...)} on it replaces the formats. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputDirectory = inputDirectory;
        b.inputBlobs = inputBlobs;
        b.outputBlobs = outputBlobs;
        b.includes.addAll(includes);
        b.excludes.addAll(excludes);
        b.formats.addAll(formats);
        b.outputDirectory = outputDirectory;
        b.overwrite = overwrite;
        b.fileTimeout = fileTimeout;
        b.verifyOutputs = verifyOutputs;
        return b;
    }

    /** The directory whose matching files are transcoded, or {@code null} when the source is {@link #inputBlobs()}. */
    public Path inputDirectory() {
        return inputDirectory;
    }

    /** The blob location whose matching blobs are transcoded, or {@code null} when the source is a directory. */
    public BlobLocation inputBlobs() {
        return inputBlobs;
    }

    /** Where outputs are written as blobs, below its prefix by the local relative-path rules; or {@code null}. */
    public BlobLocation outputBlobs() {
        return outputBlobs;
    }

    /** The source for messages: the directory or the blob location. */
    public String source() {
        return inputDirectory != null ? inputDirectory.toString() : inputBlobs.toString();
    }

    /**
     * Glob patterns (relative to the input directory, or to the input blobs' prefix, {@code /}-separated) a file
     * must match one of.
     */
    public List<String> includes() {
        return includes;
    }

    /** Glob patterns a file must match none of. */
    public List<String> excludes() {
        return excludes;
    }

    /** Every output format, in order; each input gets all of them. Never empty. */
    public List<OutputFormat> formats() {
        return formats;
    }

    /** Where outputs are written, keeping relative paths; {@code null} on Azure means "leave them in blob storage". */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** What to do with an existing output. */
    public OverwritePolicy overwrite() {
        return overwrite;
    }

    /** How long one file may take before its ffmpeg is killed and the file fails. */
    public Duration fileTimeout() {
        return fileTimeout;
    }

    /** Whether outputs are probed and compared with the input's duration before a file counts as succeeded. */
    public boolean verifyOutputs() {
        return verifyOutputs;
    }

    @Override
    public String toString() {
        return "TranscodeRequest{input=" + source() + ", includes=" + includes + ", excludes=" + excludes
                + ", formats=" + formats + ", output=" + outputDirectory
                + (outputBlobs != null ? ", outputBlobs=" + outputBlobs : "") + ", overwrite=" + overwrite
                + ", fileTimeout=" + fileTimeout + ", verifyOutputs=" + verifyOutputs + "}";
    }

    /** Builds a {@link TranscodeRequest}; setters check their argument at once, {@link #build()} the combination. */
    public static final class Builder {
        private Path inputDirectory;
        private BlobLocation inputBlobs;
        private BlobLocation outputBlobs;
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private final List<OutputFormat> formats = new ArrayList<>();
        private Path outputDirectory;
        private OverwritePolicy overwrite = OverwritePolicy.OVERWRITE;
        private Duration fileTimeout = Duration.ofHours(1);
        private boolean verifyOutputs = true;

        private Builder() {
        }

        /** The directory to read inputs from; replaces {@link #inputBlobs(BlobLocation)}. */
        public Builder inputDirectory(Path inputDirectory) {
            this.inputDirectory = Objects.requireNonNull(inputDirectory, "inputDirectory == null");
            this.inputBlobs = null;
            return this;
        }

        /** The blobs to read inputs from; replaces {@link #inputDirectory(Path)}. */
        public Builder inputBlobs(BlobLocation inputBlobs) {
            this.inputBlobs = Objects.requireNonNull(inputBlobs, "inputBlobs == null");
            this.inputDirectory = null;
            return this;
        }

        /** Also (or only) write outputs as blobs below this location. */
        public Builder outputBlobs(BlobLocation outputBlobs) {
            this.outputBlobs = Objects.requireNonNull(outputBlobs, "outputBlobs == null");
            return this;
        }

        /** Replaces the include patterns, e.g. {@code "**}{@code /*.mp4", "*.mov"}. */
        public Builder includes(String... patterns) {
            Objects.requireNonNull(patterns, "patterns == null");
            List<String> checked = new ArrayList<>();
            for (String p : patterns) {
                checked.add(checkPattern(p));
            }
            includes.clear();
            includes.addAll(checked);
            return this;
        }

        /** Replaces the exclude patterns. */
        public Builder excludes(String... patterns) {
            Objects.requireNonNull(patterns, "patterns == null");
            List<String> checked = new ArrayList<>();
            for (String p : patterns) {
                checked.add(checkPattern(p));
            }
            excludes.clear();
            excludes.addAll(checked);
            return this;
        }

        /**
         * What every input becomes: one output per format, in this order (default {@link Preset#MP3}); replaces
         * the formats set before. This is the one format setter: a ready-made format is
         * {@link OutputFormat#of(Preset)}, your own ffmpeg arguments are {@link OutputFormat#custom(String, List)}.
         *
         * <pre>{@code
         * .formats(OutputFormat.of(Preset.MP3))
         * .formats(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL))
         * .formats(OutputFormat.custom("flac", List.of("-c:a", "flac")))
         * }</pre>
         *
         * @throws NullPointerException     when {@code formats} or one of them is null
         * @throws IllegalArgumentException when none is given or one is given twice
         */
        public Builder formats(OutputFormat... formats) {
            return formats(java.util.Arrays.asList(Objects.requireNonNull(formats, "formats == null")));
        }

        /** As {@link #formats(OutputFormat...)}, from a list. */
        public Builder formats(List<OutputFormat> formats) {
            Objects.requireNonNull(formats, "formats == null");
            for (OutputFormat f : formats) {
                Objects.requireNonNull(f, "formats contains null");
            }
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("formats is empty: give at least one, e.g."
                        + " OutputFormat.of(Preset.MP3)");
            }
            if (new java.util.HashSet<>(formats).size() != formats.size()) {
                throw new IllegalArgumentException("a format is listed twice: " + formats);
            }
            this.formats.clear();
            this.formats.addAll(formats);
            return this;
        }

        /** Where outputs go locally (the local backend needs this or {@link #outputBlobs(BlobLocation)}). */
        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory == null");
            return this;
        }

        public Builder overwrite(OverwritePolicy overwrite) {
            this.overwrite = Objects.requireNonNull(overwrite, "overwrite == null");
            return this;
        }

        /** Per-file time limit (default 1 hour). */
        public Builder fileTimeout(Duration fileTimeout) {
            Objects.requireNonNull(fileTimeout, "fileTimeout == null");
            if (fileTimeout.isNegative() || fileTimeout.isZero()) {
                throw new IllegalArgumentException("fileTimeout must be positive: " + fileTimeout);
            }
            this.fileTimeout = fileTimeout;
            return this;
        }

        /** Whether to verify each output's duration (default true). */
        public Builder verifyOutputs(boolean verifyOutputs) {
            this.verifyOutputs = verifyOutputs;
            return this;
        }

        /**
         * @throws IllegalStateException when neither an input directory nor input blobs were given, or the output
         *                               blobs would overwrite the input blobs
         */
        public TranscodeRequest build() {
            if (inputDirectory == null && inputBlobs == null) {
                throw new IllegalStateException("inputDirectory or inputBlobs is required: where the files to"
                        + " transcode are");
            }
            if (inputBlobs != null && outputBlobs != null && sameContainer(inputBlobs, outputBlobs)
                    && inputBlobs.prefix().equals(outputBlobs.prefix())) {
                throw new IllegalStateException("outputBlobs " + outputBlobs + " is the same place as inputBlobs: choose"
                        + " another container or prefix, so outputs never replace inputs");
            }
            return new TranscodeRequest(this);
        }

        private static boolean sameContainer(BlobLocation a, BlobLocation b) {
            return a.container().equals(b.container())
                    && (a.account() == null || b.account() == null || a.account().equals(b.account()));
        }

        private static String checkPattern(String pattern) {
            Objects.requireNonNull(pattern, "pattern == null");
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("a glob pattern is blank");
            }
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("glob pattern '" + pattern + "' is invalid: " + e.getMessage(), e);
            }
            return pattern;
        }
    }
}
