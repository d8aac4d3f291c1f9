package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeScriptTest {
    private static final OutputFormat MP3 = OutputFormat.of(Preset.MP3);

    @Test
    void theNodesFfmpegReportsOnItselfIntoFixedFiles() {
        List<String> args = NodeScript.arguments(MP3).lines().toList();

        assertThat(args).containsSubsequence("-progress", NodeScript.PROGRESS_FILE, "-loglevel", "info")
                .contains(NodeScript.INPUT_FILE).endsWith(NodeScript.outputFile(MP3));
        assertThat(NodeScript.script(true)).contains("ffmpeg \"${ARGS[@]}\" 2>ffmpeg.txt")
                .contains(NodeScript.PROGRESS_FILE).doesNotContain("ffprobe -v error -show_entries stream=codec_type");
    }

    @Test
    void outputKeysIgnoreTheReportingArgumentsSoEarlierOutputsAreStillFound() {
        String key = NodeScript.outputKeyArguments(MP3);

        assertThat(key).doesNotContain("-progress").contains("-loglevel\nerror\n").startsWith("-nostdin\n")
                .endsWith(NodeScript.outputFile(MP3) + "\n");
        assertThat(JobLayout.outputKey("0123", key)).isNotEqualTo(JobLayout.outputKey("0123",
                NodeScript.arguments(MP3)));
    }
}
