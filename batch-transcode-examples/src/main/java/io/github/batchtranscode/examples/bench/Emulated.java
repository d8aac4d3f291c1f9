package io.github.batchtranscode.examples.bench;

import com.microsoft.azure.batch.BatchClient;
import io.github.batchtranscode.azure.AzureBatchClients;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A Batch emulator with a fresh key next to the lab's Azurite, and the {@link AzureOptions} that point the library
 * at both. One pool, {@value #POOL}, reused by every run on this emulator.
 */
final class Emulated implements AutoCloseable {
    static final String ACCOUNT = "benchbatch";
    static final String POOL = "bench-pool";

    private final BatchEmulator emulator;
    private final Azurite azurite;
    private final String key;
    private final int nodes;
    private final int slots;

    private Emulated(BatchEmulator emulator, Azurite azurite, String key, int nodes, int slots) {
        this.emulator = emulator;
        this.azurite = azurite;
        this.key = key;
        this.nodes = nodes;
        this.slots = slots;
    }

    /**
     * Starts an emulator configured by {@code settings} (simulation, times); the bench pool asks for
     * {@code nodes} spot nodes of {@code slots} task slots each, which the emulator is allowed to give.
     */
    static Emulated start(Azurite azurite, int nodes, int slots, UnaryOperator<BatchEmulator.Builder> settings) {
        String key = BatchEmulator.randomKey();
        BatchEmulator emulator = settings.apply(BatchEmulator.builder().account(ACCOUNT, key).nodes(nodes)
                .slotsPerNode(slots)).start();
        return new Emulated(emulator, azurite, key, nodes, slots);
    }

    BatchEmulator emulator() {
        return emulator;
    }

    BatchEmulatorStats stats() {
        return emulator.stats();
    }

    String endpoint() {
        return emulator.endpoint();
    }

    String key() {
        return key;
    }

    /** Options for a run with the given containers; nothing is deleted afterwards unless {@code cleanup} says so. */
    AzureOptions.Builder options(String inputContainer, String outputContainer, CleanupPolicy cleanup,
            Duration pollInterval) {
        return AzureOptions.builder()
                .batchAccount(emulator.endpoint(), ACCOUNT, key)
                .storageConnectionString(azurite.connectionString())
                .pool(PoolSpec.builder().id(POOL).spotNodes(nodes).taskSlotsPerNode(slots).build())
                .containers(inputContainer, outputContainer)
                .cleanup(cleanup)
                .pollInterval(pollInterval)
                .jobMaxRunTime(Duration.ofMinutes(30));
    }

    /** A plain azure-batch client for the baselines, as the tutorial's code would hold one. */
    BatchClient client() {
        return AzureBatchClients.sharedKey(emulator.endpoint(), ACCOUNT, key);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
