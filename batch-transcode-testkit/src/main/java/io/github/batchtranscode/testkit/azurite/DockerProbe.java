package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * Decides cheaply and quietly whether a Docker engine is usable. Testcontainers' own detection logs errors
 * and stack traces when no engine runs, so it is only asked once an engine socket has answered a
 * {@code GET /_ping} (or when the engine is reached in a way this class cannot ping, e.g. a Windows pipe).
 */
final class DockerProbe {
    private static final Logger LOG = TestkitLoggers.AZURITE;
    private static final long PING_TIMEOUT_MILLIS = 2_000;

    private final Map<String, String> env;

    DockerProbe(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Availability probe() {
        String dockerHost = env.getOrDefault("DOCKER_HOST", "").trim();
        if (!dockerHost.isEmpty()) {
            return probeHost(dockerHost);
        }
        if (System.getProperty("os.name", "").startsWith("Windows") || hasTestcontainersHostSetting()) {
            return askTestcontainers("the default Docker engine");
        }
        List<Path> tried = new ArrayList<>();
        for (Path socket : candidateSockets()) {
            if (!Files.exists(socket)) {
                tried.add(socket);
                continue;
            }
            if (ping(UnixDomainSocketAddress.of(socket), StandardProtocolFamily.UNIX)) {
                return askTestcontainers(socket.toString());
            }
            return Availability.unusable("the Docker socket " + socket + " exists but no engine answers on it");
        }
        return Availability.unusable("no Docker engine: DOCKER_HOST is unset and none of " + tried + " exists");
    }

    private Availability probeHost(String dockerHost) {
        URI uri;
        try {
            uri = URI.create(dockerHost);
        } catch (IllegalArgumentException e) {
            return Availability.unusable("DOCKER_HOST '" + dockerHost + "' is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        boolean tls = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isBlank();
        if (scheme.equals("unix") && ping(UnixDomainSocketAddress.of(uri.getPath()), StandardProtocolFamily.UNIX)
                || scheme.equals("tcp") && !tls && uri.getPort() > 0
                        && ping(new InetSocketAddress(uri.getHost(), uri.getPort()), StandardProtocolFamily.INET)) {
            return askTestcontainers(dockerHost);
        }
        if (scheme.equals("unix") || scheme.equals("tcp") && !tls) {
            return Availability.unusable("no Docker engine answers at DOCKER_HOST " + dockerHost);
        }
        return askTestcontainers(dockerHost);
    }

    private boolean hasTestcontainersHostSetting() {
        Path props = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        try {
            return Files.isRegularFile(props)
                    && Files.readAllLines(props).stream().anyMatch(l -> l.trim().startsWith("docker.host"));
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> candidateSockets() {
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
        String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "").trim();
        if (!runtime.isEmpty()) {
            sockets.add(Path.of(runtime, "docker.sock"));
            sockets.add(Path.of(runtime, "podman", "podman.sock"));
        }
        return sockets;
    }

    private static boolean ping(SocketAddress address, StandardProtocolFamily family) {
        AtomicReference<SocketChannel> holder = new AtomicReference<>();
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(family)) {
                holder.set(channel);
                channel.connect(address);
                channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buffer = ByteBuffer.allocate(256);
                channel.read(buffer);
                String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                return head.startsWith("HTTP/1.") && head.contains(" 200 ");
            } catch (IOException | RuntimeException e) {
                LOG.debug("Docker ping at {} failed: {}", address, e.toString());
                return false;
            }
        });
        try {
            return answer.get(PING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(holder.get());
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static Availability askTestcontainers(String where) {
        try {
            if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return Availability.usable("Docker engine at " + where);
            }
            return Availability.unusable("Testcontainers cannot use the Docker engine at " + where);
        } catch (LinkageError e) {
            return Availability.unusable("Testcontainers (org.testcontainers:azure) is not on the classpath");
        }
    }
}
