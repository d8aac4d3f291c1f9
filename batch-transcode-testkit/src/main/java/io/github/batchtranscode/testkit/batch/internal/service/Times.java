package io.github.batchtranscode.testkit.batch.internal.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Timestamps and ETags in the formats the Batch service writes. */
public final class Times {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final AtomicLong ETAGS = new AtomicLong(0x8DB5DB8692AD0BFL);

    private Times() {
    }

    /** ISO-8601 UTC with 7 fractional digits, e.g. {@code 2023-05-26T07:11:22.2836415Z}. */
    public static String iso(Instant t) {
        return ISO.format(t);
    }

    /** RFC 1123 with a two-digit day, as the service writes, e.g. {@code Tue, 06 Aug 2019 18:08:47 GMT}. */
    public static String rfc1123(Instant t) {
        return RFC1123.format(t);
    }

    /** A fresh ETag such as {@code 0x8DB5DB8692AD0C0}. */
    public static String newEtag() {
        return "0x" + Long.toHexString(ETAGS.incrementAndGet()).toUpperCase(Locale.ROOT);
    }
}
