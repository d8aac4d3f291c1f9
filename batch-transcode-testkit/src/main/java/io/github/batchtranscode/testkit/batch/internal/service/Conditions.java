package io.github.batchtranscode.testkit.batch.internal.service;

import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The conditional headers the service honours on pools, jobs and tasks ("Specifying conditional headers for
 * Batch service REST API requests"): {@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since} and
 * {@code If-Unmodified-Since}. A failed condition on a read answers 304 Not Modified; on a change, 412
 * {@code ConditionNotMet}. Call under the state lock, right before the operation runs.
 */
public final class Conditions {
    private Conditions() {
    }

    /** The ETag and last-modified time of the entity a request addresses. */
    record Entity(String etag, Instant lastModified) {
    }

    /** Whether the request carries any conditional header. */
    public static boolean present(HttpRequest request) {
        return request.header("If-Match") != null || request.header("If-None-Match") != null
                || request.header("If-Modified-Since") != null || request.header("If-Unmodified-Since") != null;
    }

    /** The entity a routed request addresses when it is a pool, job or task that exists; else null. */
    public static Entity entity(EmulatorState state, List<String> s) {
        int n = s.size();
        if (n == 2 && s.get(0).equals("pools")) {
            PoolRecord p = state.pool(s.get(1));
            return p == null ? null : new Entity(p.etag, p.lastModified);
        }
        if (!s.get(0).equals("jobs") || n < 2) {
            return null;
        }
        JobRecord j = state.job(s.get(1));
        if (j == null) {
            return null;
        }
        if (n == 2 || (n == 3 && s.get(2).equals("terminate"))) {
            return new Entity(j.etag, j.lastModified);
        }
        boolean task = s.get(2).equals("tasks") && (n == 4 || (n == 5 && s.get(4).equals("terminate")));
        TaskRecord t = task ? j.task(s.get(3)) : null;
        return t == null ? null : new Entity(t.etag, t.lastModified);
    }

    /**
     * The answer to give instead of running the operation: 304 for a read whose condition says "not changed",
     * or null to go ahead.
     *
     * @throws BatchServiceException 412 ConditionNotMet when a change's condition fails
     */
    public static HttpResponse check(HttpRequest request, Entity e) {
        if (e == null) {
            return null;
        }
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        String ifMatch = request.header("If-Match");
        if (ifMatch != null && !matches(ifMatch, e.etag())) {
            throw notMet();
        }
        Instant since = date(request, "If-Unmodified-Since");
        if (since != null && seconds(e.lastModified()).isAfter(since)) {
            throw notMet();
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, e.etag())) {
            return unchanged(read, e);
        }
        Instant modifiedSince = date(request, "If-Modified-Since");
        if (ifNoneMatch == null && modifiedSince != null && !seconds(e.lastModified()).isAfter(modifiedSince)) {
            return unchanged(read, e);
        }
        return null;
    }

    private static HttpResponse unchanged(boolean read, Entity e) {
        if (!read) {
            throw notMet();
        }
        return HttpResponse.of(304).header("ETag", e.etag()).header("Last-Modified", Times.rfc1123(e.lastModified()));
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(HttpRequest request, String name) {
        String value = request.header(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw BatchServiceException.badRequest("InvalidHeaderValue",
                    "The value for one of the HTTP headers is not in the correct format.", "HeaderName", name);
        }
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static BatchServiceException notMet() {
        return BatchServiceException.of(412, "ConditionNotMet",
                "The condition specified using HTTP conditional header(s) is not met.");
    }
}
