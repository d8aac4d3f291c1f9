package io.github.batchtranscode.testkit.batch.internal.service;

import java.nio.charset.StandardCharsets;

/** URL percent-encoding as the service writes it in links, file URLs and blob paths. */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    /** Percent-encodes everything but unreserved characters (spaces as {@code %20}). */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
