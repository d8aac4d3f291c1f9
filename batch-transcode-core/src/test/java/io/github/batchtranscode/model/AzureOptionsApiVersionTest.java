package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.internal.azure.BatchClients;
import org.junit.jupiter.api.Test;

class AzureOptionsApiVersionTest {
    private static AzureOptions.Builder base() {
        return AzureOptions.builder().batchAccount("https://acct.westeurope.batch.azure.com", "acct", "a2V5")
                .storageConnectionString("UseDevelopmentStorage=true");
    }

    @Test
    void defaultsToTheCurrentVersion() {
        assertThat(base().build().apiVersion()).isEqualTo(BatchClients.API_VERSION).isEqualTo("2025-06-01");
    }

    @Test
    void acceptsBothFormsAndKeepsThemThroughToBuilder() {
        assertThat(base().apiVersion("2026-04-01").build().apiVersion()).isEqualTo("2026-04-01");
        AzureOptions old = base().apiVersion("2024-07-01.20.0").build();
        assertThat(old.toBuilder().build().apiVersion()).isEqualTo("2024-07-01.20.0");
        assertThat(old.toString()).contains("apiVersion=2024-07-01.20.0");
    }

    @Test
    void refusesMalformedVersionsSayingWhatIsWrong() {
        assertThatThrownBy(() -> base().apiVersion("2025-6-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-06-01 or 2024-07-01.20.0").hasMessageContaining("'2025-6-1'");
        assertThatThrownBy(() -> base().apiVersion("2024-07-01.20")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".MAJOR.MINOR");
        assertThatThrownBy(() -> base().apiVersion("2025-13-01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("real date");
        assertThatThrownBy(() -> base().apiVersion(" 2025-06-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().apiVersion(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("apiVersion == null");
    }
}
