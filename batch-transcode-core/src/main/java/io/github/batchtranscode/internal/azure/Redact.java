package io.github.batchtranscode.internal.azure;

import java.util.regex.Pattern;

/** Removes secrets from text that may reach a log or a message: SAS signatures, account keys, query strings. */
public final class Redact {
    private static final Pattern SIG = Pattern.compile("(?i)(sig=)[^&\\s\"']+");
    private static final Pattern ACCOUNT_KEY = Pattern.compile("(?i)(AccountKey=)[^;\\s\"']+");
    private static final Pattern SHARED_KEY = Pattern.compile("(?i)(SharedKey [^:\\s]+:)[^\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)(Bearer )[A-Za-z0-9._~+/=-]+");

    private Redact() {
    }

    /** The text with every SAS signature, account key and authorization value replaced by {@code REDACTED}. */
    public static String secrets(String text) {
        if (text == null) {
            return null;
        }
        String s = SIG.matcher(text).replaceAll("$1REDACTED");
        s = ACCOUNT_KEY.matcher(s).replaceAll("$1REDACTED");
        s = SHARED_KEY.matcher(s).replaceAll("$1REDACTED");
        return BEARER.matcher(s).replaceAll("$1REDACTED");
    }

    /** A URL without its query string (where SAS tokens live). */
    public static String url(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
