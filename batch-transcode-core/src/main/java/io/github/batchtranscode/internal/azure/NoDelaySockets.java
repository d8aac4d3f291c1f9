package io.github.batchtranscode.internal.azure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off ({@code TCP_NODELAY}), for the Batch client's OkHttp connections; TLS is
 * layered on these sockets, so HTTPS connections get it too. OkHttp leaves Nagle on, and a request whose body is
 * written in several pieces (a {@code Task_AddCollection} of 100 tasks is ~150 KB) then holds its last piece until
 * the server acknowledges the previous one, which the server delays (~40 ms on Linux, up to 200 ms on Windows):
 * measured on the emulator, most chunks of a fan-out waited ~42 ms each for that. The JDK's HttpClient, which
 * the Blob SDK uses here, already turns Nagle off.
 */
final class NoDelaySockets extends SocketFactory {
    static final NoDelaySockets INSTANCE = new NoDelaySockets();
    private final SocketFactory plain = SocketFactory.getDefault();

    private NoDelaySockets() {
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
