package io.github.batchtranscode.examples;

import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import java.time.Duration;

/**
 * Azurite and the Batch emulator, started in this process for {@code --backend emulator}: the tutorial's Azure
 * flow on a laptop, with real HTTP, real SharedKey signatures and real ffmpeg, and no Azure account.
 */
final class EmulatorEnvironment implements AutoCloseable {
    static final String ACCOUNT = "devbatch";
    private final Azurite azurite;
    private final BatchEmulator batch;
    private final String key;

    private EmulatorEnvironment(Azurite azurite, BatchEmulator batch, String key) {
        this.azurite = azurite;
        this.batch = batch;
        this.key = key;
    }

    /** Starts both; five nodes with one task slot each, as in the tutorial. */
    static EmulatorEnvironment start(int nodes) {
        String key = BatchEmulator.randomKey();
        Azurite azurite = Azurite.start();
        try {
            BatchEmulator batch = BatchEmulator.builder().account(ACCOUNT, key).nodes(nodes).slotsPerNode(1).start();
            return new EmulatorEnvironment(azurite, batch, key);
        } catch (RuntimeException e) {
            azurite.close();
            throw e;
        }
    }

    /** Options pointing at the emulator and Azurite, polling briskly. */
    AzureOptions.Builder options() {
        return AzureOptions.builder()
                .batchAccount(batch.endpoint(), ACCOUNT, key)
                .storageConnectionString(azurite.connectionString())
                .pollInterval(Duration.ofMillis(500));
    }

    String describe() {
        return "Batch emulator at " + batch.endpoint() + ", Azurite at " + azurite.blobEndpoint();
    }

    @Override
    public void close() {
        try {
            batch.close();
        } finally {
            azurite.close();
        }
    }
}
