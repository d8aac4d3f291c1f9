package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodersTest {
    private static final String BUNDLED = """
            Encoders:
             V..... = Video
             ------
             V....D libopenh264          OpenH264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
             VFS... mjpeg                MJPEG (Motion JPEG)
             V....D libvpx-vp9           libvpx VP9 (codec vp9)
             A....D aac                  AAC (Advanced Audio Coding)
             A....D libopus              libopus Opus (codec opus)
            """;

    @Test
    void prefersLibx264AndFallsBackToOpenh264() {
        Encoders bundled = Encoders.parse(BUNDLED);
        assertThat(bundled.h264()).isEqualTo("libopenh264");
        assertThat(bundled.names()).doesNotContain("=");
        assertThat(Encoders.parse(BUNDLED + " V....D libx264              libx264 H.264 (codec h264)\n").h264())
                .isEqualTo("libx264");
        assertThat(bundled.videoEncoder(Preset.WEBM_720P)).isEqualTo("libvpx-vp9");
    }

    @Test
    void aMissingEncoderIsNamedWithTheWayToGetIt() {
        Encoders noVp9 = Encoders.parse(BUNDLED.replace("libvpx-vp9", "libvpx"));
        assertThatThrownBy(() -> noVp9.require(List.of(OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.WEBM_720P),
                OutputFormat.of(Preset.MP3)), Path.of("/opt/ff/ffmpeg")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/opt/ff/ffmpeg lacks libvpx-vp9 for preset webm-720p, libmp3lame for preset mp3")
                .hasMessageContaining("apt-get install ffmpeg");
    }
}
