package io.github.batchtranscode.testkit.batch.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesEveryEntryOfANestedTree() throws Exception {
        Path root = tmp.resolve("work");
        for (int t = 0; t < 50; t++) {
            Path task = Files.createDirectories(root.resolve("jobs/job-1/tasks/task-" + t + "/wd/sub"));
            Files.writeString(task.getParent().getParent().resolve("stdout.txt"), "out " + t);
            Files.writeString(task.resolve("result.mp3"), "x");
        }

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
    }

    @Test
    void deletesLinksWithoutFollowingThemOutOfTheTree() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("host"));
        Path keep = Files.writeString(outside.resolve("keep.txt"), "the host's file");
        Path root = Files.createDirectories(tmp.resolve("node/wd"));
        Files.createSymbolicLink(root.resolve("to-host"), outside);
        Files.createSymbolicLink(root.resolve("to-file"), keep);

        FileTrees.delete(tmp.resolve("node"));

        assertThat(tmp.resolve("node")).doesNotExist();
        assertThat(keep).hasContent("the host's file");
    }

    @Test
    void aMissingTreeIsNothingToDo() {
        FileTrees.delete(tmp.resolve("never-made"));
        assertThat(tmp).exists();
    }
}
