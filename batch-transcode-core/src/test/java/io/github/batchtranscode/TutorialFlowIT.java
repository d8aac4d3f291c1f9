package io.github.batchtranscode;

import static io.github.batchtranscode.TestMedia.filesUnder;
import static io.github.batchtranscode.TestMedia.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TaskStarted;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Azure Batch tutorial's run, on the embedded local backend: five MP4 clips to five MP3s. */
class TutorialFlowIT {
    @TempDir
    Path dir;

    @Test
    void fiveClipsBecomeFiveVerifiedMp3s() throws Exception {
        Path in = dir.resolve("InputFiles");
        Path out = dir.resolve("output");
        double[] lengths = {1.5, 2.0, 2.5, 3.0, 3.5};
        for (int i = 0; i < 5; i++) {
            TestMedia.clip(in.resolve("LowPriVMs-" + (i + 1) + ".mp4"), lengths[i]);
        }
        TestMedia.Recorder listener = new TestMedia.Recorder();

        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(out)
                    .build(), listener)
                    .await(Duration.ofMinutes(2));
        }

        List<String> names = IntStream.rangeClosed(1, 5).mapToObj(i -> "LowPriVMs-" + i).toList();
        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.backend()).isEqualTo(io.github.batchtranscode.model.Backend.LOCAL);
        assertThat(report.succeeded()).isEqualTo(5);
        assertThat(report.failed()).isZero();
        assertThat(report.files()).extracting(FileResult::input).containsExactlyElementsOf(
                names.stream().map(n -> n + ".mp4").toList());
        assertThat(report.files()).extracting(FileResult::output).containsExactlyElementsOf(
                names.stream().map(n -> n + ".mp3").toList());
        assertThat(filesUnder(out)).containsExactlyElementsOf(names.stream().map(n -> n + ".mp3").toList());
        for (int i = 0; i < 5; i++) {
            FileResult row = report.files().get(i);
            assertThat(row.status()).isEqualTo(FileStatus.SUCCEEDED);
            assertThat(row.exitCode()).isZero();
            assertThat(row.error()).isNull();
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.inputDurationSeconds()).isCloseTo(lengths[i], within(0.1));
            assertThat(row.outputDurationSeconds()).isCloseTo(lengths[i], within(0.2));
            assertThat(seconds(out.resolve(row.output()))).isCloseTo(lengths[i], within(0.2));
            assertThat(row.outputBytes()).isPositive();
            assertThat(row.startTime()).isBeforeOrEqualTo(row.endTime());
        }

        assertThat(listener.started).extracting(TaskStarted::input)
                .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> n + ".mp4").toList());
        assertThat(listener.finished).extracting(FileResult::input)
                .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> n + ".mp4").toList());
        assertThat(listener.progress).isNotEmpty().last().satisfies(p -> {
            assertThat(p.total()).isEqualTo(5);
            assertThat(p.succeeded()).isEqualTo(5);
            assertThat(p.running()).isZero();
        });
        assertThat(listener.progress).extracting(ProgressSnapshot::done).isSorted();
        assertThat(listener.phases).extracting(PhaseEvent::phase).startsWith(Phase.PLANNING).endsWith(Phase.DONE)
                .contains(Phase.RUNNING);

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("succeeded").asInt()).isEqualTo(5);
        assertThat(json.get("files").get(0).get("output").asText()).isEqualTo("LowPriVMs-1.mp3");
    }
}
