package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.internal.engine.SteppedTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * The Batch calls' retry timing, on stepped session time: the exact backoff sequence, its cap, Retry-After, and
 * what ends the retrying. No test waits: every pause is recorded instead.
 */
class RetrierTest {
    private final SteppedTime time = new SteppedTime();

    @Test
    void backoffDoublesFromTheBaseUpToTheCapWithJitterInTheUpperHalf() {
        Retrier highest = new Retrier(10, Duration.ofMillis(200), Duration.ofSeconds(30), time, n -> n - 1);

        assertThat(highest.call("Pool_Get", failing(9, () -> new IOException("connection reset")))).isEqualTo("ok");

        assertThat(millis(time.waits())).containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L,
                30000L);
        assertThat(highest.retries()).as("I/O errors retried here are counted").isEqualTo(9);
    }

    @Test
    void jitterNeverTakesABackoffBelowHalf() {
        Retrier lowest = new Retrier(5, Duration.ofMillis(200), Duration.ofSeconds(30), time, n -> 0);

        lowest.call("Job_Get", failing(4, () -> new IOException("timeout")));

        assertThat(millis(time.waits())).containsExactly(100L, 200L, 400L, 800L);
    }

    @Test
    void retryAfterIsHonouredInsteadOfTheBackoffAndCapped() {
        Retrier retrier = new Retrier(10, Duration.ofMillis(200), Duration.ofSeconds(30), time, n -> n - 1);
        List<String> retryAfter = new ArrayList<>(List.of("7", "0.5", "3600"));

        retrier.call("Task_AddCollection", failing(3, () -> batchError(429, retryAfter.remove(0))));

        assertThat(millis(time.waits())).containsExactly(7000L, 500L, 30000L);
    }

    @Test
    void aRetryAfterThatIsNotANumberFallsBackToTheBackoff() {
        Retrier retrier = new Retrier(10, Duration.ofMillis(200), Duration.ofSeconds(30), time, n -> n - 1);

        retrier.call("Job_Add", failing(2, () -> batchError(503, "Wed, 21 Oct 2026 07:28:00 GMT")));

        assertThat(millis(time.waits())).containsExactly(200L, 400L);
    }

    @Test
    void aClientErrorIsNotRetriedAndTheLastTransientErrorEndsTheCallAfterMaxAttempts() {
        Retrier retrier = new Retrier(4, Duration.ofMillis(200), Duration.ofSeconds(30), time, n -> n - 1);

        assertThatThrownBy(() -> retrier.call("Job_Add", failing(1, () -> batchError(409, null))))
                .isInstanceOf(Retrier.BatchCallException.class).hasMessageContaining("Job_Add").hasMessageContaining("409");
        assertThat(time.waits()).as("no pause before a client error").isEmpty();

        assertThatThrownBy(() -> retrier.call("Pool_Get", failing(99, () -> new IOException("down"))))
                .isInstanceOf(BackendException.class).hasMessageContaining("Pool_Get").hasMessageContaining("down");
        assertThat(millis(time.waits())).as("four attempts, three pauses").containsExactly(200L, 400L, 800L);
    }

    @Test
    void anInterruptDuringABackoffEndsTheCallAndKeepsTheFlag() {
        Retrier retrier = new Retrier(10, Duration.ofMillis(200), Duration.ofSeconds(30), time, n -> n - 1);
        AtomicInteger calls = new AtomicInteger();
        try {
            assertThatThrownBy(() -> retrier.call("Job_Get", () -> {
                calls.incrementAndGet();
                Thread.currentThread().interrupt(); // a cancel interrupts the run's thread during the call
                throw new IOException("reset");
            })).isInstanceOf(BackendException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(calls).as("not called again after the interrupt").hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }

    /** A call that fails {@code times} times with {@code error}, then answers "ok". */
    private static java.util.concurrent.Callable<String> failing(int times, java.util.function.Supplier<Exception> error) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() <= times) {
                throw error.get();
            }
            return "ok";
        };
    }

    private static List<Long> millis(List<Duration> waits) {
        return waits.stream().map(Duration::toMillis).toList();
    }

    private static BatchErrorException batchError(int status, String retryAfter) {
        Headers.Builder headers = new Headers.Builder();
        if (retryAfter != null) {
            headers.add("Retry-After", retryAfter);
        }
        okhttp3.Response raw = new okhttp3.Response.Builder().code(status).message("status " + status)
                .protocol(Protocol.HTTP_1_1).request(new Request.Builder().url("http://127.0.0.1/jobs").build())
                .headers(headers.build()).build();
        ResponseBody body = ResponseBody.create(MediaType.parse("application/json"), "{}");
        return new BatchErrorException("status " + status, retrofit2.Response.error(body, raw));
    }
}
