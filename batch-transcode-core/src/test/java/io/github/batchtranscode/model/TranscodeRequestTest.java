package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodeRequestTest {
    private static final Path IN = Path.of("InputFiles");

    @Test
    void defaultsAreTheTutorials() {
        TranscodeRequest r = TranscodeRequest.builder().inputDirectory(IN).build();

        assertThat(r.includes()).containsExactly("**/*.mp4");
        assertThat(r.excludes()).isEmpty();
        assertThat(r.formats().get(0)).isEqualTo(OutputFormat.of(Preset.MP3));
        assertThat(r.formats().get(0).extension()).isEqualTo("mp3");
        assertThat(r.overwrite()).isEqualTo(OverwritePolicy.OVERWRITE);
        assertThat(r.fileTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(r.verifyOutputs()).isTrue();
        assertThat(r.outputDirectory()).isNull();
    }

    @Test
    void settersRejectBadArgumentsAtOnce() {
        TranscodeRequest.Builder b = TranscodeRequest.builder();

        assertThatThrownBy(() -> b.inputDirectory(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("inputDirectory == null");
        assertThatThrownBy(() -> b.formats((OutputFormat[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("formats == null");
        assertThatThrownBy(() -> b.formats(OutputFormat.of(Preset.MP3), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("formats contains null");
        assertThatThrownBy(() -> b.fileTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fileTimeout");
        assertThatThrownBy(() -> b.fileTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.includes(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> b.includes("a/[b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/[b");
        assertThatThrownBy(() -> b.includes((String[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OutputFormat.custom("flac", List.of("-i", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-i");
    }

    @Test
    void buildRequiresAnInputDirectory() {
        assertThatThrownBy(() -> TranscodeRequest.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inputDirectory");
    }

    @Test
    void presetsAndCustomFormatsMixInOneSetter() {
        OutputFormat flac = OutputFormat.custom("flac", List.of("-c:a", "flac"));
        TranscodeRequest r = TranscodeRequest.builder().inputDirectory(IN).formats(OutputFormat.of(Preset.AAC), flac)
                .build();

        assertThat(r.formats()).containsExactly(OutputFormat.of(Preset.AAC), flac);
        assertThat(TranscodeRequest.builder().inputDirectory(IN).formats(flac).formats(OutputFormat.of(Preset.OPUS))
                .build().formats()).as("the last call wins").containsExactly(OutputFormat.of(Preset.OPUS));
    }

    @Test
    void aCustomFormatIsUsedAsGiven() {
        TranscodeRequest r = TranscodeRequest.builder().inputDirectory(IN)
                .formats(OutputFormat.custom("flac", List.of("-c:a", "flac"))).build();

        assertThat(r.formats().get(0).preset()).isNull();
        assertThat(r.formats().get(0).extension()).isEqualTo("flac");
        assertThat(r.formats().get(0).arguments()).containsExactly("-c:a", "flac");
        assertThat(r.formats().get(0).key()).startsWith("custom-flac-");
    }

    @Test
    void toBuilderCopiesEverySetting() {
        TranscodeRequest r = TranscodeRequest.builder().inputDirectory(IN).outputDirectory(Path.of("out"))
                .includes("*.mov").excludes("tmp/**").formats(OutputFormat.of(Preset.OPUS)).overwrite(OverwritePolicy.SKIP_EXISTING)
                .fileTimeout(Duration.ofMinutes(2)).verifyOutputs(false).build();

        TranscodeRequest copy = r.toBuilder().build();

        assertThat(copy).hasToString(r.toString());
        assertThat(copy.formats().get(0)).isEqualTo(r.formats().get(0));
        assertThat(copy.includes()).containsExactly("*.mov");
        assertThat(copy.excludes()).containsExactly("tmp/**");
    }

    @Test
    void toBuilderAllowsChangingTheFormat() {
        TranscodeRequest mp3 = TranscodeRequest.builder().inputDirectory(IN).build();
        TranscodeRequest flac = mp3.toBuilder().formats(OutputFormat.custom("flac", List.of("-c:a", "flac"))).build();

        assertThat(mp3.toBuilder().formats(OutputFormat.of(Preset.AAC)).build().formats().get(0)).isEqualTo(OutputFormat.of(Preset.AAC));
        assertThat(flac.formats().get(0).extension()).isEqualTo("flac");
        assertThat(flac.toBuilder().formats(OutputFormat.of(Preset.OPUS)).build().formats().get(0)).isEqualTo(OutputFormat.of(Preset.OPUS));
        assertThat(mp3.formats().get(0)).isEqualTo(OutputFormat.of(Preset.MP3));
    }

    @Test
    void aBuiltRequestIsNotChangedByItsBuilder() {
        TranscodeRequest.Builder b = TranscodeRequest.builder().inputDirectory(IN).includes("*.mp4");
        TranscodeRequest r = b.build();

        b.includes("*.mov").formats(OutputFormat.of(Preset.AAC));

        assertThat(r.includes()).containsExactly("*.mp4");
        assertThat(r.formats().get(0).preset()).isEqualTo(Preset.MP3);
        assertThatThrownBy(() -> r.includes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void presetsParseCaseInsensitivelyAndNameTheChoicesOtherwise() {
        assertThat(Preset.parse(" OPUS ")).isEqualTo(Preset.OPUS);
        assertThat(Preset.AAC.extension()).isEqualTo("m4a");
        assertThatThrownBy(() -> Preset.parse("wav")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mp3, aac, opus");
    }

    @Test
    void severalPresetsKeepTheirOrderAndTheFirstIsTheFormat() {
        TranscodeRequest r = TranscodeRequest.builder().inputDirectory(Path.of("in"))
                .formats(Preset.parseList("h264-ladder,HLS,thumbnail").stream().map(OutputFormat::of).toList()).build();

        assertThat(r.formats()).extracting(OutputFormat::preset)
                .containsExactly(Preset.H264_LADDER, Preset.HLS, Preset.THUMBNAIL);
        assertThat(r.formats().get(0).preset()).isEqualTo(Preset.H264_LADDER);
        assertThat(r.toBuilder().build().formats()).isEqualTo(r.formats());
        assertThat(r.toBuilder().formats(OutputFormat.of(Preset.MP3)).build().formats()).extracting(OutputFormat::preset)
                .containsExactly(Preset.MP3);
        assertThatThrownBy(() -> TranscodeRequest.builder().formats(List.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> TranscodeRequest.builder().formats(OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.HLS)))
                .hasMessageContaining("twice");
        assertThat(Preset.parse("H264_720P")).isEqualTo(Preset.parse("h264-720p"));
        assertThat(Preset.H264_720P).hasToString("h264-720p");
    }
}
