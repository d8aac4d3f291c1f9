package io.github.batchtranscode.internal.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic task ids: a readable slug of the file name and a hash of the relative path and output format,
 * so the same request always yields the same ids (a resubmission is recognised as such) and ids are valid for
 * Azure Batch (at most 64 characters of letters, digits, '-' and '_').
 */
public final class TaskIds {
    private static final int SLUG_MAX = 40;

    private TaskIds() {
    }

    public static String of(String relativeInput, String formatKey) {
        String name = relativeInput.substring(relativeInput.lastIndexOf('/') + 1);
        StringBuilder slug = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (slug.length() >= SLUG_MAX) {
                break;
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            char out = ok ? c : '_';
            if (out == '_' && slug.length() > 0 && slug.charAt(slug.length() - 1) == '_') {
                continue;
            }
            slug.append(out);
        }
        String s = slug.toString().replaceAll("^[_-]+|[_-]+$", "");
        String hash = hash(relativeInput + "\n" + formatKey);
        return (s.isEmpty() ? "file" : s) + "-" + hash;
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
