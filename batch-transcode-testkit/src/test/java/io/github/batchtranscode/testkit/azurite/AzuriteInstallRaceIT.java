package io.github.batchtranscode.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs installing Azurite into the same empty cache at once: one installs, the other waits and reuses it. */
class AzuriteInstallRaceIT {
    @Test
    void twoJvmsInstallOnce(@TempDir Path cache) throws Exception {
        if (new NodeProbe(System.getenv()).find().isEmpty()) {
            throw CiRule.onUnavailable(new AzuriteUnavailableException(new NodeProbe(System.getenv()).problem()),
                    System.getenv());
        }
        Path outputs = Files.createTempDirectory("azurite-race-");
        Contender first = Contender.start(cache, outputs.resolve("first.out"));
        Contender second = Contender.start(cache, outputs.resolve("second.out"));

        String a = first.finish();
        String b = second.finish();
        Directories.deleteTree(outputs);

        assertThat(List.of(a, b)).filteredOn(s -> s.contains("installedNow=true")).hasSize(1);
        assertThat(List.of(a, b)).filteredOn(s -> s.contains("installedNow=false")).hasSize(1);
        assertThat(cache.resolve("azurite-" + AzuriteVersion.pinned() + "/node_modules/azurite/dist/src/blob/main.js"))
                .isRegularFile();
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".part-"));
        }
    }

    private record Contender(Process process, Path output) {
        static Contender start(Path cache, Path output) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    InstallRaceMain.class.getName(), cache.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new Contender(p, output);
        }

        String finish() throws Exception {
            assertThat(process.waitFor(6, TimeUnit.MINUTES)).as("installer JVM finished").isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        }
    }
}
