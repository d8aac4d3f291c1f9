package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.internal.engine.Loggers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import io.github.batchtranscode.internal.engine.SessionTime;
import org.slf4j.Logger;

/**
 * Retries Batch calls that failed for a transient reason (429, 5xx except 501/505, I/O errors) with exponential
 * backoff and jitter, honouring {@code Retry-After}. Other errors go straight to the caller. Counts retries.
 */
final class Retrier {
    private static final Logger LOG = Loggers.AZURE;
    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong transientAnswers = new AtomicLong();
    private final SessionTime time;
    private final LongUnaryOperator jitter;

    Retrier(int maxAttempts, Duration base, Duration cap) {
        this(maxAttempts, base, cap, SessionTime.system(), bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /**
     * @param time   whose time the backoffs wait: the session's
     * @param jitter given {@code n}, a number in {@code [0, n)}: the random part of each backoff
     */
    Retrier(int maxAttempts, Duration base, Duration cap, SessionTime time, LongUnaryOperator jitter) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.time = time;
        this.jitter = jitter;
    }

    static Retrier standard() {
        return standard(SessionTime.system());
    }

    /** Ten attempts, backoff from 200 ms doubling to 30 s with jitter, waited on {@code time}. */
    static Retrier standard(SessionTime time) {
        return new Retrier(10, Duration.ofMillis(200), Duration.ofSeconds(30), time,
                bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /**
     * Retries so far: transient answers seen on the wire (the SDK's runtime resends 5xx itself, before this class
     * sees them; a 429 is retried here) plus calls retried here after an I/O error.
     */
    long retries() {
        return retries.get() + transientAnswers.get();
    }

    /** An OkHttp network interceptor that counts every transient answer (408, 429, 5xx but 501/505) on the wire. */
    okhttp3.Interceptor wireCounter() {
        return chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            if (transientStatus(response.code())) {
                transientAnswers.incrementAndGet();
            }
            return response;
        };
    }

    static boolean transientStatus(int code) {
        return code == 408 || code == 429 || (code >= 500 && code != 501 && code != 505);
    }

    <T> T call(String operation, Callable<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (!transient_(e) || attempt >= maxAttempts) {
                    throw wrap(operation, e);
                }
                long delay = delayMillis(e, attempt);
                if (!(e instanceof BatchErrorException)) {
                    retries.incrementAndGet(); // an answer's retry is counted on the wire already
                }
                LOG.warn("{} failed ({}); retry {} of {} in {} ms", operation, describe(e), attempt, maxAttempts - 1, delay);
                sleep(delay);
            }
        }
    }

    void run(String operation, ThrowingRunnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static boolean transient_(Throwable e) {
        if (e instanceof BatchErrorException b && b.response() != null) {
            return transientStatus(b.response().code());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && !(t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pause before retry {@code attempt}: the service's {@code Retry-After} (seconds, capped), else a random
     * time between half and all of {@code base × 2^(attempt-1)}, capped.
     */
    long delayMillis(Exception e, int attempt) {
        if (e instanceof BatchErrorException b && b.response() != null) {
            String retryAfter = b.response().headers().get("Retry-After");
            if (retryAfter != null) {
                try {
                    return Math.min(cap.toMillis(), Math.max(0, (long) (Double.parseDouble(retryAfter.trim()) * 1000)));
                } catch (NumberFormatException ignored) {
                    // fall back to backoff
                }
            }
        }
        long exp = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 16));
        return exp / 2 + jitter.applyAsLong(exp / 2 + 1);
    }

    static String describe(Throwable e) {
        if (e instanceof BatchErrorException b) {
            String code = b.body() != null ? b.body().code() : null;
            return "HTTP " + (b.response() != null ? b.response().code() : "?") + (code != null ? " " + code : "");
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    static RuntimeException wrap(String operation, Exception e) {
        if (e instanceof io.github.batchtranscode.TranscodeException te) {
            return te;
        }
        if (e instanceof BatchErrorException b) {
            return new BatchCallException(operation, b);
        }
        return new BackendException(operation + " failed: " + describe(e), e);
    }

    private void sleep(long millis) {
        try {
            time.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting to retry", ie);
        }
    }

    /** A Batch call that failed with a service error; carries the status and the service's code. */
    static final class BatchCallException extends BackendException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        BatchCallException(String operation, BatchErrorException e) {
            super(operation + " failed: " + describe(e) + message(e), e);
            this.status = e.response() != null ? e.response().code() : 0;
            this.code = e.body() != null ? e.body().code() : null;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }

        private static String message(BatchErrorException e) {
            if (e.body() == null || e.body().message() == null || e.body().message().value() == null) {
                return "";
            }
            String m = e.body().message().value();
            int nl = m.indexOf('\n');
            return " — " + (nl > 0 ? m.substring(0, nl) : m);
        }
    }
}
