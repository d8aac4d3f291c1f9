package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.model.AzureOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time-limit story of {@link TranscodeSession}: combinations that could never take effect fail at once. */
class TimeLimitsTest {
    private static AzureOptions.Builder azure() {
        return AzureOptions.builder()
                .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", "a2V5")
                .storageAccount("mystorage", "a2V5", null);
    }

    @Test
    void aRunTimeoutBeyondTheJobsMaximumRunTimeIsRefusedNamingBoth() {
        TranscodeSession.Builder b = TranscodeSession.builder().runTimeout(Duration.ofHours(3)).azure(azure().build());

        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runTimeout PT3H").hasMessageContaining("AzureOptions.jobMaxRunTime PT1H")
                .hasMessageContaining("raise AzureOptions.Builder.jobMaxRunTime");
    }

    @Test
    void aRunTimeoutWithinTheJobsMaximumRunTimeIsAccepted() {
        try (TranscodeSession session = TranscodeSession.builder().azure(azure().jobMaxRunTime(Duration.ofHours(4))
                .build()).runTimeout(Duration.ofHours(3)).build()) {
            assertThat(session.backend()).isEqualTo(io.github.batchtranscode.model.Backend.AZURE);
        }
    }

    @Test
    void timeLimitsMustBePositive() {
        assertThatThrownBy(() -> TranscodeSession.builder().runTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runTimeout");
        assertThatThrownBy(() -> azure().jobMaxRunTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobMaxRunTime");
    }
}
