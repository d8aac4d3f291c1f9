package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
    @Test
    void theTimeLimitFiresWhileTheChildKeepsWritingToItsPipes() throws Exception {
        // the old probes read stdout to its end before waiting: a child like this one made them hang for ever
        ProcessRunner.Result r = new ProcessRunner().run(List.of("sh", "-c", "yes & yes >&2 & wait"),
                Duration.ofMillis(500));

        assertThat(r.finished()).isFalse();
        assertThat(r.exit()).isNull();
        assertThat(r.stdout()).startsWith("y\ny\n");
        assertThat(r.stdout().length()).isEqualTo(ProcessRunner.MAX_STDOUT);
        assertThat(r.stderr().length()).isEqualTo(ProcessRunner.MAX_STDERR);
    }

    @Test
    void readsBothStreamsAtOnceAndKeepsTheLastOfStderr() throws Exception {
        // 1 MB on stderr before anything on stdout: with sequential reading the child blocks on a full pipe
        ProcessRunner.Result r = new ProcessRunner().run(List.of("sh", "-c",
                "head -c 1000000 /dev/zero | tr '\\0' e >&2; echo tail-line >&2; echo out"), Duration.ofMinutes(1));

        assertThat(r.ok()).isTrue();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).endsWith("eeetail-line\n").hasSize(ProcessRunner.MAX_STDERR);
    }

    @Test
    void aCancelKillsTheRegisteredChildAndSaysSo() throws Exception {
        List<Process> live = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        ProcessRunner runner = new ProcessRunner(new ProcessRunner.Children() {
            @Override
            public void started(Process p) {
                live.add(p);
            }

            @Override
            public void ended(Process p) {
                live.remove(p);
            }
        }, cancelled::get);
        CompletableFuture<ProcessRunner.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(List.of("sleep", "600"), Duration.ofMinutes(10));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Instant deadline = Instant.now().plusSeconds(30);
        while (live.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(live).hasSize(1);

        cancelled.set(true);
        live.forEach(ProcessRunner::kill);
        ProcessRunner.Result r = run.get();

        assertThat(r.cancelled()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(live).isEmpty();
    }

    @Test
    void aProcessStartedAfterTheCancelIsKilledAtOnce() throws Exception {
        ProcessRunner.Result r = new ProcessRunner(ProcessRunner.Children.NONE, () -> true)
                .run(List.of("sleep", "600"), Duration.ofMinutes(10));

        assertThat(r.cancelled()).isTrue();
        assertThat(r.finished()).isTrue();
    }
}
