package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user's project inherits from batch-transcode-core is what our tests run on.
 *
 * <p>A fresh consumer project that depends only on core is resolved by a real Maven (the wrapper) against the POMs
 * and jar this build produced, in a private local repository under {@code target/} (never the shared one), and its
 * runtime classpath is compared with core's own, listed by the build into {@code target/runtime-dependencies.txt}.
 * The private repository reads third-party artifacts from the shared local repository as if it were a remote one, so
 * nothing is downloaded and nothing of ours lands in the shared repository.
 */
class ConsumerClasspathIT {
    private static final String VERSION = System.getProperty("consumer.projectVersion");
    private static final Path ROOT = Paths.get(System.getProperty("consumer.rootDirectory", "..")).toAbsolutePath().normalize();
    private static final Path SHARED_REPO = Paths.get(System.getProperty("consumer.sharedRepository",
            System.getProperty("user.home") + "/.m2/repository"));
    private static final Path TARGET = ROOT.resolve("batch-transcode-core/target");
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list";
    /** {@code group:artifact:type[:classifier]:version:scope}, as dependency:list writes each line. */
    private static final Pattern LINE = Pattern.compile("^\\s*([^\\s:]+):([^\\s:]+):([^\\s:]+)(?::([^\\s:]+))?:([^\\s:]+):([^\\s:]+)");

    @Test
    void aFreshConsumerResolvesTheDependencyVersionsOurTestsRunOn() throws Exception {
        assertThat(VERSION).as("consumer.projectVersion system property (set by the core POM)").isNotBlank();
        Path work = TARGET.resolve("consumer-it");
        deleteTree(work);
        Path repo = Files.createDirectories(work.resolve("repository"));
        publish(repo, "batch-transcode-parent", ROOT.resolve("pom.xml"), null);
        publish(repo, "batch-transcode-core", ROOT.resolve("batch-transcode-core/pom.xml"),
                TARGET.resolve("batch-transcode-core-" + VERSION + ".jar"));
        Path consumer = Files.createDirectories(work.resolve("consumer"));
        Files.writeString(consumer.resolve("pom.xml"), consumerPom());
        Path settings = Files.writeString(work.resolve("settings.xml"), settings());
        Path listed = work.resolve("consumer-dependencies.txt");

        run(List.of(ROOT.resolve("mvnw").toString(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "-f", consumer.resolve("pom.xml").toString(), DEPENDENCY_PLUGIN,
                "-DincludeScope=runtime", "-DoutputFile=" + listed), work.resolve("consumer-build.log"));

        Set<String> ours = coordinates(TARGET.resolve("runtime-dependencies.txt"));
        Set<String> theirs = coordinates(listed);
        theirs.remove("io.github.batchtranscode:batch-transcode-core:" + VERSION);
        assertThat(ours).as("core's runtime classpath as our build lists it").isNotEmpty();
        assertThat(theirs).as("a consumer's runtime classpath (" + listed + ") against ours; only in the consumer's: %s;"
                        + " only in ours: %s. Declare the differing artifacts directly in batch-transcode-core's POM.",
                difference(theirs, ours), difference(ours, theirs))
                .isEqualTo(ours);
    }

    private static void publish(Path repo, String artifactId, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("io/github/batchtranscode/" + artifactId + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("core's jar, built by the package phase before this test").exists();
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String consumerPom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>io.github.batchtranscode</groupId>
                      <artifactId>batch-transcode-core</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(VERSION);
    }

    /** Every remote repository is mirrored by the shared local repository, read as a file repository. */
    private static String settings() {
        return """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <mirrors>
                    <mirror>
                      <id>shared-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(SHARED_REPO.toAbsolutePath().toUri());
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the consumer build did not finish in 5 minutes; see " + log);
        }
        assertThat(process.exitValue()).as("the consumer build's exit code; its output:%n%s", Files.readString(log))
                .isZero();
    }

    static Set<String> coordinates(Path dependencyList) throws IOException {
        Set<String> result = new TreeSet<>();
        for (String line : Files.readAllLines(dependencyList)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                String classifier = m.group(4) == null ? "" : ":" + m.group(4);
                result.add(m.group(1) + ":" + m.group(2) + classifier + ":" + m.group(5));
            }
        }
        return result;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
