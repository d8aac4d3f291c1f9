package io.github.batchtranscode.examples;

import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import java.io.PrintStream;

/** Builds the session for the chosen backend, and owns what it started for it (the emulator environment). */
final class Backends implements AutoCloseable {
    private final TranscodeSession.Builder session;
    private final EmulatorEnvironment emulator;

    Backends(CliOptions o, PrintStream out, Prompt prompt) {
        TranscodeSession.Builder b = TranscodeSession.builder();
        if (o.parallelism() != null) {
            b.parallelism(o.parallelism());
        }
        EmulatorEnvironment env = null;
        AzureOptions.Builder azure = null;
        switch (o.backend()) {
            case LOCAL -> {
                if (o.usesBlobs()) {
                    b.storage(o.config() != null ? AzureConfig.storageFromFile(o.config())
                            : AzureConfig.storageFromEnvironment(System.getenv()));
                }
            }
            case EMULATOR -> {
                out.println("Starting Azurite and the Azure Batch emulator in this process...");
                env = EmulatorEnvironment.start(5);
                out.println(env.describe());
                azure = env.options();
            }
            case AZURE -> azure = o.config() != null ? AzureConfig.fromFile(o.config())
                    : AzureConfig.fromEnvironment(System.getenv());
            default -> throw new IllegalStateException(String.valueOf(o.backend()));
        }
        this.emulator = env;
        try {
            if (azure != null) {
                b.azure(azureOptions(o, azure, prompt));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            close();
            throw new io.github.batchtranscode.ConfigurationException(e.getMessage());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.session = b;
    }

    private static AzureOptions azureOptions(CliOptions o, AzureOptions.Builder azure, Prompt prompt) {
        AzureOptions current = azure.build();
        if (o.poolId() != null) {
            azure.pool(current.pool().toBuilder().id(o.poolId()).build());
        }
        if (o.jobId() != null) {
            azure.jobId(o.jobId());
        }
        boolean deleteJob = o.deleteJob() != null ? o.deleteJob() : prompt.ask("Delete the job when the run ends?", false);
        boolean deletePool = o.deletePool() != null ? o.deletePool()
                : prompt.ask("Delete the pool when the run ends (only if this run created it)?", false);
        return azure.cleanup(new CleanupPolicy(!o.keepInput(), deleteJob, deletePool)).build();
    }

    TranscodeSession.Builder session() {
        return session;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
