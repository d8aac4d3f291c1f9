package io.github.batchtranscode.testkit.faults;

import io.github.batchtranscode.testkit.ServiceStartException;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import io.github.batchtranscode.testkit.internal.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * An HTTP proxy on loopback, put in front of a service such as Azurite, that makes the network and the service
 * unreliable on demand: a share of requests answered {@code 500}/{@code 503} (with a Storage-shaped error body),
 * uploads whose connection is reset in the middle of the request body, downloads whose connection is reset in
 * the middle of the response body. Everything else is forwarded unchanged, path and query included, so signed
 * requests and SAS URLs stay valid.
 *
 * <pre>{@code
 * try (FaultyProxy proxy = FaultyProxy.builder().upstream(URI.create(azurite.blobEndpoint())).start()) {
 *     proxy.errorRate(0.1).uploadResetRate(0.2).downloadResetRate(0.2)
 *          .faultOnly(r -> String.valueOf(r.header("User-Agent")).contains("azsdk-java"));
 *     String endpoint = proxy.endpoint() + "/devstoreaccount1";   // use instead of Azurite's
 *     ...
 *     proxy.stats().uploadResets();
 * }
 * }</pre>
 * Starts and stops like the testkit's other services: builder, {@code start()}, {@link #endpoint()},
 * {@link #close()} (idempotent). Settings may change at any time from any thread.
 */
public final class FaultyProxy implements AutoCloseable {
    private static final Logger LOG = TestkitLoggers.FAULTS;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "proxy-connection", "te", "trailer");

    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder uploadResets = new LongAdder();
    private final LongAdder downloadResets = new LongAdder();
    private volatile double errorRate;
    private volatile double uploadResetRate;
    private volatile double downloadResetRate;
    private volatile Predicate<ProxiedRequest> eligible = r -> true;
    private volatile boolean recording;
    private final java.util.Queue<Exchange> exchanges = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final HttpServer server;

    private FaultyProxy(URI upstream, int port) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.builder().name("faulty-proxy").port(port).handler(this::forward)
                .interruptRequestBodies(this::cutUpload).build().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a proxy to {@code upstream} with no faults yet; short for {@code builder().upstream(upstream).start()}.
     *
     * @throws IllegalArgumentException when {@code upstream} is not an http URL with a host
     * @throws ServiceStartException    when no loopback port can be bound
     */
    public static FaultyProxy start(URI upstream) {
        return builder().upstream(upstream).start();
    }

    /** {@code http://127.0.0.1:PORT}: requests sent here go upstream with the same path and query. */
    public String endpoint() {
        return server.baseUri();
    }

    /**
     * The same as {@link #endpoint()}.
     *
     * @deprecated use {@link #endpoint()}, named as on the testkit's other services
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public String baseUri() {
        return endpoint();
    }

    /** The share of eligible requests (0..1) answered 500 or 503 without reaching upstream. */
    public FaultyProxy errorRate(double rate) {
        this.errorRate = rate(rate, "errorRate");
        return this;
    }

    /** The share of eligible requests with a body (0..1) whose connection is reset halfway through the body. */
    public FaultyProxy uploadResetRate(double rate) {
        this.uploadResetRate = rate(rate, "uploadResetRate");
        return this;
    }

    /** The share of eligible answers with a body (0..1) whose connection is reset halfway through the body. */
    public FaultyProxy downloadResetRate(double rate) {
        this.downloadResetRate = rate(rate, "downloadResetRate");
        return this;
    }

    /** Which requests faults may hit (default: all); others are always forwarded faithfully. */
    public FaultyProxy faultOnly(Predicate<ProxiedRequest> eligible) {
        this.eligible = Objects.requireNonNull(eligible, "eligible == null");
        return this;
    }

    /** Turns every fault off. */
    public FaultyProxy calm() {
        errorRate = 0;
        uploadResetRate = 0;
        downloadResetRate = 0;
        return this;
    }

    /** Reseeds the random draws, for repeatable runs. */
    public FaultyProxy seed(long seed) {
        synchronized (random) {
            random.setSeed(seed);
        }
        return this;
    }

    /** What the proxy has done so far. */
    /**
     * Whether to keep every forwarded exchange for {@link #exchanges()}, e.g. to time a client's requests
     * independently of the client (default off: the log grows with every request).
     */
    public FaultyProxy recordExchanges(boolean record) {
        this.recording = record;
        return this;
    }

    /** The exchanges forwarded while recording, in the order their answers were ready. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /**
     * One request the proxy forwarded and answered.
     *
     * @param method    the method
     * @param path      the path as sent, still percent-encoded; never the query (it may hold a SAS signature)
     * @param userAgent the {@code User-Agent} header, or null
     * @param received  when the proxy had the whole request
     * @param answered  when the upstream's whole answer was in, ready to be written back
     * @param status    the status code sent back
     */
    public record Exchange(String method, String path, String userAgent, java.time.Instant received,
            java.time.Instant answered, int status) {
        /** From received to answered. */
        public Duration duration() {
            return Duration.between(received, answered);
        }
    }

    public Stats stats() {
        return new Stats(requests.sum(), errors.sum(), uploadResets.sum(), downloadResets.sum());
    }

    /**
     * Counters of a {@link FaultyProxy}.
     *
     * @param requests       requests received (forwarded or not)
     * @param errors         requests answered with an injected 500/503
     * @param uploadResets   uploads cut off mid-body
     * @param downloadResets downloads cut off mid-body
     */
    public record Stats(long requests, long errors, long uploadResets, long downloadResets) {
    }

    private long cutUpload(HttpRequest head) {
        String length = head.header("Content-Length");
        long n = length == null ? 0 : Long.parseLong(length.trim());
        if (n < 2 || !eligible.test(view(head)) || !draw(uploadResetRate)) {
            return -1;
        }
        requests.increment();
        uploadResets.increment();
        LOG.debug("resetting upload {} {} after {} of {} bytes", head.method(), head.rawPath(), n / 2, n);
        return n / 2;
    }

    private HttpResponse forward(HttpRequest request) throws IOException, InterruptedException {
        java.time.Instant received = java.time.Instant.now();
        HttpResponse response = forwarded(request);
        if (recording) {
            exchanges.add(new Exchange(request.method(), request.rawPath(), request.header("User-Agent"), received,
                    java.time.Instant.now(), response.status()));
        }
        return response;
    }

    private HttpResponse forwarded(HttpRequest request) throws IOException, InterruptedException {
        requests.increment();
        boolean faulty = eligible.test(view(request));
        if (faulty && draw(errorRate)) {
            errors.increment();
            return error(draw(0.5) ? 500 : 503);
        }
        java.net.http.HttpRequest.Builder out = java.net.http.HttpRequest.newBuilder(
                URI.create(upstream + request.target())).timeout(Duration.ofMinutes(2))
                .method(request.method(), request.body().length == 0 ? BodyPublishers.noBody()
                        : BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> h : request.headers().all()) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.header(h.getKey(), h.getValue());
            }
        }
        java.net.http.HttpResponse<byte[]> in = client.send(out.build(), BodyHandlers.ofByteArray());
        HttpResponse response = HttpResponse.of(in.statusCode());
        boolean head = request.method().equals("HEAD");
        for (Map.Entry<String, List<String>> h : in.headers().map().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || (HOP_BY_HOP.contains(name) && !(head && name.equals("content-length")))) {
                continue;
            }
            h.getValue().forEach(v -> response.header(h.getKey(), v));
        }
        byte[] body = in.body();
        response.body(body, null);
        if (faulty && !head && body.length >= 2 && draw(downloadResetRate)) {
            downloadResets.increment();
            LOG.debug("resetting download {} {} after {} of {} bytes", request.method(), request.rawPath(),
                    body.length / 2, body.length);
            response.resetAfterBodyBytes(body.length / 2);
        }
        return response;
    }

    private static HttpResponse error(int status) {
        String code = status == 503 ? "ServerBusy" : "InternalError";
        String message = status == 503 ? "The server is currently unable to receive requests. Please retry your request."
                : "Server encountered an internal error. Please retry the request.";
        return HttpResponse.of(status).header("x-ms-error-code", code).header("Retry-After", "0")
                .body("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>", "application/xml");
    }

    private boolean draw(double rate) {
        if (rate <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }

    private static ProxiedRequest view(HttpRequest r) {
        return new ProxiedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers().all());
    }

    private static double rate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1: " + rate);
        }
        return rate;
    }

    /** Stops the proxy and closes its connections; idempotent. */
    @Override
    public void close() {
        server.close();
    }

    /** Where a {@link FaultyProxy} forwards to and listens; setters check their argument at once. */
    public static final class Builder {
        private URI upstream;
        private int port;

        private Builder() {
        }

        /**
         * The service to forward to, {@code http://host:port} (any path is ignored); required.
         *
         * @throws IllegalArgumentException when not an http URL with a host
         */
        public Builder upstream(URI upstream) {
            Objects.requireNonNull(upstream, "upstream == null");
            if (!"http".equalsIgnoreCase(upstream.getScheme()) || upstream.getHost() == null) {
                throw new IllegalArgumentException("upstream must be an http URL with a host: " + upstream);
            }
            this.upstream = URI.create("http://" + upstream.getHost() + ":" + upstream.getPort());
            return this;
        }

        /** The loopback port to listen on; default 0, a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Starts the proxy, with no faults yet.
         *
         * @throws IllegalStateException when no upstream was set
         * @throws ServiceStartException when the port cannot be bound
         */
        public FaultyProxy start() {
            if (upstream == null) {
                throw new IllegalStateException("upstream(URI) is required");
            }
            try {
                return new FaultyProxy(upstream, port);
            } catch (IOException e) {
                throw new ServiceStartException("the faulty proxy could not listen on port " + port, e);
            }
        }
    }
}
