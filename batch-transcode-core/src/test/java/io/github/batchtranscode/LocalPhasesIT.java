package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phases a local run reports cover its files: {@code running} lasts until the last file has ended. */
class LocalPhasesIT {
    @TempDir
    Path dir;

    @Test
    void runningEndsNoEarlierThanTheLastFile() throws Exception {
        Path in = dir.resolve("in");
        for (int i = 1; i <= 5; i++) {
            TestMedia.clip(in.resolve("clip-" + i + ".mp4"), 1 + i * 0.5);
        }

        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().parallelism(2).build()) {
            report = session.submit(TranscodeRequest.builder().inputDirectory(in).outputDirectory(dir.resolve("out"))
                    .build()).await(Duration.ofMinutes(2));
        }

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.phaseSeconds()).containsKey(Phase.RUNNING.key());
        double total = report.phaseSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        // each phase is rounded down to the millisecond: allow that much per phase
        Instant phasesEnd = report.startTime().plusMillis(Math.round(total * 1000) + report.phaseSeconds().size());
        Instant lastFile = report.files().stream().map(FileResult::endTime).max(Instant::compareTo).orElseThrow();
        Instant firstFile = report.files().stream().map(FileResult::startTime).min(Instant::compareTo).orElseThrow();
        assertThat(phasesEnd).as("the phases end when the last file has ended").isAfterOrEqualTo(lastFile);
        assertThat(report.endTime()).isAfterOrEqualTo(lastFile);
        double before = report.phaseSeconds().entrySet().stream().takeWhile(e -> !e.getKey().equals(
                Phase.RUNNING.key())).mapToDouble(java.util.Map.Entry::getValue).sum();
        assertThat(report.startTime().plusMillis(Math.round(before * 1000) - report.phaseSeconds().size()))
                .as("running starts no later than the first file").isBeforeOrEqualTo(firstFile);
    }
}
