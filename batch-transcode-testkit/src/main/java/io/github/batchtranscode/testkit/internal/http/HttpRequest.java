package io.github.batchtranscode.testkit.internal.http;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP/1.1 request as it came off the wire: the path and query stay percent-encoded, exactly as sent, so that
 * signatures over the raw path can be checked and {@code %2F} inside a segment is not mistaken for a separator.
 *
 * @param method        the request method, e.g. {@code GET}
 * @param target        the request target as sent, e.g. {@code /jobs/j1/tasks?api-version=…}
 * @param headers       the header fields, names as sent
 * @param body          the body (de-chunked), empty when none
 * @param remoteAddress the peer's address
 */
public record HttpRequest(String method, String target, HttpHeaders headers, byte[] body, InetAddress remoteAddress) {
    public HttpRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(target, "target == null");
        Objects.requireNonNull(headers, "headers == null");
        body = body == null ? new byte[0] : body;
    }

    /** The raw, still percent-encoded path, without the query. */
    public String rawPath() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string without the {@code ?}, or {@code null} when there is none. */
    public String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /** The query parameters, each name and value percent-decoded once; for a repeated name the last value wins. */
    public Map<String, String> queryParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        String query = rawQuery();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(name), decode(value));
        }
        return params;
    }

    /** The first value of a header (case-insensitive), or {@code null}. */
    public String header(String name) {
        return headers.first(name);
    }

    /** Decodes {@code %XX} escapes and {@code +} as in a form-encoded query; malformed escapes are kept as is. */
    public static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
