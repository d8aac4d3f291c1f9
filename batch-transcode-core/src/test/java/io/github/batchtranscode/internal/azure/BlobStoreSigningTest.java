package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.github.batchtranscode.ConfigurationException;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** How a caller's {@code BlobServiceClient} will sign the tasks' SAS, decided from its credential alone. */
class BlobStoreSigningTest {
    private static final String ENDPOINT = "https://acct.blob.core.windows.net";

    @Test
    void aTokenClientSignsUserDelegationSas() {
        TokenCredential token = r -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));
        assertThat(BlobStore.signsWithToken(new BlobServiceClientBuilder().endpoint(ENDPOINT).credential(token)
                .buildClient())).isTrue();
    }

    @Test
    void aSharedKeyClientSignsServiceSas() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(BlobStore.signsWithToken(new BlobServiceClientBuilder().endpoint(ENDPOINT)
                .credential(new StorageSharedKeyCredential("acct", key)).buildClient())).isFalse();
    }

    @Test
    void aClientThatCanSignNoSasIsRefusedWithoutEchoingItsSas() {
        String sas = "sv=2025-11-05&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&sig=SECRETSIGNATURE";
        assertThatThrownBy(() -> BlobStore.signsWithToken(new BlobServiceClientBuilder().endpoint(ENDPOINT)
                .sasToken(sas).buildClient()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(ENDPOINT).hasMessageContaining("TokenCredential")
                .hasMessageContaining("StorageSharedKeyCredential")
                .hasMessageNotContaining("SECRETSIGNATURE").hasMessageNotContaining("sig=");
    }
}
