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
 *         .preset(Preset.MP3)
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
 * <p>Defaults: includes {@code **}{@code /*.mp4}, preset {@link Preset#MP3}, {@link OverwritePolicy#OVERWRITE},
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
        this.formats = !b.formats.isEmpty() ? List.copyOf(b.formats)
                : List.of(b.format != null ? b.format : OutputFormat.of(b.preset != null ? b.preset : Preset.MP3));
        this.outputDirectory = b.outputDirectory;
        this.overwrite = b.overwrite;
        this.fileTimeout = b.fileTimeout;
        this.verifyOutputs = b.verifyOutputs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's settings; a preset or format set on it replaces this request's format. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputDirectory = inputDirectory;
        b.inputBlobs = inputBlobs;
        b.outputBlobs = outputBlobs;
        b.includes.addAll(includes);
        b.excludes.addAll(excludes);
        if (formats.size() == 1) {
            b.format = formats.get(0);
        } else {
            b.formats.addAll(formats);
        }
        b.formatInherited = true;
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

    /** What to produce. */
    public OutputFormat format() {
        return formats.get(0);
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
        private Preset preset;
        private OutputFormat format;
        private final List<OutputFormat> formats = new ArrayList<>();
        /** The format came from {@link TranscodeRequest#toBuilder()}: the first format setter replaces it. */
        private boolean formatInherited;
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

        /** Produce one of the ready-made formats. */
        public Builder preset(Preset preset) {
            Objects.requireNonNull(preset, "preset == null");
            dropInheritedFormat();
            this.formats.clear();
            this.preset = preset;
            return this;
        }

        /**
         * Produce several ready-made formats from each input, e.g. {@code h264-ladder}, {@code hls} and
         * {@code thumbnail}; replaces any preset or format set before.
         *
         * @throws IllegalArgumentException when the list is empty or names a preset twice
         */
        public Builder presets(List<Preset> presets) {
            Objects.requireNonNull(presets, "presets == null");
            List<OutputFormat> list = new ArrayList<>();
            for (Preset p : presets) {
                list.add(OutputFormat.of(Objects.requireNonNull(p, "presets contains null")));
            }
            return formats(list);
        }

        /** As {@link #presets(List)}. */
        public Builder presets(Preset... presets) {
            return presets(List.of(Objects.requireNonNull(presets, "presets == null")));
        }

        /**
         * Produce several formats (presets or custom) from each input; replaces any preset or format set before.
         *
         * @throws IllegalArgumentException when the list is empty or holds a format twice
         */
        public Builder formats(List<OutputFormat> formats) {
            Objects.requireNonNull(formats, "formats == null");
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("formats is empty: give at least one preset or format");
            }
            if (new java.util.HashSet<>(formats).size() != formats.size()) {
                throw new IllegalArgumentException("a format is listed twice: " + formats);
            }
            this.formats.clear();
            this.formats.addAll(formats);
            this.format = null;
            this.preset = null;
            this.formatInherited = false;
            return this;
        }

        /** Produce a custom format; see {@link OutputFormat#custom(String, List)}. Excludes {@link #preset(Preset)}. */
        public Builder customFormat(String extension, List<String> ffmpegArguments) {
            OutputFormat custom = OutputFormat.custom(extension, ffmpegArguments);
            dropInheritedFormat();
            this.formats.clear();
            this.format = custom;
            return this;
        }

        /** Produce the given format. */
        public Builder format(OutputFormat format) {
            this.format = Objects.requireNonNull(format, "format == null");
            this.formats.clear();
            this.preset = null;
            this.formatInherited = false;
            return this;
        }

        private void dropInheritedFormat() {
            if (formatInherited) {
                format = null;
                formats.clear();
                formatInherited = false;
            }
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
         * @throws IllegalStateException when neither an input directory nor input blobs were given, a preset and a
         *                               custom format were both given, or the output blobs would overwrite the
         *                               input blobs
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
            if (preset != null && format != null && format.preset() != preset) {
                throw new IllegalStateException("a preset (" + preset + ") and a custom format (" + format
                        + ") were both given: choose one");
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
