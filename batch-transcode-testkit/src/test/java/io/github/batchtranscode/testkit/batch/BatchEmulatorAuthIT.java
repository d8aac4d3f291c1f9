package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.rest.credentials.TokenCredentials;
import io.github.batchtranscode.internal.azure.BatchClients;
import org.junit.jupiter.api.Test;

/** Bearer tokens (the Entra ID path) and switching verification off. */
class BatchEmulatorAuthIT {
    @Test
    void acceptsTheExpectedBearerTokenOnly() throws Exception {
        try (BatchEmulator emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY)
                .acceptBearerTokens("good-token"::equals).start()) {
            String endpoint = emulator.endpoint();
            BatchClient good = BatchClients.withCredentials(endpoint, new TokenCredentials("Bearer", "good-token"));
            assertThat(good.poolOperations().existsPool("none")).isFalse();
            BatchClient bad = BatchClients.withCredentials(endpoint, new TokenCredentials("Bearer", "bad-token"));
            BatchErrorException e = catchThrowableOfType(BatchErrorException.class,
                    () -> bad.poolOperations().getPool("none"));
            assertThat(e.body().code()).isEqualTo("AuthenticationFailed");
            assertThat(TestAccounts.client(endpoint).poolOperations().existsPool("none")).as("SharedKey still works")
                    .isFalse();
        }
    }

    @Test
    void verificationCanBeSwitchedOff() throws Exception {
        try (BatchEmulator emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY)
                .verifySharedKey(false).start()) {
            BatchClient other = BatchClients.sharedKey(emulator.endpoint(), "someone", BatchEmulator.randomKey());
            assertThat(other.poolOperations().existsPool("none")).isFalse();
        }
    }
}
