package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.batchtranscode.TranscodeListener;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the Azure backend's integration tests share: one Batch emulator per test (the Azurite instance comes from
 * the class's {@code AzuriteExtension}), options pointing at both with containers and a pool unique to the test,
 * sessions that are closed with the harness, and polling with a deadline.
 */
final class AzureHarness implements AutoCloseable {
    static final String ACCOUNT = "itbatch";
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration WAIT = Duration.ofMinutes(3);
    private static final AtomicInteger SEQ = new AtomicInteger();

    final Azurite azurite;
    final String key;
    final BatchEmulator emulator;
    final String suffix;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private int poolNodes = 2;
    private int poolSlots = 1;

    private AzureHarness(Azurite azurite, String key, BatchEmulator emulator) {
        this.azurite = azurite;
        this.key = key;
        this.emulator = emulator;
        this.suffix = ProcessHandle.current().pid() + "x" + SEQ.incrementAndGet();
    }

    /**
     * Starts an emulator checking SharedKey signatures with a random key; the test's pool asks for two spot
     * nodes of one slot each unless {@link #poolSize} says otherwise.
     */
    static AzureHarness start(Azurite azurite) {
        return start(azurite, b -> { });
    }

    /** As {@link #start(Azurite)}, with the emulator's builder adjusted by {@code settings}. */
    static AzureHarness start(Azurite azurite, Consumer<BatchEmulator.Builder> settings) {
        return start(azurite, BatchEmulator.randomKey(), settings);
    }

    static AzureHarness start(Azurite azurite, String key, Consumer<BatchEmulator.Builder> settings) {
        // as Azure will: a request with a retired api-version fails
        BatchEmulator.Builder b = BatchEmulator.builder().account(ACCOUNT, key).enforceApiVersionRetirement(true);
        settings.accept(b);
        BatchEmulator emulator = b.start();
        return new AzureHarness(azurite, key, emulator);
    }

    String inputContainer() {
        return "in-" + suffix;
    }

    String outputContainer() {
        return "out-" + suffix;
    }

    String poolId() {
        return "pool-" + suffix;
    }

    /** Makes the test's pool ask for {@code nodes} spot nodes of {@code slots} task slots each. */
    AzureHarness poolSize(int nodes, int slots) {
        this.poolNodes = nodes;
        this.poolSlots = slots;
        return this;
    }

    /** The pool this test runs on: the default spec (start task included) under a test-unique id. */
    PoolSpec pool() {
        return PoolSpec.builder().id(poolId()).spotNodes(poolNodes).taskSlotsPerNode(poolSlots).build();
    }

    /** Options for the emulator (shared key) and Azurite (connection string), polling every 200 ms. */
    AzureOptions.Builder options() {
        return AzureOptions.builder()
                .batchAccount(emulator.endpoint(), ACCOUNT, key)
                .storageConnectionString(azurite.connectionString())
                .containers(inputContainer(), outputContainer())
                .pool(pool())
                .pollInterval(POLL)
                .jobMaxRunTime(Duration.ofMinutes(10));
    }

    TranscodeSession session(AzureOptions options) {
        TranscodeSession s = TranscodeSession.builder().azure(options).build();
        owned.add(s);
        return s;
    }

    TranscodeSession session() {
        return session(options().build());
    }

    /** A session on {@code options} whose clock and scheduler are {@code time}'s, closed with the harness. */
    TranscodeSession session(AzureOptions options, io.github.batchtranscode.testkit.time.ManualTime time,
            Duration runTimeout) {
        TranscodeSession.Builder b = TranscodeSession.builder().azure(options).clock(time.clock())
                .scheduler(time.scheduler());
        if (runTimeout != null) {
            b.runTimeout(runTimeout);
        }
        TranscodeSession s = b.build();
        owned.add(s);
        return s;
    }

    static TranscodeRequest.Builder request(Path in, Path out) {
        return TranscodeRequest.builder().inputDirectory(in).outputDirectory(out);
    }

    /** A gateway to the emulator with the real azure-batch client, for looking at what the backend did. */
    BatchGateway batch() {
        return new BatchGateway(BatchClients.sharedKey(emulator.endpoint(), ACCOUNT, key), Retrier.standard());
    }

    /** Makes {@code count} tiny placeholder inputs {@code f-000.mp4}…; for simulate mode, where nothing decodes them. */
    static void placeholders(Path dir, int count) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            java.nio.file.Files.writeString(dir.resolve(String.format("f-%03d.mp4", i)), "placeholder " + i);
        }
    }

    BlobServiceClient blobs() {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
    }

    BlobContainerClient container(String name) {
        return blobs().getBlobContainerClient(name);
    }

    /** Blob names in a container, without the job's own files (script, arguments, task logs). */
    List<String> userBlobs(String container) {
        List<String> names = new ArrayList<>();
        container(container).listBlobs().forEach(b -> {
            if (!b.getName().startsWith("_batch-transcode")) {
                names.add(b.getName());
            }
        });
        return names;
    }

    /** Every blob name in a container, the library's own files included. */
    List<String> allBlobs(String container) {
        List<String> names = new ArrayList<>();
        if (container(container).exists()) {
            container(container).listBlobs().forEach(b -> names.add(b.getName()));
        }
        return names;
    }

    /**
     * The relative names of the outputs in a container: {@code outputs/<key>/a/b.mp3} is {@code a/b.mp3} (the key
     * names what the output was made from, see JobLayout).
     */
    List<String> outputNames(String container) {
        return allBlobs(container).stream().filter(n -> n.startsWith(JobLayout.OUTPUTS))
                .map(n -> n.substring(n.indexOf('/', JobLayout.OUTPUTS.length()) + 1)).toList();
    }

    /** The staged blob of the input with this relative path ({@code inputs/<md5>/<input>}); fails if not one. */
    String stagedBlob(String container, String input) {
        List<String> found = allBlobs(container).stream()
                .filter(n -> n.startsWith(JobLayout.INPUTS) && n.endsWith("/" + input)
                        && n.indexOf('/', JobLayout.INPUTS.length()) == n.length() - input.length() - 1)
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one staged blob of " + input + " in " + container + ", found " + found);
        }
        return found.get(0);
    }

    /** Polls {@code value} every 50 ms until {@code done} or the deadline; fails naming {@code what}. */
    static <T> T await(String what, Duration deadline, Supplier<T> value, java.util.function.Predicate<T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what + "; last: " + last);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            last = value.get();
        }
        return last;
    }

    /** A listener recording the phase messages. */
    static final class Phases implements TranscodeListener {
        final List<PhaseEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onPhase(PhaseEvent event) {
            events.add(event);
        }

        List<String> messages() {
            return events.stream().map(PhaseEvent::message).toList();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        emulator.close();
    }
}
