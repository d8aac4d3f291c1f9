package io.github.batchtranscode.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.model.Preset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliOptionsTest {
    @Test
    void defaultsFollowTheTutorial() {
        CliOptions o = CliOptions.parse(List.of());
        assertThat(o.input()).isNull();
        assertThat(o.output()).isEqualTo(Path.of("output"));
        assertThat(o.report()).isEqualTo(Path.of("output", "report.json"));
        assertThat(o.backend()).isEqualTo(CliOptions.Backend.LOCAL);
        assertThat(o.preset()).isEqualTo(Preset.MP3);
        assertThat(o.parallelism()).isNull();
    }

    @Test
    void readsEveryFlagInBothSpellings() {
        CliOptions o = CliOptions.parse(List.of("--input", "in dir", "--output=out", "--backend", "EMULATOR",
                "--preset", "opus", "--parallelism=3"));
        assertThat(o.input()).isEqualTo(Path.of("in dir"));
        assertThat(o.report()).isEqualTo(Path.of("out", "report.json"));
        assertThat(o.backend()).isEqualTo(CliOptions.Backend.EMULATOR);
        assertThat(o.preset()).isEqualTo(Preset.OPUS);
        assertThat(o.parallelism()).isEqualTo(3);
        assertThat(CliOptions.parse(List.of("--report", "r.json")).report()).isEqualTo(Path.of("r.json"));
    }

    @Test
    void presetsComeAsACommaSeparatedList() {
        assertThat(CliOptions.parse(List.of("--preset", "h264-ladder, hls,thumbnail")).presets())
                .containsExactly(Preset.H264_LADDER, Preset.HLS, Preset.THUMBNAIL);
        assertThatThrownBy(() -> CliOptions.parse(List.of("--preset", "hls,hls"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--preset", "hls,"))).hasMessageContaining("unknown preset ''");
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> CliOptions.parse(List.of("--preset", "wav")))
                .hasMessageContaining("unknown preset 'wav'").hasMessageContaining("mp3, aac, opus, h264-480p");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--parallelism", "0"))).hasMessageContaining("--parallelism");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--backend", "cloud"))).hasMessageContaining("local, emulator or azure");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--input"))).hasMessageContaining("--input needs a value");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--frobnicate", "1"))).hasMessageContaining("unknown option '--frobnicate'");
    }
}
