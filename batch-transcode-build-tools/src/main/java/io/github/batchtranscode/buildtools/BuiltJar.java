package io.github.batchtranscode.buildtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A module's jar as {@code package} built it, for integration tests that check what a user's build will see.
 *
 * <pre>{@code
 * BuiltJar jar = BuiltJar.in(Path.of("target"), "batch-transcode-core");
 * ModuleDescriptor module = jar.asModule();
 * }</pre>
 */
public record BuiltJar(Path path) {
    /**
     * The main jar {@code <artifactId>-<version>.jar} in {@code targetDirectory} (not its sources, javadoc or tests).
     *
     * @throws IllegalStateException when there is none or more than one: run {@code ./mvnw verify}, not only test
     */
    public static BuiltJar in(Path targetDirectory, String artifactId) {
        try (Stream<Path> files = Files.list(targetDirectory)) {
            List<Path> jars = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(artifactId + "-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar");
            }).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one " + artifactId + "-<version>.jar in " + targetDirectory
                        + ", found " + jars + ": run the package phase first (./mvnw -B verify)");
            }
            return new BuiltJar(jars.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + targetDirectory, e);
        }
    }

    /** The jar's main manifest. */
    public Manifest manifest() {
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest m = jar.getManifest();
            if (m == null) {
                throw new IllegalStateException(path + " has no META-INF/MANIFEST.MF");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The module the JVM makes of the jar on the module path, as {@code java --module-path} would. */
    public ModuleDescriptor asModule() {
        List<ModuleReference> found = List.copyOf(ModuleFinder.of(path).findAll());
        if (found.size() != 1) {
            throw new IllegalStateException(path + " yields " + found.size() + " modules");
        }
        return found.get(0).descriptor();
    }
}
