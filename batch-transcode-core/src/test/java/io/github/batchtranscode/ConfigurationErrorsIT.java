package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that cannot start fail with a clear ConfigurationException before any work, never with a crash. */
class ConfigurationErrorsIT {
    @TempDir
    Path dir;
    TranscodeSession session;

    @BeforeEach
    void session() {
        session = TranscodeSession.builder().parallelism(1).build();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aMissingInputDirectoryFailsTheCompletion() {
        Path missing = dir.resolve("InputFiles");

        TranscodeJob job = session.submit(TranscodeRequest.builder().inputDirectory(missing)
                .outputDirectory(dir.resolve("out")).build());

        assertThat(job.completion()).isCompletedExceptionally();
        assertThatThrownBy(() -> job.completion().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ConfigurationException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> job.await(Duration.ofSeconds(5))).isInstanceOf(ConfigurationException.class);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void noMatchingFileNamesThePattern() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/readme.txt"), "x");

        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder().inputDirectory(dir.resolve("in"))
                .outputDirectory(dir.resolve("out")).build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("**/*.mp4");
    }

    @Test
    void anOutputDirectoryThatCannotBeWrittenIsAClearError() throws Exception {
        TestMedia.clip(dir.resolve("in/a.mp4"), 1);
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "a file where the output directory should be");
        Path out = blocker.resolve("out");

        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder().inputDirectory(dir.resolve("in"))
                .outputDirectory(out).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(out.toString()).hasMessageContaining("cannot be written");
        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder().inputDirectory(dir.resolve("in"))
                .outputDirectory(blocker).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(blocker.toString()).hasMessageContaining("not a directory");
    }

    @Test
    void aRequestWithoutOutputDirectoryIsRefusedByTheLocalBackend() throws Exception {
        TestMedia.clip(dir.resolve("in/a.mp4"), 1);

        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder().inputDirectory(dir.resolve("in")).build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("outputDirectory");
    }

    @Test
    void aBadFfmpegSettingFailsTheSessionBuild() {
        Path bad = dir.resolve("bin/ffmpeg");

        assertThatThrownBy(() -> TranscodeSession.builder().ffmpeg(bad).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(bad.toString());
    }

    @Test
    void aClosedSessionRefusesNewJobs() {
        session.close();

        assertThatThrownBy(() -> session.submit(TranscodeRequest.builder().inputDirectory(dir).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
