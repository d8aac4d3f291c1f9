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

    @Test
    void blobUrlsAreSourcesAndDestinationsAndADirectoryCanJoinThem() {
        CliOptions o = CliOptions.parse(List.of("--input", "https://acct.blob.core.windows.net/media/raw/2024",
                "--output", "http://127.0.0.1:10000/devstoreaccount1/out/mp3", "--output", "local"));
        assertThat(o.input()).isNull();
        assertThat(o.inputBlobs().container()).isEqualTo("media");
        assertThat(o.inputBlobs().prefix()).isEqualTo("raw/2024/");
        assertThat(o.outputBlobs().account()).isEqualTo("devstoreaccount1");
        assertThat(o.outputBlobs().prefix()).isEqualTo("mp3/");
        assertThat(o.output()).isEqualTo(Path.of("local"));
        assertThat(o.usesBlobs()).isTrue();
    }

    @Test
    void aBlobUrlAsTheOnlyOutputWritesNoDirectoryAndTheReportHere() {
        CliOptions o = CliOptions.parse(List.of("--output", "https://acct.blob.core.windows.net/out"));
        assertThat(o.output()).isNull();
        assertThat(o.report()).isEqualTo(Path.of("report.json"));
    }

    @Test
    void aBlobUrlWithASasIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CliOptions.parse(List.of("--input",
                "https://acct.blob.core.windows.net/media?sv=2024-01-01&sp=rl&sig=c2VjcmV0")))
                .isInstanceOf(CliOptions.UsageException.class).hasMessageContaining("--input")
                .hasMessageContaining("SAS").hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--output", "local", "--output",
                "http://127.0.0.1:10000/devstoreaccount1/out/mp3?sv=2024-01-01&sr=c&sp=cw&sig=d3JpdGU%3D")))
                .isInstanceOf(CliOptions.UsageException.class).hasMessageContaining("--output")
                .hasMessageContaining("SAS").hasMessageNotContaining("d3JpdGU");
        assertThatThrownBy(() -> CliOptions.parse(List.of("--output", "https://acct.blob.core.windows.net/xxx",
                "--output", "https://acct.blob.core.windows.net/yyy"))).hasMessageContaining("two blob URLs");
    }
}
