package io.github.batchtranscode.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.buildtools.BuiltJar;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The testkit's library jar names its module {@code io.github.batchtranscode.testkit}, after its root package. */
class ModuleNameIT {
    @Test
    void theJarCarriesAStableAutomaticModuleName() {
        BuiltJar jar = BuiltJar.in(Path.of("target"), "batch-transcode-testkit");
        assertThat(jar.manifest().getMainAttributes().getValue("Automatic-Module-Name"))
                .isEqualTo("io.github.batchtranscode.testkit");
        ModuleDescriptor module = jar.asModule();
        assertThat(module.name()).isEqualTo("io.github.batchtranscode.testkit");
        assertThat(module.packages()).contains("io.github.batchtranscode.testkit.batch",
                "io.github.batchtranscode.testkit.azurite", "io.github.batchtranscode.testkit.media");
    }
}
