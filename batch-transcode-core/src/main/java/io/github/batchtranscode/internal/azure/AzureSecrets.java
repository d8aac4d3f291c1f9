package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.AzureOptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The Azure backend's only way to the secrets an {@link AzureOptions} holds (Batch shared key, storage connection
 * string, storage account key): the options have no public getter for them, so a caller's code, logs and debuggers
 * showing getters never see them.
 *
 * <p>Reads the private fields through a private lookup, which needs no dependency from {@code model} on this package.
 * A renamed field fails this class's initialisation, and with it every Azure run and test, at once.
 */
final class AzureSecrets {
    private static final VarHandle BATCH_KEY = field("batchKey");
    private static final VarHandle STORAGE_CONNECTION_STRING = field("storageConnectionString");
    private static final VarHandle STORAGE_KEY = field("storageKey");

    private AzureSecrets() {
    }

    /** The Batch shared key, or {@code null} when a token credential is used. */
    static String batchKey(AzureOptions options) {
        return (String) BATCH_KEY.get(options);
    }

    /** The storage connection string, or {@code null} when the storage is set another way. */
    static String storageConnectionString(AzureOptions options) {
        return (String) STORAGE_CONNECTION_STRING.get(options);
    }

    /** The storage account key, or {@code null} when the storage is set another way. */
    static String storageKey(AzureOptions options) {
        return (String) STORAGE_KEY.get(options);
    }

    private static VarHandle field(String name) {
        try {
            return MethodHandles.privateLookupIn(AzureOptions.class, MethodHandles.lookup())
                    .findVarHandle(AzureOptions.class, name, String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("AzureOptions has no String field '" + name + "': " + e);
        }
    }
}
