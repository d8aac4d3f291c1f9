package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StderrTailTest {

    @Test
    void keepsTheLastMeaningfulLinesAndDropsBannerAndProgress() {
        String stderr = """
                ffmpeg version 6.1.1 Copyright (c) 2000-2023 the FFmpeg developers
                  built with gcc 12
                  configuration: --enable-gpl
                  libavutil      58. 29.100 / 58. 29.100
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'in.mp4':
                  Duration: 00:00:10.00, start: 0.000000, bitrate: 208 kb/s
                  Stream #0:0[0x1](und): Video: mpeg4
                [mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d5c0a4e2c0] moov atom not found
                size=       0kB time=00:00:00.00 bitrate=N/A speed=N/A
                in.mp4: Invalid data found when processing input
                """;

        String tail = StderrTail.of(stderr);

        assertThat(tail).isEqualTo("[mov,mp4,m4a,3gp,3g2,mj2] moov atom not found | in.mp4: Invalid data found when"
                + " processing input");
    }

    @Test
    void keepsAtMostFourLinesAndCollapsesRepeats() {
        String tail = StderrTail.of("one\ntwo\nthree\nfour\nfive\nfive\nfive\r\nsix\n\n");

        assertThat(tail).isEqualTo("three | four | five | six");
    }

    @Test
    void cutsVeryLongOutputFromTheFront() {
        String tail = StderrTail.of("start " + "x".repeat(5000) + " end");

        assertThat(tail).hasSizeLessThanOrEqualTo(600).startsWith("…").endsWith(" end");
    }

    @Test
    void readsOnlyTheEndOfALargeFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stderr.txt");
        Files.writeString(file, "early line\n".repeat(10_000) + "Conversion failed!\n");

        assertThat(StderrTail.of(file)).endsWith("early line | Conversion failed!");
        assertThat(StderrTail.of(dir.resolve("missing.txt"))).isEmpty();
        assertThat(StderrTail.of(Files.writeString(dir.resolve("empty.txt"), ""))).isEmpty();
    }
}
