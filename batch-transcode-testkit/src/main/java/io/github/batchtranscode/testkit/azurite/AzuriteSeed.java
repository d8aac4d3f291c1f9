package io.github.batchtranscode.testkit.azurite;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Puts many small block blobs into Azurite without a Put Blob each, for scale benchmarks whose subject is what a
 * client does with a large container (listing, planning, fan-out), not how fast Azurite takes Put Blob.
 *
 * <p>Why: Azurite is one Node.js process whose metadata store scans a container's blobs on every put, so its
 * CPU per Put Blob grows with the container (2–4 ms in memory, ~8 ms on disk at 10,000 blobs) and 100,000 puts
 * take it from ~10 minutes on a quiet core to an hour on a loaded machine. A seed is made instead from one blob
 * that Azurite itself stores: Azurite (on disk, in {@code location}) creates the container and takes one real Put
 * Blob of {@code content}; once it has stopped, its own metadata database is extended with the other names, each
 * a copy of that blob's record (same content and extent, its own name and ETag) and the store's indexes in the
 * order Azurite keeps them; then Azurite is started again on the folder and must read a sample of them back, by
 * name and by a listing, before the seed is handed out. From then on Azurite serves the blobs like any others:
 * listing, reads, SAS checks and writes are Azurite's own. The database layout is Azurite's (LokiJS) and is checked, not assumed: a version
 * that stores blobs differently fails {@link #start} with a message, never with missing blobs.
 */
public final class AzuriteSeed {
    private static final org.slf4j.Logger LOG = io.github.batchtranscode.testkit.internal.TestkitLoggers.AZURITE;
    private static final Duration SAVED_WITHIN = Duration.ofSeconds(30);
    private final Path location;
    private final String container;
    private final List<String> names;
    private final byte[] content;

    private AzuriteSeed(Path location, String container, List<String> names, byte[] content) {
        this.location = location;
        this.container = container;
        this.names = names;
        this.content = content;
    }

    /**
     * A seed of {@code names} (each with {@code content}) in {@code container}, kept in {@code location}, which
     * must not exist yet or be empty.
     *
     * @throws IllegalArgumentException when {@code names} is empty or holds a name twice
     */
    public static AzuriteSeed of(Path location, String container, List<String> names, byte[] content) {
        Objects.requireNonNull(location, "location == null");
        Objects.requireNonNull(container, "container == null");
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a seed needs at least one blob name");
        }
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("the seed's blob names must be distinct");
        }
        return new AzuriteSeed(location, container, copy, content.clone());
    }

    /**
     * Writes the seed and starts Azurite on it; the caller closes the returned Azurite, and the folder stays.
     *
     * @throws IllegalStateException when Azurite's store does not look as expected, or does not list every blob
     */
    public Azurite start() {
        if (Files.isDirectory(location) && !isEmpty(location)) {
            throw new IllegalStateException("the seed's location " + location + " is not empty");
        }
        Path db = location.resolve(LokiSeedFile.BLOB_DB);
        try (Azurite template = Azurite.builder().location(location).start()) {
            BlobContainerClient c = client(template);
            c.create();
            c.getBlobClient(names.get(0)).upload(BinaryData.fromBytes(content), true);
            awaitSaved(db, names.get(0));
        }
        long t0 = System.nanoTime();
        try {
            new LokiSeedFile(db).extend(container, names);
        } catch (IOException e) {
            throw new UncheckedIOException("could not extend Azurite's database " + db, e);
        }
        long t1 = System.nanoTime();
        Azurite azurite = Azurite.builder().location(location).startupTimeout(Duration.ofMinutes(5)).start();
        long t2 = System.nanoTime();
        try {
            check(client(azurite));
            LOG.info("seeded {} blobs into {}: database written in {} ms, Azurite loaded it in {} ms, sample read"
                    + " back in {} ms", names.size(), container, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t2) / 1_000_000);
        } catch (RuntimeException e) {
            azurite.close();
            throw e;
        }
        return azurite;
    }

    /**
     * Reads the first, a middle and the last blob back, and lists the last name as a prefix: what Azurite's
     * lookups by name and its listing (a scan of the container, sorted by name) see of the written records. A
     * full count would cost a listing of every blob (minutes at 100,000 on a loaded machine); the benchmarks
     * count what the library lists and plans anyway.
     */
    private void check(BlobContainerClient c) {
        for (int i : new int[] {0, names.size() / 2, names.size() - 1}) {
            String name = names.get(i);
            byte[] read;
            try {
                read = c.getBlobClient(name).downloadContent().toBytes();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Azurite cannot read the seeded blob " + container + "/" + name
                        + " (" + e.getMessage() + "): this Azurite version stores blobs differently than the seed"
                        + " expects; fill the container by Put Blob instead", e);
            }
            if (!java.util.Arrays.equals(read, content)) {
                throw new IllegalStateException("the seeded blob " + container + "/" + name + " reads back "
                        + read.length + " bytes that are not the seed's content");
            }
        }
        String last = names.get(names.size() - 1);
        long listed = c.listBlobs(new ListBlobsOptions().setPrefix(last), null).stream()
                .filter(b -> b.getName().startsWith(last)).count();
        long expected = names.stream().filter(n -> n.startsWith(last)).count();
        if (listed != expected) {
            throw new IllegalStateException("Azurite lists " + listed + " blobs under the seeded prefix " + container
                    + "/" + last + ", not " + expected + ": this Azurite version stores blobs differently than the"
                    + " seed expects; fill the container by Put Blob instead");
        }
    }

    private BlobContainerClient client(Azurite azurite) {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(container);
    }

    /** Azurite saves its database every few seconds: wait until the template blob is in the file. */
    private static void awaitSaved(Path db, String name) {
        long deadline = System.nanoTime() + SAVED_WITHIN.toNanos();
        String quoted = "\"name\":\"" + name + "\"";
        while (true) {
            try {
                if (Files.isRegularFile(db) && Files.readString(db).contains(quoted)) {
                    return;
                }
            } catch (IOException e) {
                // being rewritten: read again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Azurite did not save the template blob to " + db + " within "
                        + SAVED_WITHIN);
            }
            try {
                Thread.sleep(200); // polling a file Azurite writes on its own timer; bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Azurite to save " + db, e);
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
