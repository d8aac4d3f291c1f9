package io.github.batchtranscode.testkit.batch.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {
    @Test
    void splitsLikeTheNodeAgentWithoutExpanding() {
        assertThat(CommandLineSplitter.split("/bin/bash -c 'set -e; set -o pipefail; cat test.txt'"))
                .containsExactly("/bin/bash", "-c", "set -e; set -o pipefail; cat test.txt");
        assertThat(CommandLineSplitter.split("bash -c \"echo hello\"")).containsExactly("bash", "-c", "echo hello");
        assertThat(CommandLineSplitter.split("echo $HOME  a\\ b \"q\\\"x\" 'it''s'"))
                .containsExactly("echo", "$HOME", "a b", "q\"x", "its");
        assertThat(CommandLineSplitter.split("ffmpeg -i in/source.mp4 \"\" -y"))
                .containsExactly("ffmpeg", "-i", "in/source.mp4", "", "-y");
    }

    @Test
    void rejectsUnclosedQuotesAndEmptyLines() {
        assertThatThrownBy(() -> CommandLineSplitter.split("sh -c 'oops")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLineSplitter.split("   ")).isInstanceOf(IllegalArgumentException.class);
    }
}
