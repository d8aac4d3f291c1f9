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
import io.github.batchtranscode.internal.engine.SteppedTime;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's slow deleting states, as the backend reads them (Azurite does not model ContainerBeingDeleted), and
 * the bounded wait for them on stepped session time: its pauses and its deadline, without waiting.
 */
class SlowStatesTest {
    private final SteppedTime time = new SteppedTime();

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
        DeletionWait.until(time, () -> polls.incrementAndGet() >= 3, Duration.ofMinutes(1),
                () -> new StagingException("never"));
        assertThat(polls).hasValue(3);
        assertThat(time.waits()).as("a pause between polls, none after the last").hasSize(2);
    }

    @Test
    void aDeletionWaitsPausesDoubleFromHalfASecondUpToFifteenSeconds() {
        AtomicInteger polls = new AtomicInteger();
        DeletionWait.until(time, () -> polls.incrementAndGet() > 8, Duration.ofMinutes(5),
                () -> new StagingException("never"));
        assertThat(time.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(15),
                Duration.ofSeconds(15));
    }

    @Test
    void aDeletionWaitFailsWithTheCallersMessageExactlyWhenTheBoundPasses() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> DeletionWait.until(time, () -> polls.incrementAndGet() < 0, Duration.ofSeconds(20),
                () -> new StagingException("container 'in' is still being deleted")))
                .isInstanceOf(StagingException.class).hasMessage("container 'in' is still being deleted");
        assertThat(time.waited()).as("the last pause is cut to the bound").isEqualTo(Duration.ofSeconds(20));
        assertThat(time.waits()).last().isEqualTo(Duration.ofMillis(4500));
        assertThat(polls).as("six pauses, and a last look at the bound itself").hasValue(7);
    }

    @Test
    void anInterruptEndsADeletionWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> DeletionWait.until(time, () -> false, Duration.ofMinutes(5),
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
