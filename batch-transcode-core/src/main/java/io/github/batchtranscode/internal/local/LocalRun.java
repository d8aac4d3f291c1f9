package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.internal.blob.BlobTransfers;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.Loggers;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.Schedulers;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** One plan running on the local backend: a fixed pool of worker threads, each running one ffmpeg at a time. */
final class LocalRun implements Execution {
    private static final Logger LOG = Loggers.LOCAL;

    private final TranscodePlan plan;
    private final ExecutionSink sink;
    private final ExecutorService workers;
    private final FileTranscoder transcoder;
    private final BlobFileTranscoder blobs;
    private final Path scratch;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger remaining;
    private final Consumer<LocalRun> onEnd;
    private final ThreadLocal<String> workerName = new ThreadLocal<>();
    private final AtomicInteger workerCount = new AtomicInteger();
    private volatile boolean cancelled;

    /** {@code transfers} is {@code null} unless the request's source or destination is blobs. */
    LocalRun(TranscodePlan plan, ExecutionSink sink, FfmpegTools tools, int parallelism, Clock clock,
            BlobTransfers transfers, Consumer<LocalRun> onEnd) {
        this.plan = plan;
        this.sink = sink;
        this.onEnd = onEnd;
        this.remaining = new AtomicInteger(plan.files().size());
        this.workers = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, plan.files().size())),
                Schedulers.daemon("batch-transcode-local-" + plan.runId()));
        try {
            this.scratch = Files.createTempDirectory("batch-transcode-" + plan.runId() + "-");
        } catch (IOException e) {
            throw new io.github.batchtranscode.ConfigurationException("no temporary directory could be created: "
                    + e.getMessage() + ". Set java.io.tmpdir to a writable directory", e);
        }
        Path outputDir = plan.request().outputDirectory() != null ? plan.request().outputDirectory()
                : scratch.resolve("out");
        this.transcoder = new FileTranscoder(tools, plan.request(), outputDir, scratch, clock, live::add, live::remove,
                () -> cancelled);
        this.blobs = transfers == null ? null
                : new BlobFileTranscoder(plan.request(), transcoder, transfers, scratch, outputDir, clock);
    }

    void start() {
        sink.phase(Phase.RUNNING, "Transcoding " + plan.files().size() + " file(s) with up to "
                + Math.min(plan.files().size(), ((java.util.concurrent.ThreadPoolExecutor) workers).getCorePoolSize())
                + " ffmpeg process(es) at a time");
        for (PlannedFile file : plan.files()) {
            workers.execute(() -> runOne(file));
        }
        workers.shutdown();
    }

    private void runOne(PlannedFile file) {
        FileResult result;
        try {
            Runnable started = () -> sink.started(file.taskId(), worker());
            result = blobs != null ? blobs.transcode(file, worker(), started)
                    : transcoder.transcode(file, worker(), started);
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure transcoding {}", file.input(), e);
            result = transcoder.failure(file, FailureCode.INTERNAL, "unexpected error: " + e);
        }
        sink.finished(result);
        if (remaining.decrementAndGet() == 0) {
            end();
        }
    }

    private String worker() {
        String name = workerName.get();
        if (name == null) {
            name = "local-" + workerCount.incrementAndGet();
            workerName.set(name);
        }
        return name;
    }

    private void end() {
        deleteScratch();
        onEnd.accept(this);
        sink.complete();
    }

    @Override
    public String id() {
        return plan.runId();
    }

    @Override
    public void cancel() {
        cancelled = true;
        for (Process p : live) {
            io.github.batchtranscode.internal.ffmpeg.ProcessRunner.kill(p);
        }
    }

    private void deleteScratch() {
        try (var walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", scratch, e.toString());
        }
    }
}
