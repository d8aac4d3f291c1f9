package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.blob.models.BlobStorageException;
import com.microsoft.azure.batch.protocol.models.BatchError;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's status, error code and request id reach the caller on {@link BackendException} and
 * {@link StagingException}, taken from the SDKs' own exceptions anywhere on the cause chain; no secret rides along.
 */
class ServiceErrorExceptionsTest {
    private static final String SECRET = "sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D";

    private static BatchErrorException batchError(int status, String code, String requestId) {
        okhttp3.Response raw = new okhttp3.Response.Builder().code(status).message("Conflict")
                .protocol(Protocol.HTTP_1_1).request(new Request.Builder().url("https://mybatch.example/pools").build())
                .header("request-id", requestId).build();
        retrofit2.Response<ResponseBody> response = retrofit2.Response.error(
                ResponseBody.create(MediaType.get("application/json"), "{}"), raw);
        return new BatchErrorException("Status code " + status, response, new BatchError().withCode(code));
    }

    private static BlobStorageException storageError(int status, String code, String requestId) {
        HttpResponse response = new HttpResponse(new HttpRequest(HttpMethod.PUT,
                "https://acct.blob.core.windows.net/in/a.mp4?" + SECRET)) {
            private final HttpHeaders headers = new HttpHeaders().set("x-ms-error-code", code)
                    .set("x-ms-request-id", requestId);

            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public String getHeaderValue(String name) {
                return headers.getValue(name);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.empty();
            }
        };
        return new BlobStorageException("Status code " + status + " for " + SECRET, response, null);
    }

    @Test
    void aBatchErrorGivesStatusCodeAndRequestId() {
        BackendException e = new BackendException("creating pool p1 failed: HTTP 409 PoolBeingDeleted",
                new RuntimeException("wrapped", batchError(409, "PoolBeingDeleted", "req-123")));

        assertThat(e.httpStatus()).hasValue(409);
        assertThat(e.errorCode()).contains("PoolBeingDeleted");
        assertThat(e.requestId()).contains("req-123");
    }

    @Test
    void aStorageErrorGivesStatusCodeAndRequestIdButNoSignature() {
        StagingException staging = new StagingException("container 'in' could not be written",
                storageError(403, "AuthorizationFailure", "rid-9"));
        BackendException backend = new BackendException("upload failed", storageError(503, "ServerBusy", "rid-10"));

        assertThat(staging.httpStatus()).hasValue(403);
        assertThat(staging.errorCode()).contains("AuthorizationFailure");
        assertThat(staging.requestId()).contains("rid-9");
        assertThat(backend.httpStatus()).hasValue(503);
        assertThat(backend.errorCode()).contains("ServerBusy");
        for (Object shown : List.of(staging.toString(), staging.errorCode(), staging.requestId(), backend.toString(),
                backend.errorCode(), backend.requestId())) {
            assertThat(String.valueOf(shown)).doesNotContain("c2VjcmV0");
        }
    }

    @Test
    void withoutAServiceAnswerTheFieldsAreEmpty() {
        BackendException e = new BackendException("interrupted while adding tasks", new InterruptedException());

        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.requestId()).isEmpty();
        assertThat(new StagingException("storage unreachable").httpStatus()).isEmpty();
    }

    @Test
    void aPoolStartExceptionCarriesThePoolAndItsErrors() {
        PoolStartException e = new PoolStartException("pool p1 could not start", "p1",
                List.of(new PoolStartException.NodeError("tvm-1", "starttaskfailed", 100, null, "E: no package")),
                List.of(new PoolStartException.ResizeError("AccountCoreQuotaReached", "quota")));

        assertThat(e.poolId()).contains("p1");
        assertThat(e.nodeErrors()).singleElement().satisfies(n -> {
            assertThat(n.nodeId()).isEqualTo("tvm-1");
            assertThat(n.exitCode()).isEqualTo(100);
            assertThat(n.stderr()).isEqualTo("E: no package");
        });
        assertThat(e.resizeErrors()).extracting(PoolStartException.ResizeError::code)
                .containsExactly("AccountCoreQuotaReached");
        assertThat(new PoolStartException("x").poolId()).isEmpty();
        assertThat(new PoolStartException("x").nodeErrors()).isEmpty();
    }
}
