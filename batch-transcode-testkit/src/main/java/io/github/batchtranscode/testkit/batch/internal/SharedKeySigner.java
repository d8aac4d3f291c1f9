package io.github.batchtranscode.testkit.batch.internal;

import io.github.batchtranscode.testkit.internal.http.HttpHeaders;
import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Batch SharedKey scheme as the {@code azure-batch} 11.2.0 client signs: string-to-sign, HMAC-SHA256 and the
 * constant-time check of an {@code Authorization: SharedKey ACCOUNT:SIG} header. Stateless and thread-safe.
 */
public final class SharedKeySigner {
    private static final List<String> STANDARD = List.of("Content-Encoding", "Content-Language", "Content-Length",
            "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match",
            "If-Unmodified-Since", "Range");

    private SharedKeySigner() {
    }

    /**
     * The string the client signed for this request.
     *
     * @param method      the HTTP method
     * @param rawPath     the percent-encoded path as sent, e.g. {@code /jobs/j1/tasks/t1/files/wd%2Fx.txt}
     * @param rawQuery    the raw query without {@code ?}, or null
     * @param headers     the request headers
     * @param accountName the account name (lower-cased here)
     */
    public static String stringToSign(String method, String rawPath, String rawQuery, HttpHeaders headers,
                                      String accountName) {
        StringBuilder sb = new StringBuilder(method).append('\n');
        for (String name : STANDARD) {
            String v = headers.first(name);
            sb.append(v == null ? "" : v).append('\n');
        }
        TreeMap<String, String> ocp = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.all()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ocp-")) {
                ocp.putIfAbsent(name, h.getValue().replace('\r', ' ').replace('\n', ' ').stripLeading());
            }
        }
        ocp.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        sb.append('/').append(accountName.toLowerCase(Locale.ROOT)).append('/').append(path);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            // As the client: percent-decode the whole query once (OkHttp's query()), split, then URLDecoder again.
            TreeMap<String, String> params = new TreeMap<>();
            for (String pair : percentDecode(rawQuery).split("&")) {
                int eq = pair.indexOf('=');
                String key = formDecode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
                params.put(key, value);
            }
            params.forEach((k, v) -> sb.append('\n').append(k).append(':').append(v));
        }
        return sb.toString();
    }

    /** Base64 HMAC-SHA256 of {@code stringToSign} under {@code key}. */
    public static String sign(String stringToSign, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether the request carries a valid SharedKey signature for this account and key. */
    public static boolean verify(HttpRequest request, String accountName, byte[] key) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("SharedKey ")) {
            return false;
        }
        String credential = auth.substring("SharedKey ".length()).trim();
        int colon = credential.lastIndexOf(':');
        if (colon <= 0 || !credential.substring(0, colon).equalsIgnoreCase(accountName)) {
            return false;
        }
        String expected = sign(stringToSign(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), accountName), key);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credential.substring(colon + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes {@code %XX} only (as OkHttp does), leaving {@code +} alone. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out[n++] = (byte) (hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out[n++] = in[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
