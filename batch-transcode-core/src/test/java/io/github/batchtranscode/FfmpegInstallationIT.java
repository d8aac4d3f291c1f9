package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public way to find and run the ffmpeg a session uses, with real ffmpeg. */
class FfmpegInstallationIT {
    private static final FfmpegInstallation FFMPEG = FfmpegInstallation.locate();

    @Test
    void makesAndProbesAClipWithTheSessionsBinaries(@TempDir Path dir) throws IOException {
        Path clip = dir.resolve("tone.mp4");
        FfmpegInstallation.Result made = FFMPEG.run(List.of("-nostdin", "-y", "-loglevel", "error", "-f", "lavfi",
                "-i", "sine=frequency=440:duration=1.5", "-c:a", "aac", clip.toString()), Duration.ofMinutes(1));
        assertThat(made.ok()).as(made.stderr()).isTrue();
        FfmpegInstallation.Result probed = FFMPEG.runProbe(List.of("-v", "error", "-show_entries", "format=duration",
                "-of", "default=nw=1:nk=1", clip.toString()), Duration.ofMinutes(1));
        assertThat(probed.ok()).isTrue();
        assertThat(Double.parseDouble(probed.stdout().strip())).isBetween(1.4, 1.6);
        assertThat(FfmpegInstallation.at(FFMPEG.directory()).ffprobe()).isEqualTo(FFMPEG.ffprobe());
    }

    @Test
    void aRunPastItsTimeLimitIsKilledAndSaysSo() throws IOException {
        FfmpegInstallation.Result r = FFMPEG.run(List.of("-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
                "-i", "testsrc=rate=10", "-f", "null", "-"), Duration.ofMillis(500));
        assertThat(r.finished()).isFalse();
        assertThat(r.exit()).isNull();
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aFailingRunReportsItsExitCodeAndStderr() throws IOException {
        FfmpegInstallation.Result r = FFMPEG.run(List.of("-nostdin", "-i", "/nonexistent/in.mp4", "-f", "null", "-"),
                Duration.ofMinutes(1));
        assertThat(r.finished()).isTrue();
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("/nonexistent/in.mp4");
    }

    @Test
    void badSettingsFailAtOnceNamingWhatIsWrong(@TempDir Path dir) {
        assertThatThrownBy(() -> FfmpegInstallation.at(dir.resolve("nope")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> FFMPEG.run(List.of("-version"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThat(FFMPEG.toString()).contains(FFMPEG.ffmpeg().toString()).contains(FFMPEG.source());
    }
}
