package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.rest.credentials.ServiceClientCredentials;
import io.github.batchtranscode.internal.azure.BatchClients;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request signed by the real SDK and then changed on its way — another path, query, date or body — is refused
 * with 403 AuthenticationFailed, as the service would refuse it; the same request unchanged is accepted.
 */
class BatchEmulatorTamperIT {
    private BatchEmulator emulator;
    private String endpoint;

    @BeforeEach
    void start() {
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).start();
        endpoint = emulator.endpoint();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anUntouchedSignedRequestIsAccepted() throws Exception {
        assertThat(client(r -> r).poolOperations().existsPool("p1")).isFalse();
    }

    @Test
    void aChangedPathIsRefused() {
        assertRefused(client(r -> r.newBuilder().url(r.url().newBuilder().setPathSegment(1, "other").build()).build()),
                c -> c.poolOperations().getPool("p1"));
    }

    @Test
    void anAddedQueryParameterIsRefused() {
        assertRefused(client(r -> r.newBuilder().url(r.url().newBuilder().addQueryParameter("$select", "id").build())
                .build()), c -> c.poolOperations().getPool("p1"));
    }

    @Test
    void aChangedDateIsRefused() {
        assertRefused(client(r -> r.newBuilder().header("ocp-date", "Mon, 01 Jan 2024 00:00:00 GMT").build()),
                c -> c.poolOperations().getPool("p1"));
    }

    @Test
    void aReplacedBodyOfAnotherLengthIsRefusedAndNothingIsCreated() throws Exception {
        BatchClient tampering = client(r -> r.body() == null || !"POST".equals(r.method()) ? r
                : r.newBuilder().post(RequestBody.create(r.body().contentType(),
                        "{\"id\":\"injected-job\",\"poolInfo\":{\"poolId\":\"p1\"}}")).build());
        assertRefused(tampering, c -> c.protocolLayer().jobs().add(new JobAddParameter().withId("j1")
                .withPoolInfo(new PoolInformation().withPoolId("p1"))));
        assertThat(emulator.stats().operation("Job_Add").requests()).isEqualTo(1);
        BatchErrorException missing = catchThrowableOfType(BatchErrorException.class,
                () -> TestAccounts.client(endpoint).protocolLayer().jobs().get("injected-job"));
        assertThat(missing.response().code()).isEqualTo(404);
    }

    private interface Call {
        void run(BatchClient client) throws Exception;
    }

    private static void assertRefused(BatchClient client, Call call) {
        BatchErrorException e = catchThrowableOfType(BatchErrorException.class, () -> call.run(client));
        assertThat(e).as("the tampered request was accepted").isNotNull();
        assertThat(e.response().code()).isEqualTo(403);
        assertThat(e.body().code()).isEqualTo("AuthenticationFailed");
    }

    /** A client that signs with the SDK's SharedKey credentials, then applies {@code tamper} to the signed request. */
    private BatchClient client(UnaryOperator<Request> tamper) {
        BatchSharedKeyCredentials real = new BatchSharedKeyCredentials(endpoint, TestAccounts.ACCOUNT, TestAccounts.KEY);
        ServiceClientCredentials tampering = new ServiceClientCredentials() {
            @Override
            public void applyCredentialsFilter(OkHttpClient.Builder builder) {
                real.applyCredentialsFilter(builder);
                builder.addInterceptor(chain -> chain.proceed(tamper.apply(chain.request())));
            }
        };
        return BatchClients.withCredentials(endpoint, tampering);
    }
}
