package io.github.batchtranscode.testkit.batch.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileMatcherTest {
    @TempDir
    Path task;
    Path wd;

    @BeforeEach
    void layout() throws Exception {
        wd = Files.createDirectories(task.resolve("wd"));
        for (String f : List.of("../stdout.txt", "../stderr.txt", "out/result.mp3", "out/a/b/deep.mp3",
                "out/.hidden.mp3", "out/a/.dot/x.mp3", "abc*", "abcd", "f1.txt", "f2.txt", "fx.txt")) {
            Path p = wd.resolve(f).normalize();
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
    }

    private List<String> names(String pattern, String path) throws Exception {
        return OutputFileMatcher.match(pattern, path, wd).stream().map(OutputFileMatcher.Match::blobName).toList();
    }

    @Test
    void noWildcardPathIsTheBlobName() throws Exception {
        assertThat(names("out/result.mp3", "job/x.mp3")).containsExactly("job/x.mp3");
        assertThat(names("out/result.mp3", null)).containsExactly("result.mp3");
        assertThat(names("../stdout.txt", "logs/out.txt")).containsExactly("logs/out.txt");
        assertThat(names("missing.txt", "m")).isEmpty();
    }

    @Test
    void wildcardPathIsAPrefixForTheRelativePath() throws Exception {
        assertThat(names("../std*.txt", "mytask")).containsExactly("mytask/stderr.txt", "mytask/stdout.txt");
        assertThat(names("out/*", "p")).containsExactly("p/result.mp3");
        assertThat(names("out/**/*.mp3", "p")).containsExactly("p/a/b/deep.mp3", "p/result.mp3");
        assertThat(names("out/.*", null)).containsExactly(".hidden.mp3");
        assertThat(names("f?.txt", null)).containsExactly("f1.txt", "f2.txt", "fx.txt");
        assertThat(names("f[0-9].txt", null)).containsExactly("f1.txt", "f2.txt");
        assertThat(names("f[!0-9].txt", null)).containsExactly("fx.txt");
        assertThat(names("abc[*]", null)).containsExactly("abc*");
    }

    @Test
    void absolutePatternsWork() throws Exception {
        assertThat(names(task.resolve("std*.txt").toString(), "l")).containsExactly("l/stderr.txt", "l/stdout.txt");
    }
}
