package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.batchtranscode.StagingException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The service's slow deleting states, as the backend reads them (Azurite does not model ContainerBeingDeleted). */
class SlowStatesTest {
    @Test
    void aContainerBeingDeletedIsTheServices409WithItsCode() {
        assertThat(BlobStore.beingDeleted(storageError(409, "ContainerBeingDeleted"))).isTrue();
        assertThat(BlobStore.beingDeleted(storageError(409, "ContainerAlreadyExists"))).isFalse();
        assertThat(BlobStore.beingDeleted(storageError(409, "ContainerBeingDisabled"))).isFalse();
        assertThat(BlobStore.beingDeleted(storageError(403, "ContainerBeingDeleted"))).isFalse();
    }

    @Test
    void aDeletionWaitReturnsOnceTheThingIsGone() {
        AtomicInteger polls = new AtomicInteger();
        DeletionWait.until(() -> polls.incrementAndGet() >= 3, Duration.ofMinutes(1),
                () -> new StagingException("never"));
        assertThat(polls).hasValue(3);
    }

    @Test
    void aDeletionWaitFailsWithTheCallersMessageWhenTheBoundPasses() {
        assertThatThrownBy(() -> DeletionWait.until(() -> false, Duration.ofMillis(50),
                () -> new StagingException("container 'in' is still being deleted")))
                .isInstanceOf(StagingException.class).hasMessage("container 'in' is still being deleted");
    }

    @Test
    void anInterruptEndsADeletionWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> DeletionWait.until(() -> false, Duration.ofMinutes(5),
                    () -> new StagingException("bound"))).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void waitsAreDescribedForPeople() {
        assertThat(DeletionWait.describe(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(DeletionWait.describe(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(DeletionWait.describe(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
    }

    private static BlobStorageException storageError(int status, String code) {
        HttpResponse response = new HttpResponse(new HttpRequest(HttpMethod.PUT, "http://127.0.0.1/acct/in")) {
            private final HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), code);

            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(HttpHeaderName.fromString(name));
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
        return new BlobStorageException(code, response, null);
    }
}
