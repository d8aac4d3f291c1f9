package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.buildtools.BuiltJar;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The published jar names its module: a user who puts core on the module path writes
 * {@code requires io.github.batchtranscode;} and keeps that name when a real module descriptor arrives.
 */
class ModuleNameIT {
    @Test
    void theJarCarriesAStableAutomaticModuleName() {
        BuiltJar jar = BuiltJar.in(Path.of("target"), "batch-transcode-core");
        assertThat(jar.manifest().getMainAttributes().getValue("Automatic-Module-Name"))
                .isEqualTo("io.github.batchtranscode");
        ModuleDescriptor module = jar.asModule();
        assertThat(module.name()).as("the name the JVM gives the jar on the module path")
                .isEqualTo("io.github.batchtranscode");
        assertThat(module.isAutomatic()).isTrue();
        assertThat(module.packages()).contains("io.github.batchtranscode", "io.github.batchtranscode.model");
    }
}
