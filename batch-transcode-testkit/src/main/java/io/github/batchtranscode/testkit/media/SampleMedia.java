package io.github.batchtranscode.testkit.media;

import io.github.batchtranscode.FfmpegInstallation;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;

/**
 * Makes media files for tests and demos with real ffmpeg ({@code -f lavfi} test pattern + sine tone): clips
 * like the tutorial's {@code LowPriVMs-1.mp4}, the broken inputs users hand a transcoder, and files with
 * hostile names. Nothing is downloaded; a few seconds of tiny video per file.
 *
 * <pre>{@code
 * SampleMedia media = SampleMedia.create();
 * List<Path> clips = media.tutorialClips(inputDir, 5);          // LowPriVMs-1.mp4 … LowPriVMs-5.mp4, 2 s each
 * List<BadInput> bad = media.badInputs(badDir);                  // each with its expected outcome
 * double seconds = media.durationSeconds(clips.get(0)).orElseThrow();
 * }</pre>
 *
 * <p>ffmpeg is found as the library finds it: {@code BATCH_TRANSCODE_FFMPEG}, the {@code PATH}, or
 * {@code org.bytedeco:ffmpeg} on the classpath. Instances are immutable and thread-safe; methods block while
 * ffmpeg runs and create missing parent folders.
 */
public final class SampleMedia {
    /** The length of a tutorial clip unless given. */
    public static final Duration DEFAULT_CLIP_LENGTH = Duration.ofSeconds(2);
    private static final Logger LOG = TestkitLoggers.MEDIA;
    private static final double FASTSTART_SECONDS = 10;
    private static final double FASTSTART_FRACTION = 0.4;

    private final FfmpegInstallation tools;
    private final Synthesizer synthetic;

    private SampleMedia(FfmpegInstallation tools) {
        this.tools = tools;
        this.synthetic = new Synthesizer(tools);
    }

    /**
     * Uses the ffmpeg the library would use.
     *
     * @throws io.github.batchtranscode.ConfigurationException when no ffmpeg is found, saying how to provide one
     */
    public static SampleMedia create() {
        return new SampleMedia(FfmpegInstallation.locate());
    }

    /**
     * Uses the given ffmpeg executable, or the folder holding ffmpeg and ffprobe.
     *
     * @throws io.github.batchtranscode.ConfigurationException when it names no executable ffmpeg
     */
    public static SampleMedia using(Path ffmpeg) {
        return new SampleMedia(FfmpegInstallation.at(ffmpeg));
    }

    /** Uses the given installation, e.g. the one a test's session uses. */
    public static SampleMedia using(FfmpegInstallation ffmpeg) {
        return new SampleMedia(Objects.requireNonNull(ffmpeg, "ffmpeg == null"));
    }

    /** The ffmpeg executable used. */
    public Path ffmpeg() {
        return tools.ffmpeg();
    }

    /** The ffprobe executable used. */
    public Path ffprobe() {
        return tools.ffprobe();
    }

    /**
     * Makes one MP4 clip (160x120 test pattern, AAC sine tone, moov atom first) of the given length.
     *
     * @throws IllegalArgumentException when {@code length} is not positive
     * @throws IOException              when ffmpeg fails or the file cannot be written
     */
    public Path clip(Path file, Duration length, int toneHz) throws IOException {
        Objects.requireNonNull(file, "file == null");
        if (toneHz < 20 || toneHz > 20_000) {
            throw new IllegalArgumentException("toneHz must be 20..20000, was " + toneHz);
        }
        return synthetic.clip(file, seconds(length), toneHz);
    }

    /**
     * Makes one MP4 test-pattern video ({@code width}×{@code height}, 24 fps, MPEG-4 part 2; with a 440 Hz AAC tone
     * when {@code audio}), moov atom first: a real decode for the video presets.
     *
     * @throws IllegalArgumentException when a size is not a positive even number or {@code length} is not positive
     * @throws IOException              when ffmpeg fails or the file cannot be written
     */
    public Path video(Path file, int width, int height, Duration length, boolean audio) throws IOException {
        Objects.requireNonNull(file, "file == null");
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be positive and even, were " + width + "x"
                    + height);
        }
        return synthetic.video(file, width, height, seconds(length), audio);
    }

    /**
     * Makes {@code LowPriVMs-1.mp4} … {@code LowPriVMs-<count>.mp4} in {@code dir}, {@link #DEFAULT_CLIP_LENGTH}
     * each, each with its own tone (so their bytes and outputs differ).
     *
     * @throws IllegalArgumentException when {@code count < 1}
     * @throws IOException              when ffmpeg fails or a file cannot be written
     */
    public List<Path> tutorialClips(Path dir, int count) throws IOException {
        return tutorialClips(dir, count, DEFAULT_CLIP_LENGTH);
    }

    /** As {@link #tutorialClips(Path, int)}, each clip {@code length} long. */
    public List<Path> tutorialClips(Path dir, int count, Duration length) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        double seconds = seconds(length);
        List<Path> made = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            made.add(synthetic.clip(dir.resolve("LowPriVMs-" + i + ".mp4"), seconds, 220 + 20 * (i % 500)));
        }
        LOG.debug("made {} tutorial clips in {}", count, dir);
        return List.copyOf(made);
    }

    /**
     * Makes one file of each {@link BadInput.Kind} in {@code dir}, named {@link BadInput.Kind#fileName()}.
     *
     * @return the files in the order of {@link BadInput.Kind#values()}
     * @throws IOException when ffmpeg fails or a file cannot be written
     */
    public List<BadInput> badInputs(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        List<BadInput> made = new ArrayList<>();
        for (BadInput.Kind kind : BadInput.Kind.values()) {
            made.add(new BadInput(make(kind, dir.resolve(kind.fileName())), kind));
        }
        return List.copyOf(made);
    }

    private Path make(BadInput.Kind kind, Path file) throws IOException {
        return switch (kind) {
            case ZERO_BYTE -> Synthesizer.empty(file);
            case TRUNCATED_HEADER -> synthetic.truncatedHeader(file);
            case GARBAGE -> Synthesizer.garbage(file, 64 * 1024, 42);
            case VIDEO_ONLY -> synthetic.videoOnly(file, 2);
            case NOT_MEDIA -> Synthesizer.text(file);
            case TRUNCATED_FASTSTART -> synthetic.truncatedFaststart(file, FASTSTART_SECONDS, FASTSTART_FRACTION);
        };
    }

    /**
     * Makes a valid 1 s clip under each hostile name this file system allows: spaces, quotes, {@code $(…)},
     * backticks, {@code ;}, {@code &&}, {@code |}, {@code >}, a leading dash, {@code %}, {@code *}, non-ASCII,
     * a line break. A name the file system rejects (e.g. quotes on Windows) is left out.
     *
     * @throws IOException when ffmpeg fails or a file cannot be written
     */
    public List<Path> hostileNames(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        Files.createDirectories(dir);
        Path template = Files.createTempFile(dir, ".template-", ".mp4");
        try {
            synthetic.clip(template, 1, 500);
            List<Path> made = new ArrayList<>();
            for (String name : HostileNames.ALL) {
                try {
                    made.add(Files.copy(template, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING));
                } catch (InvalidPathException | IOException e) {
                    LOG.debug("this file system does not allow the name {}: {}", name.replace("\n", "\\n"), e.toString());
                }
            }
            return List.copyOf(made);
        } finally {
            Files.deleteIfExists(template);
        }
    }

    /**
     * The file's duration as ffprobe reads it from the container.
     *
     * @return the seconds, or empty when ffprobe cannot read the file
     * @throws IOException when ffprobe cannot be run
     */
    public OptionalDouble durationSeconds(Path file) throws IOException {
        return new Ffprobe(tools).durationSeconds(Objects.requireNonNull(file, "file == null"));
    }

    private static double seconds(Duration length) {
        Objects.requireNonNull(length, "length == null");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length must be positive, was " + length);
        }
        return length.toMillis() / 1000.0;
    }
}
