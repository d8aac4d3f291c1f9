package io.github.batchtranscode.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.faults.FaultyProxy;
import io.github.batchtranscode.testkit.faults.ProxiedRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulator and the proxy start and stop the same way: builder, start(), endpoint(), idempotent close(). */
class ServiceLifecycleTest {
    @Test
    void emulatorStartsFromItsBuilderAndClosesTwice() {
        BatchEmulator emulator = BatchEmulator.builder().locateFfmpeg(false).start();
        assertThat(emulator.endpoint()).startsWith("http://127.0.0.1:");
        emulator.close();
        emulator.close();
    }

    @Test
    void proxyStartsFromItsBuilderAndClosesTwice() {
        FaultyProxy proxy = FaultyProxy.builder().upstream(URI.create("http://127.0.0.1:1")).start();
        assertThat(proxy.endpoint()).startsWith("http://127.0.0.1:");
        proxy.close();
        proxy.close();
    }

    @Test
    void aTakenPortFailsBothWithTheSameException() {
        try (BatchEmulator first = BatchEmulator.builder().locateFfmpeg(false).start()) {
            int port = URI.create(first.endpoint()).getPort();
            assertThatThrownBy(() -> BatchEmulator.builder().locateFfmpeg(false).port(port).start())
                    .isInstanceOf(ServiceStartException.class).hasMessageContaining(String.valueOf(port));
            assertThatThrownBy(() -> FaultyProxy.builder().upstream(URI.create("http://127.0.0.1:1")).port(port)
                    .start()).isInstanceOf(ServiceStartException.class).hasMessageContaining(String.valueOf(port));
        }
    }

    @Test
    void proxyWithoutUpstreamIsRefusedAtStart() {
        assertThatThrownBy(() -> FaultyProxy.builder().start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upstream");
    }

    @Test
    void proxiedRequestViewFindsHeadersInAnyCaseAndHidesThemInToString() {
        ProxiedRequest r = new ProxiedRequest("PUT", "/devstoreaccount1/c/b", "sig=SECRET",
                List.of(Map.entry("Authorization", "SharedKey a:SECRET")));
        assertThat(r.header("authorization")).isEqualTo("SharedKey a:SECRET");
        assertThat(r.toString()).contains("PUT /devstoreaccount1/c/b").doesNotContain("SECRET");
    }
}
