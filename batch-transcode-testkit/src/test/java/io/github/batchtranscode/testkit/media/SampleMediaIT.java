package io.github.batchtranscode.testkit.media;

import io.github.batchtranscode.model.FailureCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample media, checked with the real (bundled) ffmpeg and ffprobe. */
class SampleMediaIT {
    private static SampleMedia media;

    @BeforeAll
    static void findFfmpeg() {
        media = SampleMedia.create();
    }

    @Test
    void tutorialClipsHaveTheTutorialNamesAndTheAskedLength(@TempDir Path dir) throws IOException {
        List<Path> clips = media.tutorialClips(dir, 3);

        assertThat(clips).extracting(p -> p.getFileName().toString())
                .containsExactly("LowPriVMs-1.mp4", "LowPriVMs-2.mp4", "LowPriVMs-3.mp4");
        for (Path clip : clips) {
            assertThat(media.durationSeconds(clip)).hasValueCloseTo(2.0, within(0.15));
        }
        assertThat(Files.readAllBytes(clips.get(0))).isNotEqualTo(Files.readAllBytes(clips.get(1)));
        assertThat(media.durationSeconds(media.clip(dir.resolve("sub/long.mp4"), Duration.ofMillis(3500), 440)))
                .hasValueCloseTo(3.5, within(0.15));
    }

    @Test
    void badInputsBehaveAsDocumentedUnderFfmpeg(@TempDir Path dir) throws IOException {
        List<BadInput> bad = media.badInputs(dir.resolve("in"));

        assertThat(bad).extracting(BadInput::kind).containsExactly(BadInput.Kind.values());
        for (BadInput input : bad) {
            Path out = dir.resolve("out").resolve(input.kind().name() + ".mp3");
            Transcode result = transcode(input.file(), out);
            if (input.kind().ffmpegFails()) {
                assertThat(result.exitCode).as("%s: %s", input.kind(), result.log).isNotZero();
                assertThat(input.kind().expectedFailureCode()).isEqualTo(FailureCode.FFMPEG_EXIT);
            } else {
                assertThat(result.exitCode).as("%s: %s", input.kind(), result.log).isZero();
                assertThat(media.durationSeconds(input.file())).as("the header still claims").hasValueCloseTo(10.0,
                        within(0.2));
                assertThat(media.durationSeconds(out).orElseThrow()).as("about 40 %% of the audio").isBetween(2.5, 5.0);
                assertThat(input.kind().expectedFailureCode()).isEqualTo(FailureCode.VERIFICATION);
            }
        }
        assertThat(dir.resolve("in/zero-byte.mp4")).isEmptyFile();
    }

    @Test
    void hostileNamesAreMadeVerbatimAndAreRealClips(@TempDir Path dir) throws IOException {
        List<Path> files = media.hostileNames(dir);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("$(touch PWNED).mp4", "`touch PWNED`.mp4", "a;touch PWNED;b.mp4", "it's \"quoted\".mp4",
                        "na\u00efve caf\u00e9 \u65e5\u672c\u8a9e.mp4", "-leading-dash.mp4", "with space.mp4");
        try (Stream<Path> listed = Files.list(dir)) {
            assertThat(listed.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        }
        for (Path file : files) {
            assertThat(media.durationSeconds(file)).as(file.toString()).hasValueCloseTo(1.0, within(0.15));
        }
        assertThat(dir.resolve("PWNED")).doesNotExist();
    }

    @Test
    void argumentsAreCheckedAtOnce(@TempDir Path dir) {
        assertThatThrownBy(() -> media.tutorialClips(dir, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be >= 1, was 0");
        assertThatThrownBy(() -> media.tutorialClips(dir, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length must be positive, was PT0S");
        assertThatThrownBy(() -> media.clip(dir.resolve("x.mp4"), Duration.ofSeconds(1), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("toneHz must be 20..20000, was 5");
        assertThatThrownBy(() -> media.badInputs(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dir == null");
    }

    private record Transcode(int exitCode, String log) {
    }

    /** The tutorial's command, as the local backend runs it: argv, no shell. */
    private static Transcode transcode(Path input, Path output) throws IOException {
        Files.createDirectories(output.getParent());
        List<String> argv = new ArrayList<>(List.of(media.ffmpeg().toString(), "-nostdin", "-hide_banner", "-y",
                "-i", input.toString(), "-vn", output.toString()));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("ffmpeg finished").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Transcode(p.exitValue(), log.lines().reduce((a, b) -> b).orElse(""));
    }
}
