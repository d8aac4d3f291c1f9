package io.github.batchtranscode.testkit.azurite;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The Node.js executables found on this machine.
 *
 * @param node    the {@code node} executable
 * @param npm     the {@code npm} executable, or {@code null} when absent (enough to run an installed Azurite)
 * @param version what {@code node --version} printed, e.g. {@code v20.20.2}
 */
record NodeTools(Path node, Path npm, String version) {
    NodeTools {
        Objects.requireNonNull(node, "node == null");
        Objects.requireNonNull(version, "version == null");
    }
}
