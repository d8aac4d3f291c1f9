package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most Azure backend tests start from: Azurite for the class (injected into test methods as a parameter), a
 * temporary directory, and the test's {@link AzureHarness}, closed after each test. A test sets {@link #azure}
 * with the emulator settings it needs.
 */
@ExtendWith(AzuriteExtension.class)
abstract class AzureIT {
    @TempDir
    Path tmp;
    AzureHarness azure;

    @AfterEach
    void closeHarness() {
        if (azure != null) {
            azure.close();
        }
    }
}
