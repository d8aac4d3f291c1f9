package io.github.batchtranscode.testkit.batch.internal.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Timestamps and ETags in the formats the Batch service writes. */
public final class Times {
    /** The whole seconds of {@link #iso}: formatted once a second, not once a timestamp. */
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final AtomicLong ETAGS = new AtomicLong(0x8DB5DB8692AD0BFL);

    private Times() {
    }

    /** ISO-8601 UTC with 7 fractional digits, e.g. {@code 2023-05-26T07:11:22.2836415Z}. */
    public static String iso(Instant t) {
        Second s = lastSecond;
        if (s.epochSecond() != t.getEpochSecond()) {
            s = new Second(t.getEpochSecond(), ISO_SECONDS.format(t));
            lastSecond = s;
        }
        String fraction = Integer.toString(t.getNano() / 100); // 7 digits: the service's 100-ns ticks
        return new StringBuilder(s.text().length() + 8).append(s.text()).append("0000000", fraction.length(), 7)
                .append(fraction).append('Z').toString();
    }

    /** The text of one second of {@link #iso}, up to and with its decimal point. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** RFC 1123 with a two-digit day, as the service writes, e.g. {@code Tue, 06 Aug 2019 18:08:47 GMT}. */
    public static String rfc1123(Instant t) {
        return RFC1123.format(t);
    }

    /** A fresh ETag such as {@code 0x8DB5DB8692AD0C0}. */
    public static String newEtag() {
        return "0x" + Long.toHexString(ETAGS.incrementAndGet()).toUpperCase(Locale.ROOT);
    }
}
