package io.github.batchtranscode.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdsTest {
    private static final String VALID = "[A-Za-z0-9_-]{1,64}";

    @Test
    void theSameInputAndFormatAlwaysGiveTheSameId() {
        assertThat(TaskIds.of("a/LowPriVMs-1.mp4", "mp3")).isEqualTo(TaskIds.of("a/LowPriVMs-1.mp4", "mp3"))
                .startsWith("LowPriVMs-1_mp4-");
    }

    @Test
    void differentPathsOrFormatsGiveDifferentIds() {
        List<String> ids = List.of(TaskIds.of("a/x.mp4", "mp3"), TaskIds.of("b/x.mp4", "mp3"),
                TaskIds.of("x.mp4", "mp3"), TaskIds.of("X.mp4", "mp3"), TaskIds.of("a/x.mp4", "aac"));

        Set<String> lowerCased = new HashSet<>();
        ids.forEach(id -> lowerCased.add(id.toLowerCase(java.util.Locale.ROOT)));
        assertThat(lowerCased).as("Batch task ids are case-insensitive: %s", ids).hasSize(ids.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.mp4", "with space.mp4", "quote's \"double\".mp4", "$(touch pwned).mp4",
        "`id`.mp4", "semi;colon|pipe&amp.mp4", "Ünïcödé-日本語.mp4", "日本語.mp4", "new\nline.mp4", "..mp4", "-.mp4",
        "a/b/c/d/e/f/g/very-long-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on.mp4"})
    void idsAreValidBatchTaskIdsWhateverTheName(String input) {
        String id = TaskIds.of(input, "custom-flac-1a2b3c4d");

        assertThat(id).matches(VALID);
    }

    @Test
    void aVeryLongNameIsCutToSixtyFourCharacters() {
        String id = TaskIds.of("x".repeat(300) + ".mp4", "mp3");

        assertThat(id).hasSizeLessThanOrEqualTo(64).matches(VALID);
    }
}
