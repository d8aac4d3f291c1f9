package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.engine.Backend;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default: a bounded pool of ffmpeg processes on this machine. No account, no network.
 */
public final class LocalBackend implements Backend {
    private final FfmpegTools tools;
    private final int parallelism;
    private final Clock clock;
    private final Set<LocalRun> runs = ConcurrentHashMap.newKeySet();

    public LocalBackend(FfmpegTools tools, int parallelism, Clock clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        this.tools = tools;
        this.parallelism = parallelism;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Execution start(TranscodePlan plan, ExecutionSink sink) {
        Path out = plan.request().outputDirectory();
        if (out == null) {
            throw new ConfigurationException("the local backend needs an output directory: set outputDirectory on the request");
        }
        checkWritable(out.toAbsolutePath().normalize());
        if (plan.request().formats().stream().anyMatch(io.github.batchtranscode.model.OutputFormat::isVideo)) {
            // before any work: a preset whose encoder this ffmpeg lacks fails the run, naming the encoder
            io.github.batchtranscode.internal.ffmpeg.Encoders.of(tools.ffmpeg())
                    .require(plan.request().formats(), tools.ffmpeg());
        }
        LocalRun run = new LocalRun(plan, sink, tools, parallelism, clock, runs::remove);
        runs.add(run);
        run.start();
        return run;
    }

    /** Cancels runs still going; their processes are killed. */
    @Override
    public void close() {
        runs.forEach(LocalRun::cancel);
    }

    private static void checkWritable(Path dir) {
        io.github.batchtranscode.internal.engine.OutputDirectories.checkWritable(dir);
    }
}
