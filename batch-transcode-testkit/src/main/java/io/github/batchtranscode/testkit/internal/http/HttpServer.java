package io.github.batchtranscode.testkit.internal.http;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * A small HTTP/1.1 server on {@link ServerSocket}: keep-alive, {@code Content-Length} and chunked request bodies,
 * {@code HEAD} without a body, response header names written exactly as the handler gave them, the raw request
 * target handed over undecoded, and connection resets on demand. Made for tests and emulators, not the internet.
 *
 * <pre>{@code
 * try (HttpServer server = HttpServer.builder().handler(req -> HttpResponse.of(204)).build().start()) {
 *     URI base = server.baseUri(); // http://127.0.0.1:PORT
 * }
 * }</pre>
 * Thread-safe. Each connection is served by one worker thread from a bounded pool.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = TestkitLoggers.HTTP;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final InetAddress address;
    private final int requestedPort;
    private final HttpHandler handler;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final long maxBodyBytes;
    private final String name;
    private final java.util.function.ToLongFunction<HttpRequest> bodyCut;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;
    private volatile boolean closed;
    private ExecutorService workers;
    private Thread acceptor;

    private HttpServer(Builder b) {
        this.address = b.address;
        this.requestedPort = b.port;
        this.handler = b.handler;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.maxBodyBytes = b.maxBodyBytes;
        this.name = b.name + "-" + SERVER_IDS.incrementAndGet();
        this.bodyCut = b.bodyCut;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts accepting connections; returns once the socket is listening.
     *
     * @throws IOException when the address or port cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized HttpServer start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, requestedPort), 128);
        AtomicInteger ids = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-conn-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        serverSocket = socket;
        acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.debug("{} listening on {}", name, baseUri());
        return this;
    }

    /** The bound port. */
    public int port() {
        ServerSocket s = serverSocket;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s.getLocalPort();
    }

    /** {@code http://HOST:PORT} without a trailing slash. */
    public String baseUri() {
        String host = address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{} accept failed: {}", name, e.toString());
                }
                continue;
            }
            open.add(client);
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                LOG.warn("{} has {} connections open; refusing another", name, maxConnections);
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout((int) idleTimeout.toMillis());
            client.setTcpNoDelay(true);
            new HttpConnection(client, handler, maxBodyBytes, bodyCut).run();
        } catch (SocketException e) {
            LOG.trace("{} connection ended: {}", name, e.toString());
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} connection failed: {}", name, e.toString());
        } finally {
            open.remove(client);
            closeQuietly(client);
        }
    }

    /** Stops accepting, closes every open connection and waits briefly for the workers. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverSocket != null) {
            closeQuietly(serverSocket);
        }
        open.forEach(HttpServer::closeQuietly);
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.debug("{} closed", name);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /** Builds an {@link HttpServer}; every setter checks its argument at once. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private HttpHandler handler;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofMinutes(2);
        private long maxBodyBytes = 64L << 20;
        private String name = "http";
        private java.util.function.ToLongFunction<HttpRequest> bodyCut;

        private Builder() {
        }

        /**
         * Breaks uploads on purpose: before a request's body is read, {@code cut} gets the request with its line and
         * headers (and an empty body); when it returns a number {@code n >= 0}, the server reads only {@code n} body
         * bytes and resets the connection, as a network failing mid-upload would. Negative: serve as usual.
         */
        public Builder interruptRequestBodies(java.util.function.ToLongFunction<HttpRequest> cut) {
            this.bodyCut = Objects.requireNonNull(cut, "cut == null");
            return this;
        }

        /** The address to bind; default the loopback address. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address == null");
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder handler(HttpHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler == null");
            return this;
        }

        /** The most connections served at once (one thread each); default 256. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** How long an idle keep-alive connection stays open; default 2 minutes. */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout == null");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Request bodies larger than this are answered with 413 and the connection closed; default 64 MiB. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 0: " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** A name for threads and logs; default {@code http}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /** @throws IllegalStateException when no handler was set */
        public HttpServer build() {
            if (handler == null) {
                throw new IllegalStateException("handler is required");
            }
            return new HttpServer(this);
        }
    }
}
