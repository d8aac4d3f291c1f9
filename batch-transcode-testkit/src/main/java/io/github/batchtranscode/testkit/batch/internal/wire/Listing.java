package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.PercentEncoding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Paging, {@code $select} and {@code $filter} for list operations. A page scans from the position in the
 * skip token, so walking all pages of N items costs O(N) in total, with or without a filter.
 */
final class Listing {
    static final int MAX_RESULTS = 1000;

    private Listing() {
    }

    /** A page: the items, and the position to continue from, or -1 at the end. */
    record Page<T>(List<T> items, int next) {
    }

    static <T> Page<T> page(List<T> ordered, BatchRequest req, Predicate<T> include) {
        return page(ordered, skipToken(req), maxResults(req), include);
    }

    /** A page of the items from position {@code start} that {@code include} accepts, at most {@code max}. */
    static <T> Page<T> page(List<T> ordered, int start, int max, Predicate<T> include) {
        List<T> items = new ArrayList<>();
        int i = start;
        for (; i < ordered.size() && items.size() < max; i++) {
            T t = ordered.get(i);
            if (include.test(t)) {
                items.add(t);
            }
        }
        return new Page<>(items, i < ordered.size() ? i : -1);
    }

    /** The filter of the request as a predicate over a property resolver; all-true when there is none. */
    static <T> Predicate<T> filter(BatchRequest req, Set<String> properties,
                                   java.util.function.BiFunction<T, String, Object> resolver) {
        String f = req.param("$filter");
        if (f == null || f.isBlank()) {
            return t -> true;
        }
        ODataFilter parsed = ODataFilter.parse(f, properties);
        return t -> parsed.test(p -> resolver.apply(t, p));
    }

    /** The list body: rendered items projected to {@code $select}, and an absolute {@code odata.nextLink}. */
    static <T> ObjectNode body(BatchRequest req, Page<T> page, Function<T, ObjectNode> render, String baseUrl,
                               String metadata) {
        Set<String> select = select(req);
        ObjectNode body = BatchJson.object();
        body.put("odata.metadata", baseUrl + "/$metadata#" + metadata);
        ArrayNode value = body.putArray("value");
        for (T t : page.items()) {
            ObjectNode full = render.apply(t);
            if (select.isEmpty()) {
                value.add(full);
            } else {
                ObjectNode o = value.addObject();
                for (String field : select) {
                    if (full.has(field)) {
                        o.set(field, full.get(field));
                    }
                }
            }
        }
        if (page.next() >= 0) {
            body.put("odata.nextLink", nextLink(req, page.next(), baseUrl));
        }
        return body;
    }

    /**
     * Refuses a {@code $filter} comparing {@code state} with a value that is no state, as the service does.
     *
     * @throws BatchServiceException 400 InvalidQueryParameterValue naming the value
     */
    static void checkStateLiterals(BatchRequest req, Set<String> states) {
        String f = req.param("$filter");
        if (f == null) {
            return;
        }
        var m = java.util.regex.Pattern.compile("(?i)\\bstate\\s+(?:eq|ne)\\s+'([^']*)'").matcher(f);
        while (m.find()) {
            if (!states.contains(m.group(1))) {
                Map<String, String> v = new java.util.LinkedHashMap<>();
                v.put("QueryParameterName", "state");
                v.put("QueryParameterValue", m.group(1));
                v.put("Reason", "invalid state");
                throw new BatchServiceException(400, "InvalidQueryParameterValue",
                        "Value for one of the query parameters specified in the request URI is invalid.", v);
            }
        }
    }

    static Set<String> select(BatchRequest req) {
        String s = req.param("$select");
        Set<String> fields = new LinkedHashSet<>();
        if (s != null) {
            for (String f : s.split(",")) {
                if (!f.isBlank()) {
                    fields.add(f.trim());
                }
            }
        }
        return fields;
    }

    private static String nextLink(BatchRequest req, int next, String baseUrl) {
        StringBuilder sb = new StringBuilder(baseUrl).append(req.http().rawPath()).append('?');
        sb.append("api-version=")
                .append(PercentEncoding.encode(req.query().getOrDefault("api-version", "2024-07-01.20.0")));
        for (Map.Entry<String, String> e : req.query().entrySet()) {
            String k = e.getKey();
            if (k.equals("$filter") || k.equals("$select") || k.equals("$expand") || k.equals("maxresults")
                    || k.equals("recursive")) {
                sb.append('&').append(k).append('=').append(PercentEncoding.encode(e.getValue()));
            }
        }
        return sb.append("&$skiptoken=").append(next).toString();
    }

    static int maxResults(BatchRequest req) {
        String m = req.param("maxresults");
        if (m == null) {
            return MAX_RESULTS;
        }
        try {
            int n = Integer.parseInt(m.trim());
            if (n >= 1 && n <= MAX_RESULTS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw invalid("maxresults", m);
    }

    static int skipToken(BatchRequest req) {
        String t = req.param("$skiptoken");
        if (t == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(t.trim()));
        } catch (NumberFormatException e) {
            throw invalid("$skiptoken", t);
        }
    }

    private static BatchServiceException invalid(String name, String value) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("QueryParameterName", name);
        v.put("QueryParameterValue", value);
        return new BatchServiceException(400, "InvalidQueryParameterValue",
                "Value for one of the query parameters specified in the request URI is invalid.", v);
    }
}
