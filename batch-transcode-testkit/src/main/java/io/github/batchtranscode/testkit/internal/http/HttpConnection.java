package io.github.batchtranscode.testkit.internal.http;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/** Serves the requests of one keep-alive connection in turn. Package-private: one per socket, one thread. */
final class HttpConnection {
    private static final Logger LOG = TestkitLoggers.HTTP;
    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final HttpHandler handler;
    private final long maxBodyBytes;
    private final java.util.function.ToLongFunction<HttpRequest> bodyCut;
    private final InputStream in;
    private final OutputStream out;

    HttpConnection(Socket socket, HttpHandler handler, long maxBodyBytes,
            java.util.function.ToLongFunction<HttpRequest> bodyCut) throws IOException {
        this.socket = socket;
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyCut = bodyCut;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    void run() throws IOException {
        while (true) {
            String requestLine;
            try {
                requestLine = readLine();
            } catch (SocketTimeoutException | EOFException e) {
                return;
            }
            if (requestLine == null) {
                return;
            }
            if (requestLine.isEmpty()) {
                continue; // tolerated between requests
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                writeSimple(400, "malformed request line");
                return;
            }
            HttpHeaders headers = readHeaders();
            boolean keepAlive = keepAlive(parts[2], headers);
            if ("100-continue".equalsIgnoreCase(headers.first("Expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            if (bodyCut != null) {
                long cut = bodyCut.applyAsLong(new HttpRequest(parts[0], parts[1], headers, null,
                        socket.getInetAddress()));
                if (cut >= 0) {
                    in.readNBytes((int) Math.min(cut, Integer.MAX_VALUE)); // part of the body, then a reset
                    reset();
                    return;
                }
            }
            byte[] body;
            try {
                body = readBody(headers);
            } catch (BodyTooLargeException e) {
                writeSimple(413, "request body too large");
                return;
            }
            HttpRequest request = new HttpRequest(parts[0], parts[1], headers, body, socket.getInetAddress());
            HttpResponse response = handle(request);
            if (response.isReset()) {
                reset();
                return;
            }
            if (!write(request, response, keepAlive)) {
                reset();
                return;
            }
            if (!keepAlive) {
                return;
            }
        }
    }

    private HttpResponse handle(HttpRequest request) {
        try {
            HttpResponse response = handler.handle(request);
            if (response == null) {
                throw new IllegalStateException("handler returned null");
            }
            return response;
        } catch (Exception e) {
            LOG.warn("handler failed on {} {}: {}", request.method(), request.rawPath(), e.toString(), e);
            return HttpResponse.of(500);
        }
    }

    private static boolean keepAlive(String version, HttpHeaders headers) {
        String connection = headers.first("Connection");
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
            return false;
        }
        return !"HTTP/1.0".equals(version) || (connection != null && connection.equalsIgnoreCase("keep-alive"));
    }

    private HttpHeaders readHeaders() throws IOException {
        HttpHeaders headers = new HttpHeaders();
        int count = 0;
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (++count > 200) {
                throw new IOException("too many header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line");
            }
            headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    private byte[] readBody(HttpHeaders headers) throws IOException {
        String te = headers.first("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked();
        }
        String length = headers.first("Content-Length");
        if (length == null) {
            return new byte[0];
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length");
        }
        if (n > maxBodyBytes) {
            throw new BodyTooLargeException();
        }
        return in.readNBytes((int) n);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (true) { // trailers
                    String trailer = readLine();
                    if (trailer == null || trailer.isEmpty()) {
                        return body.toByteArray();
                    }
                }
            }
            if (body.size() + (long) size > maxBodyBytes) {
                throw new BodyTooLargeException();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    /** Reads a CRLF- (or LF-) terminated ISO-8859-1 line; {@code null} at a clean end of stream. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed mid-line");
            }
            if (c == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            line.append((char) c);
        }
    }

    private void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Writes the response; false when it was cut short on purpose and the connection must be reset. */
    private boolean write(HttpRequest request, HttpResponse response, boolean keepAlive) throws IOException {
        boolean head = "HEAD".equals(request.method());
        HttpHeaders headers = response.headers();
        byte[] body = response.body();
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(response.status()).append(' ').append(HttpStatus.reason(response.status()))
                .append("\r\n");
        boolean hasLength = false;
        for (Map.Entry<String, String> h : headers.all()) {
            hasLength |= h.getKey().equalsIgnoreCase("Content-Length");
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        boolean bodyless = response.status() == 204 || response.status() == 304 || response.status() < 200;
        if (!hasLength && !bodyless) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!keepAlive) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        long cut = response.resetAfterBodyBytes();
        if (!head && !bodyless) {
            out.write(body, 0, cut >= 0 ? (int) Math.min(cut, body.length) : body.length);
        }
        out.flush();
        return cut < 0 || head || bodyless;
    }

    private void writeSimple(int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + HttpStatus.reason(status) + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
