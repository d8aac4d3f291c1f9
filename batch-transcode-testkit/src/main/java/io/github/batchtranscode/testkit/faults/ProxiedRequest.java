package io.github.batchtranscode.testkit.faults;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FaultyProxy#faultOnly} predicate sees of a request: method, raw path and query, and headers.
 *
 * <pre>{@code
 * proxy.faultOnly(r -> r.method().equals("PUT") && r.path().startsWith("/devstoreaccount1/out"));
 * }</pre>
 *
 * @param method  the method, e.g. {@code PUT}
 * @param path    the path as sent, still percent-encoded
 * @param query   the query as sent without {@code ?}, or empty
 * @param headers the header fields in the order sent, names as sent
 */
public record ProxiedRequest(String method, String path, String query, List<Map.Entry<String, String>> headers) {
    public ProxiedRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        query = query == null ? "" : query;
        headers = List.copyOf(Objects.requireNonNull(headers, "headers == null"));
    }

    /** The first value of the header named {@code name} (any case), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Names method and path only: headers and query may carry signatures. */
    @Override
    public String toString() {
        return "ProxiedRequest{" + method + " " + path + "}";
    }
}
