package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegArgumentPolicyTest {

    /** Arguments separated by a space; one case per string. */
    @ParameterizedTest
    @ValueSource(strings = {
        "-c:a flac",
        "-af loudnorm=I=-16:TP=-1.5",
        "-ar 48000",
        "-b:a 128k",
        "-c:a libmp3lame -q:a 2",
        "-c:a aac -b:a 160k -ac 2",
        "-af aresample=48000,volume=0.8",
        "-af aformat=sample_fmts=s16:channel_layouts=stereo",
        "-af highpass=f=200,lowpass=f=3000",
        "-metadata title=Tutorial",
        "-compression_level 8",
        "-af apad -ar 8000",
    })
    void acceptsCodecBitrateAndFilterArguments(String args) {
        List<String> list = split(args);

        assertThatCode(() -> FfmpegArgumentPolicy.check(list)).doesNotThrowAnyException();
        assertThat(OutputFormat.custom("flac", list).arguments()).isEqualTo(list);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-i x",
        "-c:a flac -i /etc/passwd",
        "evil.mp3",
        "-c:a flac evil.mp3",
        "-c:a flac evil",
        "-vn evil",
        "-vn evil.mka",
        "-shortest sneaky.nut",
        "-metadata $(touch x)",
        "$(touch x)",
        "-metadata `id`",
        "-c:a flac;rm",
        "-c:a flac|cat",
        "-metadata a&b",
        "/etc/passwd",
        "-metadata /etc/passwd",
        "-metadata file:x",
        "-metadata http://example.com/x",
        "-af amovie=secret",
        "-af volume=1,amovie=secret",
        "-filter_script x",
        "-filter_script:a x",
        "-f mp3",
        "-y",
        "-map 0:v",
        "-filter_complex anullsrc",
        "-metadata ../x",
        "-af sendcmd=f=cmds",
    })
    void rejectsFilesInputsOutputsAndShellSyntax(String args) {
        List<String> list = split(args);

        assertThatThrownBy(() -> FfmpegArgumentPolicy.check(list))
                .isInstanceOf(IllegalArgumentException.class)
                .message().satisfies(m -> assertThat(list).anySatisfy(a -> assertThat(m).contains(a)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".mp3", "mp3;", "a/b", "toolongextension", "m p3"})
    void rejectsExtensionsThatAreNotPlainLettersAndDigits(String extension) {
        assertThatThrownBy(() -> OutputFormat.custom(extension, List.of("-c:a", "flac")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extension");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "-c:a"})
    void rejectsEmptyBlankOrNullArguments(String first) {
        assertThatThrownBy(() -> FfmpegArgumentPolicy.check(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FfmpegArgumentPolicy.check(Arrays.asList(first, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FfmpegArgumentPolicy.check(List.of("-c:a", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    private static List<String> split(String args) {
        return List.of(args.split(" "));
    }
}
