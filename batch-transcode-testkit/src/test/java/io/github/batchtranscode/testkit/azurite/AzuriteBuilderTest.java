package io.github.batchtranscode.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzuriteBuilderTest {
    @Test
    void settersCheckTheirArgumentsAtOnce() {
        Azurite.Builder builder = Azurite.builder();
        assertThatThrownBy(() -> builder.port(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be 0 (a free port) or 1..65535, was -1");
        assertThatThrownBy(() -> builder.port(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.startupTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startupTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> builder.installTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("installTimeout must be positive");
        assertThatThrownBy(() -> builder.startupTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("startupTimeout == null");
        assertThatThrownBy(() -> builder.provisioning(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("provisioning == null");
        assertThatThrownBy(() -> builder.cacheDirectory(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("cacheDirectory == null");
    }

    @Test
    void anUnknownProvisioningInTheEnvironmentIsNamed() {
        assertThatThrownBy(() -> Azurite.builder().environment(Map.of("BATCH_TRANSCODE_AZURITE", "podman")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("BATCH_TRANSCODE_AZURITE is 'podman'; use auto, container or npm");
    }

    @Test
    void npmWithoutNodeOnThePathIsUnavailable(@TempDir Path empty) {
        assertThatThrownBy(() -> Azurite.builder().provisioning(Provisioning.NPM)
                .environment(Map.of("PATH", empty.toString())).start())
                .isInstanceOf(AzuriteUnavailableException.class)
                .hasMessageContaining("'node' is not on the PATH");
    }

    @Test
    void theEnvironmentChoosesNpmWhenTheBuilderDoesNot(@TempDir Path empty) {
        assertThatThrownBy(() -> Azurite.builder()
                .environment(Map.of("PATH", empty.toString(), "BATCH_TRANSCODE_AZURITE", "npm")).start())
                .isInstanceOf(AzuriteUnavailableException.class).hasMessageStartingWith("Azurite cannot run from npm");
    }

    @Test
    void containerWithoutAnEngineIsUnavailableAndSaysWhere() {
        assertThatThrownBy(() -> Azurite.builder().provisioning(Provisioning.CONTAINER)
                .environment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1")).start())
                .isInstanceOf(AzuriteUnavailableException.class)
                .hasMessageContaining("no Docker engine answers at DOCKER_HOST tcp://127.0.0.1:1")
                .hasMessageContaining("Provisioning.NPM");
    }

    @Test
    void autoWithNeitherEngineNorNodeGivesBothReasons(@TempDir Path empty) {
        assertThatThrownBy(() -> Azurite.builder()
                .environment(Map.of("PATH", empty.toString(), "DOCKER_HOST", "unix://" + empty.resolve("none.sock")))
                .start())
                .isInstanceOf(AzuriteUnavailableException.class)
                .hasMessageContaining("no Docker engine answers at DOCKER_HOST unix://")
                .hasMessageContaining("'node' is not on the PATH");
    }

    @Test
    void theCacheFollowsTheEnvironment() {
        assertThat(CacheLocation.root(Map.of("BATCH_TRANSCODE_CACHE", "/x/cache"))).isEqualTo(Path.of("/x/cache"));
        assertThat(CacheLocation.root(Map.of("XDG_CACHE_HOME", "/x/xdg"))).isEqualTo(Path.of("/x/xdg/batch-transcode"));
        assertThat(CacheLocation.root(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "batch-transcode"));
    }

    @Test
    void thePinnedVersionComesFromThePom() {
        assertThat(AzuriteVersion.pinned()).matches("3\\.\\d+\\.\\d+");
    }
}
