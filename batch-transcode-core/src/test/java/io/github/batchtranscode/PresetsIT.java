package io.github.batchtranscode;

import static io.github.batchtranscode.TestMedia.filesUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AAC and OPUS presets and a custom format produce the container they promise, keeping relative paths. */
class PresetsIT {
    @TempDir
    static Path dir;
    static Path in;
    static TranscodeSession session;

    @BeforeAll
    static void clips() throws IOException {
        in = dir.resolve("in");
        TestMedia.clip(in.resolve("a/x.mp4"), 2);
        TestMedia.clip(in.resolve("b/x.mp4"), 3);
        session = TranscodeSession.builder().parallelism(2).build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void aacWritesMpeg4Audio() throws IOException {
        Path out = run(TranscodeRequest.builder().formats(OutputFormat.of(Preset.AAC)), "aac");

        assertThat(filesUnder(out)).containsExactly("a/x.m4a", "b/x.m4a");
        assertThat(header(out.resolve("a/x.m4a"), 12).substring(4, 8)).isEqualTo("ftyp");
    }

    @Test
    void opusWritesOggOpus() throws IOException {
        Path out = run(TranscodeRequest.builder().formats(OutputFormat.of(Preset.OPUS)), "opus");

        assertThat(filesUnder(out)).containsExactly("a/x.opus", "b/x.opus");
        assertThat(header(out.resolve("b/x.opus"), 64)).startsWith("OggS").contains("OpusHead");
    }

    @Test
    void aCustomFormatRunsItsArguments() throws IOException {
        Path out = run(TranscodeRequest.builder().formats(OutputFormat.custom("flac", List.of("-c:a", "flac", "-ar", "48000"))), "flac");

        assertThat(filesUnder(out)).containsExactly("a/x.flac", "b/x.flac");
        assertThat(header(out.resolve("a/x.flac"), 4)).isEqualTo("fLaC");
    }

    private Path run(TranscodeRequest.Builder builder, String name) {
        Path out = dir.resolve("out-" + name);
        TranscodeReport report = session.submit(builder.inputDirectory(in).outputDirectory(out).build())
                .await(Duration.ofMinutes(2));
        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::outputDurationSeconds)
                .satisfiesExactly(s -> assertThat(s).isCloseTo(2.0, within(0.2)),
                        s -> assertThat(s).isCloseTo(3.0, within(0.2)));
        return out;
    }

    private static String header(Path file, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(Arrays.copyOf(all, Math.min(bytes, all.length)), StandardCharsets.ISO_8859_1);
    }
}
