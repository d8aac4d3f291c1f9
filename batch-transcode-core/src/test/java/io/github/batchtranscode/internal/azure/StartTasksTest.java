package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The video start task: which encoders it checks, and what it says on a node whose ffmpeg lacks one. */
class StartTasksTest {
    @TempDir
    Path tmp;

    @Test
    void theEncodersOfTheRunsPresetsAreCheckedEachOnce() {
        assertThat(StartTasks.needed(List.of(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS),
                OutputFormat.of(Preset.WEBM_720P), OutputFormat.of(Preset.THUMBNAIL))))
                .containsExactly("libx264|libopenh264", "aac", "libvpx-vp9", "libopus", "mjpeg");
    }

    @Test
    void aUsersOwnStartTaskAndAudioRunsKeepTheirStartTask() {
        PoolSpec own = PoolSpec.builder().startTaskCommandLine("/bin/bash -c true").build();
        assertThat(StartTasks.forRun(own, List.of(OutputFormat.of(Preset.HLS)))).isSameAs(own);
        PoolSpec standard = PoolSpec.builder().build();
        assertThat(StartTasks.forRun(standard, List.of(OutputFormat.of(Preset.MP3)))).isSameAs(standard);
        assertThat(StartTasks.forRun(standard, List.of(OutputFormat.of(Preset.WEBM_720P))).startTaskCommandLine())
                .contains("libvpx-vp9").contains("libopus").doesNotContain("libmp3lame");
    }

    @Test
    void onANodeWithoutTheEncoderTheCommandFailsNamingItOnStderr() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path ffmpeg = bin.resolve("ffmpeg");
        Files.writeString(ffmpeg, "#!/bin/bash\necho ' V....D libopenh264  OpenH264'\necho ' A....D aac  AAC'\n");
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result ok = run(StartTasks.command(StartTasks.needed(List.of(OutputFormat.of(Preset.H264_480P)))), bin);
        Result missing = run(StartTasks.command(StartTasks.needed(List.of(OutputFormat.of(Preset.WEBM_720P)))), bin);

        assertThat(ok.exit()).as(ok.stderr()).isZero();
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("ffmpeg on this node lacks the encoder libvpx-vp9");
    }

    private record Result(int exit, String stderr) {
    }

    /** Runs the command line as Batch does on Linux: split like a shell, not run through one. */
    private Result run(String commandLine, Path bin) throws IOException, InterruptedException {
        String prefix = "/bin/bash -c \"";
        assertThat(commandLine).startsWith(prefix).endsWith("\"");
        String script = commandLine.substring(prefix.length(), commandLine.length() - 1);
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), err);
    }
}
