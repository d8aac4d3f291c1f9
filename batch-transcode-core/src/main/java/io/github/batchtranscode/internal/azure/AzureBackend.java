package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.Backend;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.Schedulers;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.AzureOptions;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Azure Batch for scale: each plan runs as one Batch job, driven from a thread of this backend's. */
public final class AzureBackend implements Backend {
    private final AzureOptions options;
    private final Clock clock;
    private final BatchGateway batch;
    private final BlobStore blobs;
    private final Set<AzureRun> runs = ConcurrentHashMap.newKeySet();

    public AzureBackend(AzureOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.batch = BatchGateway.open(options, Retrier.standard());
        this.blobs = BlobStore.open(options);
    }

    @Override
    public String name() {
        return "azure";
    }

    /** The options this backend runs with. */
    public AzureOptions options() {
        return options;
    }

    @Override
    public Execution start(TranscodePlan plan, ExecutionSink sink) {
        AzureRun run = new AzureRun(plan, sink, options, batch, blobs, clock);
        runs.add(run);
        Thread t = Schedulers.daemon("batch-transcode-azure-" + run.id()).newThread(() -> {
            try {
                run.run();
            } finally {
                runs.remove(run);
            }
        });
        t.start();
        return run;
    }

    /** Cancels runs still going: their jobs are terminated. */
    @Override
    public void close() {
        runs.forEach(AzureRun::cancel);
    }
}
