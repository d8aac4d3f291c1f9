package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The freshness rule of SharedKey requests: the request's {@code ocp-date} (or {@code Date}) must be within the
 * tolerance (15 minutes, as the service) of the emulator's clock, so a captured request cannot be replayed later.
 */
final class RequestDate {
    private RequestDate() {
    }

    /**
     * @param tolerance how far the date may be from now, or null to skip the check
     * @throws BatchServiceException 403 AuthenticationFailed naming the date when it is missing, malformed or stale
     */
    static void check(HttpRequest request, Duration tolerance, Instant now) {
        if (tolerance == null) {
            return;
        }
        String value = request.header("ocp-date");
        String name = "ocp-date";
        if (value == null) {
            value = request.header("Date");
            name = "Date";
        }
        if (value == null) {
            throw BatchHttpHandler.authFailed("Server failed to authenticate the request. The request carries "
                    + "no ocp-date or Date header.", "The ocp-date or Date header is required.");
        }
        Instant sent;
        try {
            sent = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw BatchHttpHandler.authFailed("Server failed to authenticate the request. The " + name
                    + " header is not an RFC 1123 date.", "The " + name + " header is malformed: '" + value + "'.");
        }
        if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
            throw BatchHttpHandler.authFailed("Server failed to authenticate the request. The request's " + name
                    + " is more than " + tolerance.toMinutes() + " minutes from the service's clock; sign each "
                    + "request when it is sent.", "Request date header too old or too far ahead: '" + value + "'.");
        }
    }
}
