package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.interceptor.ClientRequestIdInterceptor;
import io.github.batchtranscode.ConfigurationException;
import org.junit.jupiter.api.Test;

class BatchClientsTest {
    @Test
    void rejectsANonBase64KeyWithoutEchoingIt() {
        String key = "not base64 at all: s3cr3t!";
        assertThatThrownBy(() -> BatchClients.sharedKey("https://acct.westeurope.batch.azure.com", "acct", key))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid Base64")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void rejectsMissingOrMalformedSettings() {
        assertThatThrownBy(() -> BatchClients.sharedKey(" ", "acct", "a2V5"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("endpoint is missing");
        assertThatThrownBy(() -> BatchClients.sharedKey("ftp://x?sig=abc", "acct", "a2V5"))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("sig=abc");
        assertThatThrownBy(() -> BatchClients.sharedKey("https://x", "", "a2V5"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("account name");
    }

    @Test
    void removesTheRequestIdBehaviourEverywhere() {
        BatchClient c = BatchClients.sharedKey("http://127.0.0.1:1", "acct", "a2V5");
        assertThat(c.customBehaviors()).noneMatch(b -> b instanceof ClientRequestIdInterceptor);
        assertThat(c.taskOperations().customBehaviors()).noneMatch(b -> b instanceof ClientRequestIdInterceptor);
        assertThat(c.jobOperations().customBehaviors()).noneMatch(b -> b instanceof ClientRequestIdInterceptor);
        assertThat(c.fileOperations().customBehaviors()).noneMatch(b -> b instanceof ClientRequestIdInterceptor);
    }

    @Test
    void connectsWithNagleOffSoALargeRequestBodyDoesNotWaitForTheServersDelayedAck() throws Exception {
        BatchClient shared = BatchClients.sharedKey("http://127.0.0.1:1", "acct", "a2V5");
        BatchClient token = BatchClients.withCredentials("http://127.0.0.1:1",
                new com.microsoft.azure.batch.auth.BatchSharedKeyCredentials("http://127.0.0.1:1", "acct", "a2V5"));
        for (BatchClient c : java.util.List.of(shared, token)) {
            try (java.net.Socket s = c.protocolLayer().restClient().httpClient().socketFactory().createSocket()) {
                assertThat(s.getTcpNoDelay()).as("TCP_NODELAY on the sockets OkHttp connects").isTrue();
            }
        }
    }
}
