package io.github.batchtranscode.examples.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Blob Storage source of many tiny media blobs for the scale benchmarks (B8, B10).
 *
 * <p>By default ({@code -Dbench.seed=written}) Azurite stores one real blob and its own database is extended with
 * the others ({@link AzuriteSeed}): minutes for 100,000, not an hour. With {@code -Dbench.seed=put} the source is filled by
 * real Put Blob requests once and reused, as follows.
 *
 * <p>Azurite (one Node.js process) is the bound on filling: each Put Blob costs it 2–4 ms of CPU, rising with the
 * blobs it holds (its metadata store scans the container's blobs on every put), so 100,000 puts take it 5–8
 * minutes of a quiet core and half an hour on a loaded machine. So the first run fills an on-disk Azurite with
 * real Put Blob requests into a cached folder ({@code ~/.cache/batch-transcode/bench-seeds/b10-<count>}, or
 * {@code -Dbench.seed.dir}), checks that a listing returns every blob, and marks the folder complete; every run
 * then starts Azurite on a fresh copy of that folder ({@link Azurite.Builder#location(Path)}), so the runs see
 * the same blobs, never each other's writes, and the cached folder is never written to. What the library does
 * with the source (listing, planning, SAS per blob, fan-out, polling) is unchanged: it talks to a real Azurite.
 */
final class SourceSeed implements AutoCloseable {
    /** The container holding the blobs; names follow {@link ScaleBench#name(int)}. */
    static final String CONTAINER = ScaleBench.SOURCE;
    private static final String MARKER = "complete.txt";
    private final Azurite azurite;
    private final Path copy;
    private final double fillSeconds;
    private final boolean written;

    private SourceSeed(Azurite azurite, Path copy, double fillSeconds, boolean written) {
        this.azurite = azurite;
        this.copy = copy;
        this.fillSeconds = fillSeconds;
        this.written = written;
    }

    /**
     * Azurite serving {@code count} source blobs under {@code s/} in {@link #CONTAINER}, filled now if no complete
     * seed of that size is cached.
     */
    static SourceSeed open(int count, Consumer<String> log) throws Exception {
        if (!"put".equals(System.getProperty("bench.seed", "written"))) {
            return written(count, log);
        }
        Path cached = root().resolve("b10-" + count);
        Path seed = cached.resolve("azurite");
        Path marker = cached.resolve(MARKER);
        double filled = 0;
        if (!Files.isRegularFile(marker)) {
            deleteTree(cached);
            Files.createDirectories(seed);
            long t0 = System.nanoTime();
            try (Azurite filling = Azurite.builder().location(seed).startupTimeout(java.time.Duration.ofMinutes(5))
                    .start()) {
                fill(filling, count, log);
            }
            filled = (System.nanoTime() - t0) / 1e9;
            // what counts is what Azurite wrote to disk: read it back from a new process
            try (Azurite reading = Azurite.builder().location(seed).startupTimeout(java.time.Duration.ofMinutes(5))
                    .start()) {
                long listed = countBlobs(reading);
                if (listed != count) {
                    throw new IllegalStateException("the seed in " + seed + " lists " + listed + " blobs after a"
                            + " restart, not " + count + "; it is not kept");
                }
                Files.writeString(marker, String.format(Locale.ROOT, "blobs=%d fillSeconds=%.0f server=%s%n", count,
                        filled, server(reading)), StandardCharsets.UTF_8);
            }
            log.accept(String.format(Locale.ROOT, "seed of %,d blobs filled in %.0f s and kept in %s", count,
                    filled, cached));
        } else {
            log.accept("reusing the seed in " + cached + " (" + Files.readString(marker).trim() + ")");
        }
        Path copy = Files.createTempDirectory("bench-seed-");
        long t0 = System.nanoTime();
        copyTree(seed, copy);
        Azurite azurite;
        try {
            azurite = Azurite.builder().location(copy).startupTimeout(java.time.Duration.ofMinutes(5)).start();
        } catch (RuntimeException e) {
            deleteTree(copy);
            throw e;
        }
        log.accept(String.format(Locale.ROOT, "Azurite on a copy of the seed, up in %.1f s",
                (System.nanoTime() - t0) / 1e9));
        return new SourceSeed(azurite, copy, filled, false);
    }

    /**
     * The default: Azurite stores one real blob, and its own database is extended with the other names
     * ({@link AzuriteSeed}), on a fresh folder every run.
     */
    private static SourceSeed written(int count, Consumer<String> log) throws IOException {
        Path dir = Files.createTempDirectory("bench-seed-");
        long t0 = System.nanoTime();
        List<String> names = java.util.stream.IntStream.range(0, count).mapToObj(ScaleBench::name).toList();
        Azurite azurite;
        try {
            azurite = AzuriteSeed.of(dir.resolve("azurite"), CONTAINER, names,
                    "placeholder media\n".getBytes(StandardCharsets.UTF_8)).start();
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "%,d source blobs seeded into Azurite's own store (AzuriteSeed)"
                + " and a sample read back in %.1f s", count, seconds));
        return new SourceSeed(azurite, dir, seconds, true);
    }

    /** Whether the blobs were written into Azurite's store ({@link AzuriteSeed}) rather than put one by one. */
    boolean written() {
        return written;
    }

    Azurite azurite() {
        return azurite;
    }

    /** How long this call's fill or seeding took, or 0 when a cached seed was reused. */
    double fillSeconds() {
        return fillSeconds;
    }

    @Override
    public void close() {
        azurite.close();
        deleteTree(copy);
    }

    private static Path root() {
        String dir = System.getProperty("bench.seed.dir");
        return dir != null ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "batch-transcode", "bench-seeds");
    }

    private static void fill(Azurite azurite, int count, Consumer<String> log) throws Exception {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient().getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            long t0 = System.nanoTime();
            int step = Math.max(1, count / 10);
            for (int from = 0; from < count; from += step) {
                List<Future<?>> pending = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + step); i++) {
                    String name = ScaleBench.name(i);
                    pending.add(pool.submit(() -> container.getBlobClient(name)
                            .upload(BinaryData.fromString("input " + name + "\n"), true)));
                }
                for (Future<?> f : pending) {
                    f.get();
                }
                log.accept(String.format(Locale.ROOT, "  seed: %,d of %,d blobs after %.0f s",
                        Math.min(count, from + step), count, (System.nanoTime() - t0) / 1e9));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long countBlobs(Azurite azurite) {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(CONTAINER).listBlobs(new ListBlobsOptions().setPrefix("s/"), null).stream()
                .count();
    }

    /** Azurite's {@code Server} header (its version), recorded with the seed. */
    private static String server(Azurite azurite) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(azurite.blobEndpoint()).toURL().openConnection();
        try {
            c.getResponseCode();
            String s = c.getHeaderField("Server");
            return s == null ? "unknown" : s.replace(' ', '_');
        } finally {
            c.disconnect();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
