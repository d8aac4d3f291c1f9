package io.github.batchtranscode.testkit.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered list of header fields that keeps each name exactly as written and looks names up without regard
 * to case. Not thread-safe: build one per request or response.
 *
 * <pre>{@code
 * HttpHeaders h = new HttpHeaders().add("ETag", "0x1").add("Content-Type", "text/plain");
 * h.first("etag"); // "0x1"
 * }</pre>
 */
public final class HttpHeaders {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    /** Appends a field, keeping the name's case. */
    public HttpHeaders add(String name, String value) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        fields.add(Map.entry(name, value));
        return this;
    }

    /** Replaces every field of that name (any case) with one field written as {@code name}. */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field of that name, in any case. */
    public HttpHeaders remove(String name) {
        fields.removeIf(e -> e.getKey().equalsIgnoreCase(name));
        return this;
    }

    /** The first value of the named field (case-insensitive), or {@code null}. */
    public String first(String name) {
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Whether a field of that name (any case) is present. */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /** All fields, in order, names as written. */
    public List<Map.Entry<String, String>> all() {
        return List.copyOf(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
