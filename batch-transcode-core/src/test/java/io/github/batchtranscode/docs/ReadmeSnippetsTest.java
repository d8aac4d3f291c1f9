package io.github.batchtranscode.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md is compiled: each must appear, line for line (indentation aside), in
 * {@link JavadocExamplesTest}, in the testkit's README example test (the class name aside) or in its
 * {@code ManualTimeIT}, so a README snippet
 * that stops compiling against the API fails this build.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static String normalized(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                // the testkit's example test has its own class name: the README's is a placeholder
                sb.append(t.replaceAll("\\s+", " ").replaceAll("^class \\w+ \\{$", "class _ {")).append('\n');
            }
        }
        return sb.toString();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void everyJavaSnippetOfTheReadmeIsCompiledByATest() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = read(root.resolve("README.md"));
        String compiled = normalized(read(root.resolve(
                "batch-transcode-core/src/test/java/io/github/batchtranscode/docs/JavadocExamplesTest.java")))
                + normalized(read(root.resolve("batch-transcode-testkit/src/test/java/io/github/batchtranscode/testkit"
                        + "/docs/ReadmeTestkitExampleIT.java")))
                + normalized(read(root.resolve("batch-transcode-testkit/src/test/java/io/github/batchtranscode/testkit"
                        + "/time/ManualTimeIT.java")));
        List<String> missing = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String block = normalized(m.group(1));
            if (!compiled.contains(block)) {
                missing.add(m.group(1));
            }
        }
        assertThat(blocks).as("java blocks in README.md").isGreaterThan(3);
        assertThat(missing).as("README java blocks not mirrored in JavadocExamplesTest").isEmpty();
    }
}
