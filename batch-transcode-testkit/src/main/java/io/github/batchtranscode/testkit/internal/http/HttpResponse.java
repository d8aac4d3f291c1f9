package io.github.batchtranscode.testkit.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * A response to write: status, header fields in exactly the case given, and a body. The server adds
 * {@code Content-Length} when the handler did not, and never sends a body to a {@code HEAD} request.
 * A response built by {@link #resetConnection()} makes the server abort the connection with a TCP reset instead.
 *
 * <pre>{@code
 * return HttpResponse.of(200).header("ETag", "0x1").body("hello", "text/plain");
 * }</pre>
 */
public final class HttpResponse {
    private final int status;
    private final HttpHeaders headers = new HttpHeaders();
    private byte[] body = new byte[0];
    private final boolean reset;
    private long resetAfterBodyBytes = -1;

    private HttpResponse(int status, boolean reset) {
        this.status = status;
        this.reset = reset;
    }

    /** A response with this status and no body yet. */
    public static HttpResponse of(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be a 3-digit HTTP status: " + status);
        }
        return new HttpResponse(status, false);
    }

    /** Not a response: the server resets the TCP connection (SO_LINGER 0) without answering. */
    public static HttpResponse resetConnection() {
        return new HttpResponse(0, true);
    }

    /** Appends a header field, keeping the name's case. */
    public HttpResponse header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** Sets the body and its {@code Content-Type}. */
    public HttpResponse body(byte[] bytes, String contentType) {
        this.body = bytes == null ? new byte[0] : bytes;
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        return this;
    }

    /** Sets a UTF-8 text body and its {@code Content-Type}. */
    public HttpResponse body(String text, String contentType) {
        return body(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /**
     * Makes the server send the status line, the headers (with the full {@code Content-Length}) and only the first
     * {@code bytes} of the body, then reset the connection: a download that breaks mid-body.
     */
    public HttpResponse resetAfterBodyBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
        }
        this.resetAfterBodyBytes = bytes;
        return this;
    }

    /** How many body bytes are sent before the connection is reset, or -1 to send the whole answer. */
    public long resetAfterBodyBytes() {
        return resetAfterBodyBytes;
    }

    /** Whether the server should reset the connection instead of answering. */
    public boolean isReset() {
        return reset;
    }
}
