package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {

    @Test
    void runsFfmpegDirectlyWithSafetyFlagsPresetAndOutputLast() {
        List<String> argv = FfmpegCommand.argv("/opt/ffmpeg", "/in/my clip $(x).mp4", "/out/my clip.mp3",
                OutputFormat.of(Preset.MP3));

        assertThat(argv.get(0)).isEqualTo("/opt/ffmpeg");
        assertThat(argv).doesNotContain("sh", "-c", "bash", "cmd", "/c");
        assertThat(argv).contains("-nostdin", "-y", "-vn");
        assertThat(argv.get(argv.indexOf("-i") + 1)).isEqualTo("/in/my clip $(x).mp4");
        assertThat(argv).containsSubsequence("-i", "-vn", "-c:a", "libmp3lame", "-b:a", "192k");
        assertThat(argv.get(argv.size() - 1)).isEqualTo("/out/my clip.mp3");
        assertThat(argv).containsOnlyOnce("/out/my clip.mp3", "-i");
    }

    @Test
    void flagsComeBeforeTheInputSoTheyApplyToTheRun() {
        List<String> argv = FfmpegCommand.argv("ffmpeg", "in.mp4", "out.opus", OutputFormat.of(Preset.OPUS));

        assertThat(argv.indexOf("-nostdin")).isLessThan(argv.indexOf("-i"));
        assertThat(argv.indexOf("-y")).isLessThan(argv.indexOf("-i"));
        assertThat(argv.indexOf("-vn")).isGreaterThan(argv.indexOf("-i"));
        assertThat(argv).containsSubsequence("-c:a", "libopus", "out.opus");
    }

    @Test
    void customArgumentsGoBetweenInputAndOutput() {
        OutputFormat flac = OutputFormat.custom("flac", List.of("-c:a", "flac", "-ar", "48000"));

        List<String> argv = FfmpegCommand.argv("ffmpeg", "in.mp4", "out.flac", flac);

        assertThat(argv.subList(argv.size() - 5, argv.size())).containsExactly("-c:a", "flac", "-ar", "48000", "out.flac");
    }

    @Test
    void theArgumentListCannotBeModified() {
        List<String> argv = FfmpegCommand.argv("ffmpeg", "in.mp4", "out.mp3", OutputFormat.of(Preset.MP3));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> argv.add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
