package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * A routed request: the operation name, the decoded path segments and query parameters.
 *
 * @param http      the raw request
 * @param operation the operation, e.g. {@code Task_List}
 * @param segments  the path segments, each percent-decoded ({@code %2F} becomes {@code /} inside one segment)
 * @param query     the query parameters, decoded once
 */
public record BatchRequest(HttpRequest http, String operation, List<String> segments, Map<String, String> query) {
    public BatchRequest {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
    }

    public String segment(int i) {
        return segments.get(i);
    }

    /** The path from segment {@code from} on, joined with {@code /} (a file path). */
    public String rest(int from) {
        return String.join("/", segments.subList(from, segments.size()));
    }

    public String param(String name) {
        return query.get(name);
    }
}
