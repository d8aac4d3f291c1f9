package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputVerifierTest {

    @ParameterizedTest(name = "input {0} s, output {1} s -> ok={2}")
    @CsvSource({
        "10, 10, true",
        "10, 9.55, true",     // within 0.5 s
        "10, 10.49, true",
        "10, 9.4, false",     // 0.6 s short
        "10, 4.83, false",    // the truncated faststart case: ffmpeg exits 0 with half the audio
        "100, 98.1, true",    // within 2 %
        "100, 97.9, false",
        "100, 102.1, false",
        "0.3, 0, true",       // tiny clips: 0.5 s absolute tolerance
    })
    void judgesDurationsWithTwoPercentOrHalfASecond(double expected, double actual, boolean ok) {
        OutputVerifier.Verdict v = OutputVerifier.judge(expected, actual);

        assertThat(v.ok()).isEqualTo(ok);
        assertThat(v.outputSeconds()).isEqualTo(actual);
        if (ok) {
            assertThat(v.problem()).isNull();
        } else {
            assertThat(v.problem()).contains(String.format(java.util.Locale.ROOT, "%.2f", actual))
                    .contains(String.format(java.util.Locale.ROOT, "%.2f", expected));
        }
    }

    @Test
    void anUnknownInputDurationAcceptsAnyOutputButAnUnknownOutputDurationFails() {
        assertThat(OutputVerifier.judge(null, 3.0).ok()).isTrue();
        assertThat(OutputVerifier.judge(3.0, null).ok()).isFalse();
        assertThat(OutputVerifier.judge(3.0, null).problem()).contains("duration");
    }

    @Test
    void aMissingOrEmptyOutputFailsWithoutProbing(@TempDir Path dir) throws IOException {
        OutputVerifier verifier = new OutputVerifier(new MediaProbe(dir.resolve("no-ffprobe-here")));

        assertThat(verifier.verify(dir.resolve("missing.mp3"), 5.0).problem()).contains("no output");
        assertThat(verifier.verify(Files.createFile(dir.resolve("empty.mp3")), 5.0).problem()).contains("empty");
    }
}
