package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLocatorTest {
    private static final ClassLoader NOTHING_BUNDLED = new URLClassLoader(new URL[0], null);
    private static final ClassLoader BUNDLED = FfmpegLocatorTest.class.getClassLoader();

    @TempDir
    Path dir;
    private Path explicit;
    private Path fromEnv;
    private Path onPath;

    @BeforeEach
    void fakeInstallations() throws IOException {
        explicit = tools("explicit");
        fromEnv = tools("env");
        onPath = tools("path");
    }

    @Test
    void anExplicitSettingWinsOverEverythingElse() {
        FfmpegTools tools = locator(Map.of(FfmpegLocator.ENV, fromEnv.toString(), "PATH", onPath.toString()), BUNDLED)
                .locate(explicit.resolve("ffmpeg"));

        assertThat(tools.ffmpeg()).isEqualTo(explicit.resolve("ffmpeg"));
        assertThat(tools.ffprobe()).isEqualTo(explicit.resolve("ffprobe"));
        assertThat(tools.source()).isEqualTo("setting");
    }

    @Test
    void theEnvironmentVariableWinsOverThePath() {
        FfmpegTools tools = locator(Map.of(FfmpegLocator.ENV, fromEnv.toString(), "PATH", onPath.toString()), BUNDLED)
                .locate(null);

        assertThat(tools.ffmpeg()).isEqualTo(fromEnv.resolve("ffmpeg"));
        assertThat(tools.source()).isEqualTo(FfmpegLocator.ENV);
    }

    @Test
    void thePathWinsOverTheBundledBuild() {
        String path = dir.resolve("empty-dir") + File.pathSeparator + onPath;

        FfmpegTools tools = locator(Map.of("PATH", path), BUNDLED).locate(null);

        assertThat(tools.ffmpeg()).isEqualTo(onPath.resolve("ffmpeg"));
        assertThat(tools.source()).isEqualTo("PATH");
    }

    @Test
    void theBundledBuildIsExtractedWhenNothingElseIsThere() {
        FfmpegTools tools = locator(Map.of("PATH", dir.resolve("empty-dir").toString()), BUNDLED).locate(null);

        assertThat(tools.source()).isEqualTo("bundled");
        assertThat(tools.ffmpeg()).isExecutable().hasFileName("ffmpeg");
        assertThat(tools.ffprobe()).isExecutable().hasFileName("ffprobe");
    }

    @Test
    void aBadExplicitPathIsAConfigurationErrorNamingIt() {
        Path bad = dir.resolve("nope/ffmpeg");

        assertThatThrownBy(() -> locator(Map.of("PATH", onPath.toString()), BUNDLED).locate(bad))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(bad.toString());
    }

    @Test
    void aBadEnvironmentVariableIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> locator(Map.of(FfmpegLocator.ENV, "/no/such/ffmpeg", "PATH", onPath.toString()), BUNDLED)
                .locate(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(FfmpegLocator.ENV).hasMessageContaining("/no/such/ffmpeg");
    }

    @Test
    void aNonExecutableFileIsNotTakenForFfmpeg() throws IOException {
        Path plain = Files.writeString(dir.resolve("ffmpeg-not-executable"), "text");

        assertThatThrownBy(() -> locator(Map.of(), NOTHING_BUNDLED).locate(plain))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(plain.toString());
    }

    @Test
    void findingNothingSaysHowToFixIt() {
        assertThatThrownBy(() -> locator(Map.of("PATH", dir.resolve("empty-dir").toString()), NOTHING_BUNDLED).locate(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ffmpeg was not found")
                .hasMessageContaining("Install")
                .hasMessageContaining(FfmpegLocator.ENV)
                .hasMessageContaining("org.bytedeco:ffmpeg");
    }

    @Test
    void ffmpegWithoutFfprobeOnThePathIsExplainedNotIgnored() throws IOException {
        Path half = Files.createDirectories(dir.resolve("half"));
        executable(half.resolve("ffmpeg"));

        assertThatThrownBy(() -> locator(Map.of("PATH", half.toString()), NOTHING_BUNDLED).locate(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ffprobe").hasMessageContaining(half.resolve("ffmpeg").toString());
    }

    private static FfmpegLocator locator(Map<String, String> env, ClassLoader loader) {
        return new FfmpegLocator(env, loader);
    }

    private Path tools(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        executable(d.resolve("ffmpeg"));
        executable(d.resolve("ffprobe"));
        return d;
    }

    private static void executable(Path p) throws IOException {
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        assertThat(p.toFile().setExecutable(true)).isTrue();
    }
}
