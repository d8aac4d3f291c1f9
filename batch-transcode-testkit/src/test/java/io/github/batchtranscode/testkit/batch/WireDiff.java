package io.github.batchtranscode.testkit.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares an answer of the emulator with one recorded from the real service: status, header names with their
 * case (the recorder lower-cased them; the service's canonical case is restored from a table), JSON field names
 * both ways, value types, and the casing of enum-like values. Values themselves (ids, times, counts) may differ.
 */
final class WireDiff {
    /** The service's case for the headers recorders lower-case (see the recordings' notes). */
    private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("etag", "ETag"),
            Map.entry("last-modified", "Last-Modified"), Map.entry("dataserviceid", "DataServiceId"),
            Map.entry("dataserviceversion", "DataServiceVersion"), Map.entry("location", "Location"),
            Map.entry("request-id", "request-id"), Map.entry("client-request-id", "client-request-id"),
            Map.entry("content-type", "Content-Type"), Map.entry("content-length", "Content-Length"),
            Map.entry("date", "Date"), Map.entry("ocp-creation-time", "ocp-creation-time"),
            Map.entry("ocp-batch-file-isdirectory", "ocp-batch-file-isdirectory"),
            Map.entry("ocp-batch-file-url", "ocp-batch-file-url"),
            Map.entry("ocp-batch-file-mode", "ocp-batch-file-mode"));
    /** Headers of the service's front end, not of the Batch protocol. */
    private static final Set<String> INFRASTRUCTURE = Set.of("server", "strict-transport-security",
            "x-content-type-options", "retry-after");
    /** Header values compared exactly. */
    private static final Set<String> EXACT_VALUES = Set.of("content-type", "dataserviceversion",
            "ocp-batch-file-isdirectory", "ocp-batch-file-mode");
    private static final Pattern ENUM_LIKE = Pattern.compile("[A-Za-z]+");

    private WireDiff() {
    }

    /** A recorded exchange: what the service answered to one request. */
    record Recorded(String name, int status, Map<String, String> headers, JsonNode body, boolean bothWays) {
    }

    static List<String> compare(Recorded rec, RawBatch.Reply got) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        String at = "[" + rec.name() + "] ";
        if (rec.status() != got.status()) {
            out.add(at + "status " + got.status() + " where the service answered " + rec.status());
            return out;
        }
        for (Map.Entry<String, String> h : rec.headers().entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (INFRASTRUCTURE.contains(lower) || lower.startsWith("_")) {
                continue;
            }
            String name = CANONICAL.getOrDefault(lower, h.getKey());
            if (!got.headerNames().contains(name)) {
                String sent = got.headerNames().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                        .orElse(null);
                out.add(at + "header " + name + (sent == null ? " missing" : " sent as " + sent));
            } else if (EXACT_VALUES.contains(lower) && !got.header(name).equals(h.getValue())) {
                out.add(at + "header " + name + ": '" + got.header(name) + "' where the service sent '"
                        + h.getValue() + "'");
            }
        }
        if (rec.body() != null && !rec.body().isMissingNode()) {
            json(at, "$", rec.body(), got.body().length == 0 ? null : got.json(), rec.bothWays(), out);
        }
        return out;
    }

    private static void json(String at, String path, JsonNode want, JsonNode got, boolean bothWays,
                             List<String> out) {
        if (got == null) {
            out.add(at + path + " missing");
            return;
        }
        if (want.getNodeType() != got.getNodeType()) {
            out.add(at + path + " is " + got.getNodeType() + " where the service sends " + want.getNodeType());
            return;
        }
        if (want.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().startsWith("_")) {
                    json(at, path + "." + f.getKey(), f.getValue(), got.get(f.getKey()), bothWays, out);
                }
            }
            if (bothWays) {
                got.fieldNames().forEachRemaining(name -> {
                    if (!want.has(name)) {
                        out.add(at + path + "." + name + " sent, where the service sends no such field");
                    }
                });
            }
        } else if (want.isArray()) {
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                json(at, path + "[" + i + "]", want.get(i), got.get(i), bothWays, out);
            }
            if (want.size() != got.size()) {
                out.add(at + path + " has " + got.size() + " items where the service sent " + want.size());
            }
        } else if (want.isTextual() && ENUM_LIKE.matcher(want.asText()).matches()
                && want.asText().equalsIgnoreCase(got.asText()) && !want.asText().equals(got.asText())) {
            out.add(at + path + " = '" + got.asText() + "' where the service writes '" + want.asText() + "'");
        }
    }
}
