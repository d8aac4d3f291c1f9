package io.github.batchtranscode.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path dir;

    private final Planner planner = new Planner();

    @Test
    void theDefaultGlobFindsTopLevelAndNestedFilesSorted() throws IOException {
        Path in = files("top.mp4", "b/y.mp4", "a/x.mp4", "a/deep/er/z.mp4", "notes.txt", "a/clip.mov");

        TranscodePlan plan = plan(request(in));

        assertThat(inputs(plan)).containsExactly("a/deep/er/z.mp4", "a/x.mp4", "b/y.mp4", "top.mp4");
        assertThat(plan.files()).extracting(PlannedFile::output)
                .containsExactly("a/deep/er/z.mp3", "a/x.mp3", "b/y.mp3", "top.mp3");
        assertThat(plan.files()).allSatisfy(f -> assertThat(f.inputPath()).isAbsolute().exists());
    }

    @Test
    void theDefaultGlobFindsCameraStyleUpperCaseExtensionsButUserGlobsMatchExactly() throws IOException {
        Path in = files("CLIP0001.MP4", "a/Holiday.Mp4", "b/x.mp4", "c/y.MOV");

        assertThat(inputs(plan(request(in)))).containsExactly("CLIP0001.MP4", "a/Holiday.Mp4", "b/x.mp4");
        assertThat(plan(request(in)).files().get(0).output()).isEqualTo("CLIP0001.mp3");
        assertThat(inputs(plan(request(in).toBuilder().includes("*.mp4", "**/x.mp4").build()))).containsExactly("b/x.mp4");
    }

    @Test
    void includesAndExcludesSelectTheFiles() throws IOException {
        Path in = files("a/x.mp4", "a/skip/y.mp4", "b/z.mov", "c/w.mp4", "top.mp4");

        TranscodePlan plan = plan(request(in).toBuilder().includes("**/*.mp4", "b/*.mov")
                .excludes("**/skip/**", "c/*").build());

        assertThat(inputs(plan)).containsExactly("a/x.mp4", "b/z.mov", "top.mp4");
    }

    @Test
    void aDoubleStarInTheMiddleAlsoMatchesZeroDirectories() throws IOException {
        Path in = files("a/x.mp4", "a/b/y.mp4", "z.mp4");

        TranscodePlan plan = plan(request(in).toBuilder().includes("a/**/*.mp4").build());

        assertThat(inputs(plan)).containsExactly("a/b/y.mp4", "a/x.mp4");
    }

    @Test
    void anOutputDirectoryInsideTheInputDirectoryIsNotReRead() throws IOException {
        Path in = files("x.mp4", "out/old-run.mp4", "out/deeper/older.mp4", "outside/y.mp4");

        TranscodePlan plan = plan(TranscodeRequest.builder().inputDirectory(in).outputDirectory(in.resolve("out")).build());

        assertThat(inputs(plan)).containsExactly("outside/y.mp4", "x.mp4");
    }

    @Test
    void writingNextToTheInputsNeverTargetsAnInput() throws IOException {
        Path in = files("song.mp3", "clip.mp4");

        TranscodePlan plan = plan(TranscodeRequest.builder().inputDirectory(in).outputDirectory(in)
                .includes("*").formats(OutputFormat.of(Preset.MP3)).build());

        assertThat(plan.files()).extracting(PlannedFile::output).doesNotContain("song.mp3").contains("clip.mp3");
    }

    @Test
    void aMissingInputDirectoryIsAConfigurationErrorNamingIt() {
        Path missing = dir.resolve("no-such-dir");

        assertThatThrownBy(() -> plan(request(missing)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void aFileGivenAsInputDirectoryIsAConfigurationError() throws IOException {
        Path file = Files.writeString(dir.resolve("clip.mp4"), "x");

        assertThatThrownBy(() -> plan(request(file)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
    }

    @Test
    void noMatchingFileIsAConfigurationErrorNamingTheDirectoryAndPattern() throws IOException {
        Path in = files("notes.txt", "a/clip.mov");

        assertThatThrownBy(() -> plan(request(in)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(in.toString()).hasMessageContaining("**/*.mp4");
        assertThatThrownBy(() -> plan(request(in).toBuilder().includes("**/*.mov").excludes("a/**").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("**/*.mov").hasMessageContaining("a/**");
    }

    @Test
    void failIfExistsNamesAnExistingOutput() throws IOException {
        Path in = files("a/x.mp4", "b/y.mp4");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("b"));
        Files.writeString(out.resolve("b/y.mp3"), "old");
        TranscodeRequest request = TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                .overwrite(OverwritePolicy.FAIL_IF_EXISTS).build();

        assertThatThrownBy(() -> plan(request))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("b/y.mp3").hasMessageContaining(out.toString());

        Files.delete(out.resolve("b/y.mp3"));
        assertThat(inputs(plan(request))).containsExactly("a/x.mp4", "b/y.mp4");
    }

    @Test
    void taskIdsAreUniqueAndStableAcrossPlans() throws IOException {
        Path in = files("a/x.mp4", "b/x.mp4", "x.mp4");

        TranscodePlan first = plan(request(in));
        TranscodePlan second = plan(request(in));

        assertThat(first.files()).extracting(PlannedFile::taskId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(second.files().stream().map(PlannedFile::taskId).toList());
    }

    private TranscodePlan plan(TranscodeRequest request) {
        return planner.plan(request, "run-1");
    }

    private TranscodeRequest request(Path in) {
        return TranscodeRequest.builder().inputDirectory(in).outputDirectory(dir.resolve("out")).build();
    }

    private Path files(String... names) throws IOException {
        Path in = dir.resolve("in");
        for (String name : names) {
            Path p = in.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, name);
        }
        return in;
    }

    private static List<String> inputs(TranscodePlan plan) {
        return plan.files().stream().map(PlannedFile::input).toList();
    }
}
