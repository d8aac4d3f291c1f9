package io.github.batchtranscode.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutputNamesTest {

    @Test
    void keepsTheRelativePathAndReplacesOnlyTheLastExtension() {
        Map<String, String> out = OutputNames.assign(List.of("a/x.mp4", "clip.v2.mp4", "dir.v1/take"), "mp3", Set.of());

        assertThat(out).containsEntry("a/x.mp4", "a/x.mp3")
                .containsEntry("clip.v2.mp4", "clip.v2.mp3")
                .containsEntry("dir.v1/take", "dir.v1/take.mp3");
    }

    @Test
    void sameBaseNameInDifferentFoldersDoesNotCollide() {
        Map<String, String> out = OutputNames.assign(List.of("a/x.mp4", "b/x.mp4"), "mp3", Set.of());

        assertThat(out).containsEntry("a/x.mp4", "a/x.mp3").containsEntry("b/x.mp4", "b/x.mp3");
    }

    @Test
    void inputsThatWouldShareAnOutputKeepTheirWholeName() {
        Map<String, String> out = OutputNames.assign(List.of("x.mov", "x.mp4", "y.mp4"), "mp3", Set.of());

        assertThat(out).containsEntry("x.mov", "x.mov.mp3").containsEntry("x.mp4", "x.mp4.mp3")
                .containsEntry("y.mp4", "y.mp3");
    }

    @Test
    void outputsDifferingOnlyInCaseAreTreatedAsClashes() {
        List<String> inputs = List.of("Clip.mp4", "clip.MP4", "clip.mp4");

        Map<String, String> out = OutputNames.assign(inputs, "mp3", Set.of());

        assertThat(out).hasSize(3);
        assertUniqueIgnoringCase(out);
        assertThat(out.values()).allSatisfy(o -> assertThat(o).endsWith(".mp3"));
    }

    @Test
    void namesWithoutExtensionAndDotfilesGetTheExtensionAppended() {
        Map<String, String> out = OutputNames.assign(List.of("README", ".hidden", "a/.hidden", "a/b.c/noext"), "mp3",
                Set.of());

        assertThat(out).containsEntry("README", "README.mp3")
                .containsEntry(".hidden", ".hidden.mp3")
                .containsEntry("a/.hidden", "a/.hidden.mp3")
                .containsEntry("a/b.c/noext", "a/b.c/noext.mp3");
    }

    @Test
    void anOutputNeverTakesATakenName() {
        // writing next to the inputs: song.mp3 must not be overwritten by the output of song.mp3
        Map<String, String> out = OutputNames.assign(List.of("song.mp3"), "mp3", Set.of("song.mp3"));

        assertThat(out.get("song.mp3")).isNotEqualToIgnoringCase("song.mp3").endsWith(".mp3");
    }

    @Test
    void tangledNamesStillGetUniqueOutputs() {
        List<String> inputs = List.of("x.mov", "x.mp4", "x.mp4.mp4", "X.MP4.mp3", "x.mp4-2.mp4");

        Map<String, String> out = OutputNames.assign(inputs, "mp3", Set.of());

        assertThat(out).hasSize(inputs.size());
        assertUniqueIgnoringCase(out);
    }

    @Test
    void videoStemsKeepTheWholeNameOnlyWhenTwoInputsWouldShareAnOutput() {
        List<io.github.batchtranscode.model.OutputFormat> formats = List.of(
                io.github.batchtranscode.model.OutputFormat.of(io.github.batchtranscode.model.Preset.H264_LADDER),
                io.github.batchtranscode.model.OutputFormat.of(io.github.batchtranscode.model.Preset.THUMBNAIL));
        Map<String, String> stems = OutputNames.stems(List.of("a/x.mp4", "a/X.mov", "b/x.mp4", "y.720p.mp4", "y.mp4"),
                formats, java.util.Set.of());

        assertThat(stems).containsEntry("a/x.mp4", "a/x.mp4").containsEntry("a/X.mov", "a/X.mov")
                .containsEntry("b/x.mp4", "b/x").containsEntry("y.720p.mp4", "y.720p").containsEntry("y.mp4", "y");
        assertThat(OutputNames.fixedNames("b/x", formats)).containsExactly("b/x.1080p.mp4", "b/x.720p.mp4",
                "b/x.480p.mp4", "b/x.360p.mp4", "b/x.jpg");
        assertThat(OutputNames.primary("b/x", io.github.batchtranscode.model.OutputFormat.of(
                io.github.batchtranscode.model.Preset.HLS))).isEqualTo("b/x.hls/master.m3u8");
    }

    private static void assertUniqueIgnoringCase(Map<String, String> out) {
        Set<String> lower = out.values().stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertThat(lower).as("outputs %s", out.values()).hasSize(out.size());
    }
}
