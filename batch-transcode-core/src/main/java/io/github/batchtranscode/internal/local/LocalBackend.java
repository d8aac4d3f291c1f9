package io.github.batchtranscode.internal.local;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.internal.engine.Backend;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.blob.BlobAccess;
import io.github.batchtranscode.internal.blob.BlobTransfers;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.StorageSettings;
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
    private final StorageSettings storage;
    private volatile BlobAccess blobAccess;

    public LocalBackend(FfmpegTools tools, int parallelism, Clock clock) {
        this(tools, parallelism, clock, null);
    }

    /** {@code storage} ({@code null} for none) is used for requests whose source or destination is blobs. */
    public LocalBackend(FfmpegTools tools, int parallelism, Clock clock, StorageSettings storage) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        this.tools = tools;
        this.parallelism = parallelism;
        this.clock = clock;
        this.storage = storage;
    }

    @Override
    public BlobAccess blobAccess() {
        if (storage == null) {
            return null;
        }
        BlobAccess a = blobAccess;
        if (a == null) {
            synchronized (this) {
                if (blobAccess == null) {
                    blobAccess = BlobAccess.open(storage);
                }
                a = blobAccess;
            }
        }
        return a;
    }

    @Override
    public io.github.batchtranscode.model.Backend kind() {
        return io.github.batchtranscode.model.Backend.LOCAL;
    }

    @Override
    public Execution start(TranscodePlan plan, ExecutionSink sink) {
        Path out = plan.request().outputDirectory();
        BlobLocation outBlobs = plan.request().outputBlobs();
        if (out == null && outBlobs == null) {
            throw new ConfigurationException("the local backend needs an output directory or output blobs: set"
                    + " outputDirectory or outputBlobs on the request");
        }
        if (out != null) {
            checkWritable(out.toAbsolutePath().normalize());
        }
        if (plan.request().formats().stream().anyMatch(io.github.batchtranscode.model.OutputFormat::isVideo)) {
            // before any work: a preset whose encoder this ffmpeg lacks fails the run, naming the encoder
            io.github.batchtranscode.internal.ffmpeg.Encoders.of(tools.ffmpeg())
                    .require(plan.request().formats(), tools.ffmpeg());
        }
        BlobTransfers transfers = null;
        if (outBlobs != null || plan.request().inputBlobs() != null) {
            BlobAccess access = blobAccess();
            if (access == null) {
                throw new ConfigurationException("the request reads or writes blobs (" + plan.request().source()
                        + (outBlobs != null ? " -> " + outBlobs : "") + ") but the session has no storage settings:"
                        + " set storage(...) on the session builder");
            }
            if (outBlobs != null) {
                access.checkWritable(outBlobs);
            }
            transfers = access.transfers();
        }
        LocalRun run = new LocalRun(plan, sink, tools, parallelism, clock, transfers, runs::remove);
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
