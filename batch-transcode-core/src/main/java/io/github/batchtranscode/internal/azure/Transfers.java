package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.internal.engine.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** A bounded pool for blob transfers and per-task result handling. */
final class Transfers implements AutoCloseable {
    private final ExecutorService pool;

    Transfers(int parallelism, String name) {
        this.pool = Executors.newFixedThreadPool(parallelism, Schedulers.daemon("batch-transcode-transfer-" + name));
    }

    /** Applies {@code work} to every item in parallel and returns the results in order; the first failure is thrown. */
    <T, R> List<R> all(List<T> items, Function<T, R> work) {
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> work.apply(item)));
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (Future<R> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof TranscodeException te) {
                throw te;
            }
            throw c instanceof RuntimeException r ? r : new io.github.batchtranscode.StagingException(String.valueOf(c), c);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new io.github.batchtranscode.StagingException("interrupted during transfers", e);
        }
        return results;
    }

    Future<?> submit(Runnable task) {
        return pool.submit(task);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
