package io.github.batchtranscode;

import static io.github.batchtranscode.TestMedia.filesUnder;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names that break shell scripts are transcoded like any other and run nothing. */
class HostileNamesIT {
    private static final List<String> MARKERS = List.of("pwned", "pwned2", "pwned3", "pwned4");

    @TempDir
    Path dir;

    @Test
    void hostileNamesTranscodeLikeAnyOtherAndRunNothing() throws Exception {
        Path in = dir.resolve("in dir $(touch pwned4)");
        Path out = dir.resolve("out dir");
        List<String> names = new ArrayList<>(List.of(
                "with space.mp4",
                "quote's \"double\".mp4",
                "$(touch pwned).mp4",
                "`touch pwned2`.mp4",
                "semi;colon & touch pwned3 | cat.mp4",
                "-starts-with-dash.mp4",
                "percent %03d %s.mp4",
                "colon:file:name.mp4",
                "Ünïcödé-日本語-Ελληνικά.mp4",
                "sub dir ö/nested *star? [x].mp4"));
        names.add("new\nline.mp4"); // Linux and macOS allow it
        for (String name : names) {
            TestMedia.clip(in.resolve(name), 1.2);
        }

        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out).build())
                    .await(Duration.ofMinutes(3));
        }

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::input).containsExactlyInAnyOrderElementsOf(names);
        List<String> expected = names.stream().map(n -> n.substring(0, n.length() - 4) + ".mp3").sorted().toList();
        assertThat(filesUnder(out)).containsExactlyElementsOf(expected);
        assertThat(report.files()).allSatisfy(f -> assertThat(f.outputDurationSeconds()).isBetween(0.7, 1.7));
        for (Path place : List.of(Path.of("").toAbsolutePath(), dir, in, out, in.getParent())) {
            for (String marker : MARKERS) {
                assertThat(place.resolve(marker)).as("a shell ran a file name").doesNotExist();
            }
        }
        assertThat(TranscodeReport.fromJson(report.toJson())).isEqualTo(report);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(in.getFileName().toString(), "out dir");
    }
}
